/**
 * `bpsetup remove-orphans`: the Brand Portal agents no configuration explains (leftovers of a
 * corrected or removed tenant), removed on their own and exactly those, as step 6's "Remove these
 * agents" does: queues empty, a backup package, the deletions, the read-back. `--dry-run` lists
 * them and sends nothing. An author with none is left as it is (exit 0).
 */
import type { AemClient } from '../../core/aem/client';
import { removeAgents, waitingSummary } from '../../core/aem/agent-removal';
import { proveSettingsGuarded } from '../../core/aem/settings-guard';
import { orphanAgents } from '../../core/domain/agents';
import { tenantUrlsOf } from '../../core/domain/tenant';
import type { Change, HostResult } from '../host-result';
import { failureOf, notAnAuthor, unreachable, unreachableResult } from './inspect';

export async function removeOrphans(
  client: AemClient,
  url: string,
  dryRun: boolean,
  progress: (text: string) => void,
): Promise<HostResult> {
  const command = 'remove-orphans';
  const endpoints = client.session.endpoints;
  const reading = await client.readSetupFacts(undefined, undefined, proveSettingsGuarded);
  const fatal = unreachable(reading.errors.cloud, endpoints);
  if (fatal) return unreachableResult(url, command, fatal);
  const stranger = await notAnAuthor(client, reading.errors.version);
  if (stranger) return unreachableResult(url, command, stranger);
  // Which agents are orphans depends on every configuration and every agent: both must have been read.
  if (reading.errors.cloud) return { url, command, exit: 2, changes: [], failure: failureOf(reading.errors.cloud, endpoints) };

  const orphans = orphanAgents(reading.facts.agents ?? [], tenantUrlsOf(reading.facts.cloudConfigs ?? []));
  const paths = orphans.map((a) => a.path);
  const planned: Change[] = paths.map((path) => ({
    action: 'remove the agent of no configuration',
    path,
    ...(dryRun && { planned: true }),
  }));
  if (!paths.length || dryRun) return { url, command, exit: 0, version: reading.facts.version, changes: planned };

  progress(`removing ${paths.length} agent(s): queues, backup, deletion`);
  try {
    const outcome = await removeAgents(client.session, paths, 'orphan-agents');
    if (outcome.status === 'queued')
      return {
        url,
        command,
        exit: 1,
        changes: [],
        failure: {
          title: 'Not removed: items wait in their queues',
          explanation: waitingSummary(outcome.waiting),
          fix: 'Wait until they are delivered (or clear them in the replication console), then run remove-orphans again.',
        },
      };
    const changes: Change[] = [
      { action: 'backup package of the removed agents', path: outcome.backup.path },
      ...outcome.removed.map((path) => ({ action: 'removed the agent of no configuration', path })),
    ];
    if (outcome.left.length)
      return {
        url,
        command,
        exit: 1,
        changes,
        failure: {
          title: 'Some agents are still there after their deletion',
          explanation: `Read back: ${outcome.left.join(', ')}. Backup package: ${outcome.backup.path}.`,
          fix: 'Delete them in the replication console.',
        },
      };
    return { url, command, exit: 0, version: reading.facts.version, changes };
  } catch (e) {
    return { url, command, exit: unreachable(e, endpoints) ? 2 : 1, changes: [], failure: failureOf(e, endpoints) };
  }
}
