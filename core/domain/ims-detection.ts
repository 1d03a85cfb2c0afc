/**
 * Which IMS configurations serve Brand Portal. The cloud
 * service's reference decides once it exists; before that, the configuration the admin marked on
 * this page; failing both, a guess: a JWT one whose claims carry the Brand Portal metascope, or one
 * titled for Brand Portal. Every configuration on the author stays visible either way.
 */
import { IMS } from '../contract/aem-names';
import type { ImsConfig } from './types';

/** A cloud service's `imsConfig` (or a page's mark) names a configuration by its id or its PID. */
export const identifiedBy = (config: ImsConfig, reference: string): boolean => config.id === reference || config.pid === reference;

export function looksLikeBrandPortal(config: ImsConfig): boolean {
  if ((config.defaultClaims ?? []).some((c) => c.includes(`${IMS.metascopePrefix}${IMS.brandPortalMetascope}`))) return true;
  return /brand\s*portal/i.test(config.title);
}

export type BrandPortalChoice = 'referenced' | 'marked' | 'guessed';

export function brandPortalImsConfigs(
  configs: ImsConfig[],
  referencedIds: readonly string[] = [],
  markedId?: string,
): { configs: ImsConfig[]; by: BrandPortalChoice } {
  const referenced = configs.filter((c) => referencedIds.some((id) => identifiedBy(c, id)));
  if (referenced.length) return { configs: referenced, by: 'referenced' };
  const marked = markedId ? configs.filter((c) => identifiedBy(c, markedId)) : [];
  if (marked.length) return { configs: marked, by: 'marked' };
  return { configs: configs.filter(looksLikeBrandPortal), by: 'guessed' };
}
