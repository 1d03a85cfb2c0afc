/**
 * Which of several Brand Portal IMS configurations stays when concurrent creators made more than
 * one: the oldest by its file's `jcr:created` (to the second), then the smallest id. Both are
 * written once and read the same by every creator, so all of them pick the same keeper. A
 * configuration whose creation time cannot be read sorts last (never kept over a dated one).
 */
import { parseDateText } from './java-date';
import { identifiedBy } from './ims-detection';
import type { ImsConfig } from './types';

const createdMs = (c: ImsConfig): number => {
  const ms = c.created ? parseDateText(c.created) : NaN;
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
};

export function keeperOf(configs: readonly ImsConfig[]): ImsConfig {
  if (!configs.length) throw new Error('keeperOf needs at least one configuration');
  return [...configs].sort((a, b) => createdMs(a) - createdMs(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}

/**
 * The configuration a cloud service should name, read right before or right after its save: the
 * one chosen while it is still there; once another creator's keeper rule deleted it, the keeper
 * of the Brand Portal configurations left. None when none is left.
 */
export function linkTarget(listed: readonly ImsConfig[], chosen: string, candidates: readonly ImsConfig[]): ImsConfig | undefined {
  const kept = listed.find((c) => identifiedBy(c, chosen));
  if (kept) return kept;
  return candidates.length ? keeperOf(candidates) : undefined;
}
