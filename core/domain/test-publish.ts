/**
 * The opt-in test publish, judged: per agent, whether the test asset left its queue (delivered),
 * sits at the head of a blocked queue after an attempt (refused, with the agent log's error and its
 * fix), or still waits; then the whole outcome in plain words, cleanup included. Claims only what
 * was seen: a queue that could not be read is "unknown", leftovers that could not be read are not
 * called "none". Pure: no I/O.
 */
import { t } from '../i18n';
import { PUBLISH_PROOF } from '../contract/aem-names';
import { checkAgents } from './agents';
import { replicationErrorFix } from './publishing-health';
import type { AgentQueue } from './queue';
import type { SetupFacts } from './state';
import { currentTenant } from './tenant';
import type { SetupProblem } from './types';

/** The agents a test publish goes through: the current tenant's that exist and are enabled. */
export function publishingAgents(facts: SetupFacts): string[] {
  const current = currentTenant(facts.cloudConfigs ?? []);
  if (!current) return [];
  return checkAgents(facts.agents ?? [], current.url, current.tenant)
    .filter((c) => c.agent?.enabled)
    .map((c) => c.name);
}

/**
 * `delivered`: left the queue and the agent log says it was replicated; `unconfirmed`: left the
 * queue without that line (taken out by someone else, or the log unreadable): never "delivered".
 */
export type AgentDelivery = 'delivered' | 'unconfirmed' | 'refused' | 'waiting' | 'unknown';

export interface TestPublishAgent {
  name: string;
  state: AgentDelivery;
  attempts?: number;
  /** The agent log's last error, for a refusal, where the log shows one. */
  error?: string;
}

/**
 * Where the test asset stands in one agent's queue (undefined: the queue could not be read); once
 * it left the queue, `logged` says whether the agent log shows its delivery (undefined: not read yet).
 */
export function deliveryOf(name: string, queue: AgentQueue | undefined, path: string, logged?: boolean): TestPublishAgent {
  if (!queue) return { name, state: 'unknown' };
  if (!queue.paths?.includes(path)) return { name, state: logged ? 'delivered' : 'unconfirmed' };
  const attempts = queue.head?.path === path ? queue.head.attempts : undefined;
  if (queue.blocked && attempts) return { name, state: 'refused', attempts };
  return { name, state: 'waiting' };
}

export interface TestPublishCleanup {
  /** The asset was deleted (false: it was already gone; undefined: cleanup failed). */
  removed?: boolean;
  /** Agents whose unpublish AEM queued, and whether those queues then emptied of it. */
  unpublished: string[];
  unpublishDrained?: boolean;
  unpublishError?: string;
  /**
   * The test folder's own unpublish (publishing made it on Brand Portal): the agents it was queued
   * to, and whether it drained with a logged delivery; with none queued where the asset had been
   * delivered, the folder may remain on Brand Portal.
   */
  folderUnpublished?: string[];
  folderDrained?: boolean;
  /** What the folder still holds, read back; undefined when it could not be read. */
  leftovers?: string[];
  /** Why cleanup could not run, in plain words. */
  failure?: string;
}

export interface TestPublishOutcome {
  verdict: 'published' | 'refused' | 'not-confirmed' | 'not-run';
  path?: string;
  agents: TestPublishAgent[];
  /** AEM's Replicator refused to queue it (the script's 502), in AEM's words. */
  replicatorRefusal?: string;
  /** Why it did not run (not installed, not an administrator, no agents), in plain words. */
  notRun?: string;
  cleanup?: TestPublishCleanup;
  waitedMs?: number;
}

/** The verdict from what the agents did: any refusal, then all delivered, else not confirmed. */
export function verdictOf(agents: readonly TestPublishAgent[]): TestPublishOutcome['verdict'] {
  if (agents.some((a) => a.state === 'refused')) return 'refused';
  return agents.length && agents.every((a) => a.state === 'delivered') ? 'published' : 'not-confirmed';
}

/** A log line without its time, level and agent prefix (`<time> - ERROR - <agent> : <text>`). */
const logText = (line: string) => line.replace(/^.*? - ERROR - \S+ : /, '');

export interface TestPublishReport {
  tone: 'success' | 'error' | 'warning';
  title: string;
  lines: string[];
}

