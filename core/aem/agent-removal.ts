/**
 * Removing replication agents without losing anything: their queues must be empty (what waits is
 * named and nothing is touched), Package Manager builds a backup package of exactly those agents,
 * then each is deleted and the agents are read back. The tenant replacement and the removal of
 * orphans both go this way.
 */
import type { AemSession } from './session';
import { backUp, type BackupPackage } from './backup-package';
import { deleteNode, listAgents, readAgentQueue } from './brand-portal-client';
import { agentPath } from '../contract/endpoints';
import type { ReplicationAgent } from '../domain/types';
import { t } from '../i18n';

export interface WaitingItems {
  name: string;
  pending: number;
}

const nameOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The agents whose queues hold items (a queue that cannot be read throws: nothing is judged empty unread). */
export async function waitingItems(s: AemSession, paths: readonly string[]): Promise<WaitingItems[]> {
  const read = await Promise.all(paths.map(async (p) => ({ name: nameOf(p), pending: (await readAgentQueue(s, nameOf(p))).pending })));
  return read.filter((q) => q.pending > 0);
}

/** "mp_replication_agent1_default_acme: 2 item(s) waiting; …": what waits, said the same everywhere. */
export const waitingSummary = (waiting: readonly WaitingItems[]): string =>
  waiting.map((w) => t('{0}: {1} item(s) waiting', w.name, String(w.pending))).join('; ');

export interface Deleted {
  removed: string[];
  /** Paths still read back after their deletion. */
  left: string[];
  agents: ReplicationAgent[];
}

/** Deletes each agent, then reads the agents back. */
export async function deleteAgents(s: AemSession, paths: readonly string[]): Promise<Deleted> {
  for (const path of paths) await deleteNode(s, path);
  const agents = await listAgents(s);
  const left = paths.filter((p) => agents.some((a) => agentPath(s.endpoints, a.name) === p));
  return { removed: paths.filter((p) => !left.includes(p)), left, agents };
}

export type RemovalOutcome = { status: 'queued'; waiting: WaitingItems[] } | ({ status: 'removed'; backup: BackupPackage } & Deleted);

/** Queues empty, a backup, the deletions, the read-back: in that order, stopping at the first that fails. */
export async function removeAgents(s: AemSession, paths: readonly string[], what: string): Promise<RemovalOutcome> {
  const waiting = await waitingItems(s, paths);
  if (waiting.length) return { status: 'queued', waiting };
  const backup = await backUp(s, paths, what);
  return { status: 'removed', backup, ...(await deleteAgents(s, paths)) };
}
