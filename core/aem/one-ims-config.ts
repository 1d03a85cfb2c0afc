/**
 * Creating the one Brand Portal IMS configuration when two admins (or an admin and a CLI run) may
 * do it at the same moment. AEM itself refuses no duplicate, so: read fresh just before saving
 * (someone else's configuration means edit, not create); after saving, read again, and when
 * several Brand Portal configurations exist, apply one rule to what was read: the oldest stays
 * (its file's `jcr:created`, then the smaller id), and this creator deletes every other one it
 * sees, its own included when it is not the keeper. Whoever saves last sees all the earlier ones,
 * so exactly one remains whatever the timing, and every side that sees several picks the same keeper.
 *
 * A creator that sees only its own looks once more after a second: `jcr:created` is rendered to the
 * second, so a creator saving later in the same second can find the two tied and keep the other one
 * by id. Without the second look, this creator would go on using a configuration just deleted (its
 * Check Health would find none, and its cloud service would point at nothing). After a second, any
 * later save is dated a second later and sees this one as the older.
 */
import type { AemSession } from './session';
import { brandPortalImsConfigs } from '../domain/ims-detection';
import { keeperOf } from '../domain/ims-keeper';
import type { ImsConfig, ImsConfigInput } from '../domain/types';
import { deleteImsConfigsIfPresent, listImsConfigs, saveImsConfig } from './ims-client';
import { ImsConfigExistsError } from '../errors';
import { sleep } from './sleep';

/** Past the second a save is dated in (`jcr:created` to the second), with a margin for the clock. */
export const SAME_SECOND_MS = 1100;

export async function createOneImsConfig(
  s: AemSession,
  input: ImsConfigInput,
  referencedIds: string[],
  markedId?: string,
): Promise<{ id: string; gaveWay: boolean; listed: ImsConfig[] }> {
  // Every configuration as last read: the page shows it without reading the list once more.
  let listed: ImsConfig[] = [];
  const find = async (alreadyRead: ImsConfig[] = []) => {
    listed = await listImsConfigs(s, alreadyRead);
    return brandPortalImsConfigs(listed, referencedIds, markedId).configs;
  };
  const before = await find();
  if (before.length) throw new ImsConfigExistsError(before[0].title);
  const id = await saveImsConfig(s, input);
  let after = await find();
  if (after.every((c) => c.id === id)) {
    await sleep(SAME_SECOND_MS);
    // The folder again; only a file that was not there is read.
    after = await find(listed);
  }
  // Not listed at all (AEM's file may lag its save): this page's own is the one it knows of.
  if (!after.length) return { id, gaveWay: false, listed };
  // The rule over what is seen; one left that is not ours means another creator kept its own.
  const keeper = keeperOf(after);
  const others = after.filter((c) => c.id !== keeper.id);
  // Another creator may delete the same ones at the same moment: an already-deleted one is fine.
  if (others.length)
    await deleteImsConfigsIfPresent(
      s,
      others.map((c) => c.pid),
    );
  const gone = new Set(others.map((c) => c.id));
  return { id: keeper.id, gaveWay: keeper.id !== id, listed: listed.filter((c) => !gone.has(c.id)) };
}