/** What the admin reads: the verdict, each agent, and what cleanup did (or could not prove). */
export function reportTestPublish(o: TestPublishOutcome): TestPublishReport {
  const lines: string[] = [];
  for (const a of o.agents) {
    if (a.state === 'delivered') lines.push(t('{0}: delivered to Brand Portal.', a.name));
    else if (a.state === 'refused')
      lines.push(
        t(
          '{0}: refused after {1} attempt(s): {2}',
          a.name,
          String(a.attempts ?? 1),
          a.error ? logText(a.error) : t('the agent log shows no error line'),
        ),
        `${t('Fix: ')}${replicationErrorFix(a.error ?? '')}`,
      );
    else if (a.state === 'waiting') lines.push(t('{0}: still waiting in the queue when the test stopped watching.', a.name));
    else if (a.state === 'unconfirmed')
      lines.push(t('{0}: it left the queue, but the agent log shows no successful delivery, so it is not called delivered.', a.name));
    else lines.push(t('{0}: its queue could not be read, so nothing is claimed about it.', a.name));
  }
  if (o.replicatorRefusal) lines.push(t('AEM refused to queue it: {0}', o.replicatorRefusal));
  const c = o.cleanup;
  if (c) {
    if (c.failure) lines.push(t('Cleanup did not finish: {0}', c.failure));
    if (c.unpublishError) lines.push(t('Unpublishing from Brand Portal failed: {0}', c.unpublishError));
    else if (c.unpublished.length)
      lines.push(
        c.unpublishDrained
          ? t('Unpublished from Brand Portal again.')
          : t('Its unpublish is still queued on {0}; AEM sends it when the queue moves.', c.unpublished.join(', ')),
      );
    if (c.unpublished.length && !c.unpublishError && c.leftovers?.length === 0)
      lines.push(
        c.folderDrained
          ? t('Its folder {0} was removed from Brand Portal too.', PUBLISH_PROOF.folder)
          : t('Its folder {0} may remain on Brand Portal: remove it there if it does.', PUBLISH_PROOF.folder),
      );
    if (c.leftovers === undefined) lines.push(t('What the test folder still holds could not be read back.'));
    else if (c.leftovers.length) lines.push(t('Still in the test folder: {0}. Run the test again to remove it.', c.leftovers.join(', ')));
    else lines.push(t('Nothing was left behind: the test asset and its folder are gone.'));
  }
  if (o.verdict === 'not-run')
    return { tone: 'warning', title: t('The test publish did not run'), lines: [o.notRun ?? '', ...lines].filter(Boolean) };
  if (o.verdict === 'published') return { tone: 'success', title: t('A test asset reached Brand Portal through every agent'), lines };
  if (o.verdict === 'refused')
    return {
      tone: 'error',
      title: o.replicatorRefusal ? t('AEM did not publish the test asset') : t('Brand Portal refused the test asset'),
      lines,
    };
  return { tone: 'warning', title: t('The test asset was not confirmed as published'), lines };
}

/** The outcome as whole-setup problems (the CLI's report, exit code included). */
export function testPublishProblems(o: TestPublishOutcome): SetupProblem[] {
  const report = reportTestPublish(o);
  const problems: SetupProblem[] = [];
  const refused = o.agents.filter((a) => a.state === 'refused');
  if (o.verdict === 'refused')
    problems.push({
      id: 'test-publish-refused',
      severity: 'error',
      title: o.replicatorRefusal
        ? t('AEM did not publish the test asset: {0}', o.replicatorRefusal)
        : `${report.title}: ${refused.map((a) => `${a.name}: ${a.error ? logText(a.error) : '?'}`).join('; ')}`,
      fix: refused.length
        ? replicationErrorFix(refused[0].error ?? '')
        : t("Give the user crx:replicate on the test folder's parent and check the agents are enabled."),
    });
  else if (o.verdict === 'not-confirmed')
    problems.push({
      id: 'test-publish-not-confirmed',
      severity: 'warning',
      title: report.title,
      fix: t('Check the queues in the replication console: items that wait mean publishing is slow or stuck.'),
    });
  else if (o.verdict === 'not-run')
    problems.push({ id: 'test-publish-not-run', severity: 'unknown', title: report.title, fix: o.notRun ?? '' });
  const c = o.cleanup;
  // The folder is gone here (nothing left) but was not shown gone from Brand Portal.
  if (c?.unpublished.length && !c.unpublishError && c.leftovers?.length === 0 && !c.folderDrained)
    problems.push({
      id: 'test-publish-folder-left',
      severity: 'warning',
      title: t('The test folder {0} may remain on Brand Portal', PUBLISH_PROOF.folder),
      fix: t('Delete the folder in Brand Portal if it is there.'),
    });
  if (c && (c.failure || c.leftovers === undefined || c.leftovers.length || c.unpublishError))
    problems.push({
      id: 'test-publish-leftovers',
      severity: c.leftovers === undefined ? 'unknown' : 'warning',
      title: c.leftovers?.length
        ? t('The test publish left {0}', c.leftovers.join(', '))
        : t('The test publish could not prove it left nothing behind'),
      fix: t('Run the test publish again: it removes what an earlier run left first.'),
    });
  return problems;
}
