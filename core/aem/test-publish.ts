/**
 * The opt-in test publish, run: proves the package's script is there (its listing), queues a test
 * asset to the tenant's agents, watches their queues until every agent delivered it, one refused
 * it, or the wait ends; then always cleans up (out of the queues, unpublished where delivered,
 * deleted), watches the unpublish leave the queues, and reads the folder back. Writes only through
 * the package's script, which writes only below its own folder.
 */
import type { AemSession } from './session';
import { agentLog, agentLogError, readAgentQueue } from './brand-portal-client';
import { loggedDelivery } from '../domain/queue';
import { cleanupTestPublish, listTestPublish, startTestPublish } from './package-scripts';
import { type TestPublishAgent, type TestPublishCleanup, type TestPublishOutcome, deliveryOf, verdictOf } from '../domain/test-publish';
import { isAemError } from '../errors';
import { t } from '../i18n';
import { sleep } from './sleep';
import { PUBLISH_PROOF } from '../contract/aem-names';

export interface TestPublishProgress {
  stage: 'starting' | 'publishing' | 'cleaning' | 'done';
  delivered: number;
  total: number;
}

export interface TestPublishOptions {
  onProgress?: (p: TestPublishProgress) => void;
  /** How long to watch the queues for delivery, and then for the unpublish. */
  timeoutMs?: number;
  unpublishTimeoutMs?: number;
  pollMs?: number;
  explain: (e: unknown) => string;
}

/**
 * Where the path stands on each agent: a delivery is claimed only where it left the queue and the
 * agent log says AEM replicated it (`type`), never from its absence alone.
 */
async function readDeliveries(
  s: AemSession,
  agents: readonly string[],
  path: string,
  type: 'ACTIVATE' | 'DEACTIVATE' = 'ACTIVATE',
): Promise<TestPublishAgent[]> {
  return Promise.all(
    agents.map(async (name) => {
      const queue = await readAgentQueue(s, name).catch(() => undefined);
      const left = queue !== undefined && !queue.paths?.includes(path);
      const logged = left
        ? await agentLog(s, name).then(
            (html) => loggedDelivery(html, type, path),
            () => false,
          )
        : undefined;
      const delivery = deliveryOf(name, queue, path, logged);
      if (delivery.state !== 'refused') return delivery;
      const error = await agentLogError(s, name).catch(() => undefined);
      return { ...delivery, ...(error && { error }) };
    }),
  );
}

/** Watches a deactivation until every agent logged it (true), one refused or let it go unlogged, or the deadline (false). */
async function drained(s: AemSession, agents: readonly string[], path: string, deadline: number, pollMs = 1000): Promise<boolean> {
  for (;;) {
    const left = (await readDeliveries(s, agents, path, 'DEACTIVATE')).filter((a) => a.state !== 'delivered');
    if (!left.length) return true;
    if (Date.now() > deadline || left.some((a) => a.state === 'refused' || a.state === 'unconfirmed')) return false;
    await sleep(pollMs);
  }
}

async function cleanUp(s: AemSession, agents: readonly string[], path: string, o: TestPublishOptions): Promise<TestPublishCleanup> {
  const cleanup: TestPublishCleanup = { unpublished: [] };
  try {
    const done = await cleanupTestPublish(s, path, agents);
    cleanup.removed = done.removed;
    cleanup.unpublished = done.unpublishQueued;
    if (done.unpublishError) cleanup.unpublishError = done.unpublishError;
    const deadline = Date.now() + (o.unpublishTimeoutMs ?? 30_000);
    if (cleanup.unpublished.length) cleanup.unpublishDrained = await drained(s, cleanup.unpublished, path, deadline, o.pollMs);
    cleanup.folderUnpublished = done.folderUnpublishQueued ?? [];
    if (cleanup.unpublishDrained && cleanup.folderUnpublished.length)
      cleanup.folderDrained = await drained(s, cleanup.folderUnpublished, PUBLISH_PROOF.folder, deadline, o.pollMs);
  } catch (e) {
    cleanup.failure = o.explain(e);
  }
  cleanup.leftovers = await listTestPublish(s).then(
    (l) => l.assets,
    () => undefined,
  );
  return cleanup;
}

export async function runTestPublish(s: AemSession, agents: readonly string[], o: TestPublishOptions): Promise<TestPublishOutcome> {
  const progress = (stage: TestPublishProgress['stage'], delivered = 0) => o.onProgress?.({ stage, delivered, total: agents.length });
  if (!agents.length)
    return { verdict: 'not-run', agents: [], notRun: t('The tenant has no enabled Brand Portal agents to publish through.') };
  progress('starting');
  try {
    await listTestPublish(s);
  } catch (e) {
    const notRun = isAemError(e, 'EndpointUnavailableError')
      ? t("This AEM does not answer the package's test publish: install this version of the package, then try again.")
      : o.explain(e);
    return { verdict: 'not-run', agents: [], notRun };
  }
  let queued;
  try {
    queued = await startTestPublish(s, agents);
  } catch (e) {
    if (isAemError(e, 'ScriptRefusalError') && e.code === 'replication-refused')
      return { verdict: 'refused', agents: [], replicatorRefusal: e.scriptMessage, cleanup: await cleanUpAfterRefusal(s) };
    // Another run is watching its own asset: this one writes nothing and says so (never sweeps it).
    if (isAemError(e, 'ScriptRefusalError') && e.code === 'test-running')
      return { verdict: 'not-run', agents: [], notRun: t('Another test publish is running on this AEM. {0}', e.scriptMessage) };
    return { verdict: 'not-run', agents: [], notRun: o.explain(e) };
  }
  const started = Date.now();
  let seen: TestPublishAgent[] = [];
  let cleanup: TestPublishCleanup | undefined;
  try {
    progress('publishing');
    const deadline = started + (o.timeoutMs ?? 60_000);
    for (;;) {
      seen = await readDeliveries(s, agents, queued.path);
      progress('publishing', seen.filter((a) => a.state === 'delivered').length);
      // Settled: every agent delivered, refused or let it go without a logged delivery (waiting longer proves nothing more).
      const settled = seen.every((a) => a.state === 'delivered' || a.state === 'refused' || a.state === 'unconfirmed');
      if (settled || seen.some((a) => a.state === 'refused') || Date.now() > deadline) break;
      await sleep(o.pollMs ?? 1000);
    }
  } finally {
    // Every path cleans up, a failure while watching included.
    progress('cleaning', seen.filter((a) => a.state === 'delivered').length);
    cleanup = await cleanUp(s, agents, queued.path, o);
  }
  progress('done', seen.filter((a) => a.state === 'delivered').length);
  return { verdict: verdictOf(seen), path: queued.path, agents: seen, cleanup, waitedMs: Date.now() - started };
}

/** After AEM refused to queue it the script removed the asset itself: only the read-back remains. */
async function cleanUpAfterRefusal(s: AemSession): Promise<TestPublishCleanup> {
  const leftovers = await listTestPublish(s).then(
    (l) => l.assets,
    () => undefined,
  );
  return { unpublished: [], ...(leftovers && { leftovers }) };
}
