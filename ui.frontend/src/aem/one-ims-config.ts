/**
 * Creating the one Brand Portal IMS configuration when two admins (or an admin and a CLI run) may
 * do it at the same moment. AEM itself refuses no duplicate, so: read fresh just before saving
 * (someone else's configuration means edit, not create); after saving, let the other saves land,
 * read again, and if several Brand Portal configurations now exist, the one with the smallest id
 * stays and every other creator deletes its own. Every side applies the same rule, so exactly
 * one remains whichever order the requests land in.
 */
import { brandPortalImsConfigs } from '../domain/ims-detection';
import type { ImsConfig, ImsConfigInput } from '../domain/types';
import { deleteImsConfigs, listImsConfigs, saveImsConfig } from './ims-client';

export class ImsConfigExistsError extends Error {
  constructor(readonly title: string) {
    super(`A Brand Portal IMS configuration already exists: ${title}`);
  }
}

/** Long enough for a concurrent save to land before the second read. */
export const SETTLE_MS = 400;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function createOneImsConfig(
  input: ImsConfigInput,
  referencedIds: string[],
  markedId?: string,
): Promise<{ id: string; gaveWay: boolean; listed: ImsConfig[] }> {
  // Every configuration as last read: the page shows it without reading the list once more.
  let listed: ImsConfig[] = [];
  const find = async () => {
    listed = await listImsConfigs();
    return brandPortalImsConfigs(listed, referencedIds, markedId).configs;
  };
  const before = await find();
  if (before.length) throw new ImsConfigExistsError(before[0].title);
  const id = await saveImsConfig(input);
  await sleep(SETTLE_MS);
  const after = await find();
  if (after.length > 1) {
    const keeper = [...after].sort((a, b) => a.id.localeCompare(b.id))[0];
    const mine = after.find((c) => c.id === id);
    if (keeper.id !== id && mine) {
      await deleteImsConfigs([mine.pid]);
      return { id: keeper.id, gaveWay: true, listed: listed.filter((c) => c.id !== id) };
    }
    // The keeper waits (bounded) for the others to remove theirs, so what it shows next is settled.
    for (let i = 0; i < 10 && (await find()).length > 1; i++) await sleep(SETTLE_MS / 2);
  }
  return { id, gaveWay: false, listed };
}
