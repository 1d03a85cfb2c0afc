/**
 * The opt-in test publish, run: proves the package's script is there (its listing), queues a test
 * asset to the tenant's agents, watches their queues until every agent delivered it, one refused
 * it, or the wait ends; then always cleans up (out of the queues, unpublished where delivered,
 * deleted), watches the unpublish leave the queues, and reads the folder back. Writes only through
 * the package's script, which writes only below its own folder.
 */
import type { AemSession } from './session';
import { agentLogError, readAgentQueue } from './brand-portal-client';
import { cleanupTestPublish, listTestPublish, startTestPublish } from './package-scripts';
import { type TestPublishAgent, type TestPublishCleanup, type TestPublishOutcome, deliveryOf, verdictOf } from '../domain/test-publish';
import { isAemError } from '../errors';
import { t } from '../i18n';
import { sleep } from './sleep';

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

async function readDeliveries(s: AemSession, agents: readonly string[], path: string): Promise<TestPublishAgent[]> {
  return Promise.all(
    agents.map(async (name) => {
      const queue = await readAgentQueue(s, name).catch(() => undefined);
      const delivery = deliveryOf(name, queue, path);
      if (delivery.state !== 'refused') return delivery;
      const error = await agentLogError(s, name).catch(() => undefined);
      return { ...delivery, ...(error && { error }) };
    }),
  );
}

async function cleanUp(s: AemSession, agents: readonly string[], path: string, o: TestPublishOptions): Promise<TestPublishCleanup> {
  const cleanup: TestPublishCleanup = { unpublished: [] };
  try {
    const done = await cleanupTestPublish(s, path, agents);
    cleanup.removed = done.removed;
    cleanup.unpublished = done.unpublishQueued;
    if (done.unpublishError) cleanup.unpublishError = done.unpublishError;
    const deadline = Date.now() + (o.unpublishTimeoutMs ?? 30_000);
    while (cleanup.unpublished.length) {
      const left = (await readDeliveries(s, cleanup.unpublished, path)).filter((a) => a.state !== 'delivered');
      if (!left.length) {
        cleanup.unpublishDrained = true;
        break;
      }
      if (Date.now() > deadline || left.some((a) => a.state === 'refused')) {
        cleanup.unpublishDrained = false;
        break;
      }
      await sleep(o.pollMs ?? 1000);
    }
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
      const delivered = seen.filter((a) => a.state === 'delivered').length;
      progress('publishing', delivered);
      if (delivered === agents.length || seen.some((a) => a.state === 'refused') || Date.now() > deadline) break;
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
