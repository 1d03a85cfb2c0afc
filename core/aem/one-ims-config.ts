/**
 * Creating the one Brand Portal IMS configuration when two admins (or an admin and a CLI run) may
 * do it at the same moment. AEM itself refuses no duplicate, so: read fresh just before saving
 * (someone else's configuration means edit, not create); after saving, read again, and when
 * several Brand Portal configurations exist, apply one rule to what was read: the oldest stays
 * (its file's `jcr:created`, then the smaller id), and this creator deletes every other one it
 * sees, its own included when it is not the keeper. No waiting: whoever saves last sees all the
 * earlier ones, so exactly one remains whatever the timing, and every side picks the same keeper.
 */
import type { AemSession } from './session';
import { brandPortalImsConfigs } from '../domain/ims-detection';
import { keeperOf } from '../domain/ims-keeper';
import type { ImsConfig, ImsConfigInput } from '../domain/types';
import { deleteImsConfigsIfPresent, listImsConfigs, saveImsConfig } from './ims-client';
import { ImsConfigExistsError } from '../errors';

export async function createOneImsConfig(
  s: AemSession,
  input: ImsConfigInput,
  referencedIds: string[],
  markedId?: string,
): Promise<{ id: string; gaveWay: boolean; listed: ImsConfig[] }> {
  // Every configuration as last read: the page shows it without reading the list once more.
  let listed: ImsConfig[] = [];
  const find = async () => {
    listed = await listImsConfigs(s);
    return brandPortalImsConfigs(listed, referencedIds, markedId).configs;
  };
  const before = await find();
  if (before.length) throw new ImsConfigExistsError(before[0].title);
  const id = await saveImsConfig(s, input);
  const after = await find();
  if (after.length < 2) return { id, gaveWay: false, listed };
  const keeper = keeperOf(after);
  const others = after.filter((c) => c.id !== keeper.id);
  // Another creator may delete the same ones at the same moment: an already-deleted one is fine.
  await deleteImsConfigsIfPresent(
    s,
    others.map((c) => c.pid),
  );
  const gone = new Set(others.map((c) => c.id));
  return { id: keeper.id, gaveWay: keeper.id !== id, listed: listed.filter((c) => !gone.has(c.id)) };
}
