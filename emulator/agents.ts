/**
 * The Brand Portal agents at work [contract: Brand Portal cloud service and agents]: the queue
 * (queue.json), the log (the console's "View log", INFERRED), Test Connection, and delivery of
 * what is replicated through them. Test Connection and delivery ask one question, whether the
 * agent can reach its tenant now, so a setup that fails the test also fails to publish.
 */
import { AGENTS, CLOUD_CONFIG, HEALTH_TEXT } from '../core/contract/aem-names';
import { TENANTS, agentContent, cloudConfigForTransport, knownTenant, replicationUserPath, tenantOf } from './brand-portal';
import type { EmulatorContext } from './context';
import { escapeHtml } from './http';
import { findImsConfig } from './ims-configs';
import type { QueueItem } from './replication';
import { checkHealth } from './token-request';

/** The queue fault that applies to this agent, if any. */
const queueFault = (ctx: EmulatorContext, name: string) =>
  ctx.faults.queue && (!ctx.faults.queue.agent || ctx.faults.queue.agent === name) ? ctx.faults.queue : undefined;

/**
 * The agent's queue as AEM's queue.json renders it: `metaData.queueStatus` (blocked while a
 * retry is scheduled), `fields`, and the items with their queue time and attempts. Waiting items
 * are those replicated through the agent, behind any the queue fault adds.
 */
export function agentQueue(ctx: EmulatorContext, name: string): Record<string, unknown> | undefined {
  if (!agentContent(ctx.repo, name)) return undefined;
  const fault = queueFault(ctx, name);
  const now = Date.now();
  const queuedAt = now - (fault?.ageMs ?? 0);
  const faulted = Array.from({ length: fault?.items ?? 0 }, (_, i) => ({
    id: `item-${i}`,
    path: `/content/dam/asset-${i}.jpg`,
    time: queuedAt + i * 1000,
    userid: 'admin',
    type: 'Activate',
    lastProcessed: fault?.blocked && i === 0 ? now - 5000 : 0,
    numProcessed: fault?.blocked && i === 0 ? 3 : 0,
  }));
  const real = ctx.replication.items(name).map((i) => ({ ...i }));
  const queue = [...faulted, ...real];
  const retry = faulted.length ? (fault?.blocked ? 30000 : 0) : ctx.replication.nextRetryIn(name, now);
  return {
    metaData: {
      root: 'queue',
      queueStatus: {
        agentName: name,
        agentId: name,
        isBlocked: retry > 0,
        isPaused: fault?.paused === true,
        time: now,
        processingSince: 0,
        lastProcessTime: retry ? now - 5000 : 0,
        nextRetryPeriod: retry,
      },
      fields: ['id', 'path', 'time', 'userid', 'type', 'lastProcessed', 'numProcessed'],
    },
    queue,
  };
}

const logTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/** The agent's log page: lines `<time> - <LEVEL> - <agent> : <text>`. */
export function agentLog(ctx: EmulatorContext, name: string): string | undefined {
  if (!agentContent(ctx.repo, name)) return undefined;
  const fault = queueFault(ctx, name);
  const now = Date.now();
  const lines = [`${logTime(now - 60000)} - INFO - ${name} : Agent started`, ...ctx.replication.logLines(name)];
  if (fault?.blocked && fault.items)
    lines.push(
      `${logTime(now - 5000)} - INFO - ${name} : Sending POST request to the tenant`,
      `${logTime(now - 5000)} - ERROR - ${name} : Replication (ACTIVATE) of /content/dam/asset-0.jpg not successful: ${fault.error ?? 'Received response from remote server: HTTP/1.1 500 Internal Server Error'}`,
      `${logTime(now - 5000)} - INFO - ${name} : Retrying in 30 s`,
    );
  return `<!DOCTYPE html><html><head><title>Replication log</title></head><body><pre>${lines.map(escapeHtml).join('\n')}</pre></body></html>`;
}

interface Reach {
  /** What the agent logs on its way. */
  log: string[];
  /** Why it cannot deliver (its last log line), or undefined when it can. */
  refusal?: string;
}

/** Whether the agent can deliver to its tenant now: agent, tenant, IMS token and tenant user state. */
async function reach(ctx: EmulatorContext, name: string): Promise<Reach> {
  const content = agentContent(ctx.repo, name);
  if (!content) return { log: [], refusal: `${AGENTS.noSuchAgent} ${name}` };
  const uri = String(content.props[AGENTS.props.transportUri] ?? '');
  const log: string[] = [`Create new HttpClient for ${uri}`];
  const fail = (refusal: string): Reach => ({ log, refusal });
  if (content.props[AGENTS.props.enabled] !== true) return fail('Agent is disabled: replication test not possible.');
  if (!knownTenant(ctx.repo, uri)) {
    let host = uri;
    try {
      host = new URL(uri).hostname;
    } catch {
      // keep the raw value
    }
    return fail(`Error while sending request: java.net.UnknownHostException: ${host}`);
  }
  const cloud = cloudConfigForTransport(ctx.repo, uri);
  if (!cloud) return fail('No Brand Portal cloud configuration matches this transport URI.');
  const imsId = String(content.props[AGENTS.props.tokenProviderName] ?? cloud.props[CLOUD_CONFIG.params.imsConfig] ?? '');
  const ims = findImsConfig(ctx.repo, imsId);
  if (!ims) return fail(`Unable to get an access token: no IMS configuration ${imsId}.`);
  const health = await checkHealth(ctx, ims);
  if (!health.healthy)
    return fail(`Unable to get an access token: ${health.message.replace(HEALTH_TEXT.providerFailure, 'AccessTokenProvider failed')}`);
  log.push('Sending POST request to ' + uri);
  const userPath = replicationUserPath(ctx.repo, tenantOf(uri));
  const user = userPath ? ctx.repo.get(userPath) : undefined;
  if (!user || user.props.imsConfig !== ims.id)
    return fail(
      'Received response from remote server: HTTP/1.1 401 Unauthorized (the tenant replication user does not hold the current key)',
    );
  return { log };
}

/** The check replication runs before each delivery: Test Connection's, and the tenant's own refusal. */
export async function deliveryRefusal(ctx: EmulatorContext, name: string): Promise<string | undefined> {
  const { refusal } = await reach(ctx, name);
  return refusal ?? ctx.faults.tenantRefuses;
}

/** Where the emulator's tenant keeps what it received: by agent's tenant and asset path. */
export function receivedAt(ctx: EmulatorContext, agent: string, path: string): string | undefined {
  const uri = String(agentContent(ctx.repo, agent)?.props[AGENTS.props.transportUri] ?? '');
  try {
    return `${TENANTS}/${tenantOf(uri)}/received${path}`;
  } catch {
    return undefined;
  }
}

/** The tenant takes a delivered item: an activation is stored, a deactivation removes it. */
export function receive(ctx: EmulatorContext, agent: string, item: QueueItem): void {
  const at = receivedAt(ctx, agent, item.path);
  if (!at) return;
  ctx.repo.change((tx) => {
    if (item.type === 'Activate') tx.setProps(at, { agent, receivedAt: Date.now() });
    else if (tx.get(at)) tx.remove(at);
  });
}

export interface TestConnectionResult {
  status: number;
  html: string;
  succeeded: boolean;
}

/** GET <agent>.test.html: reads only; the answer depends on agent, tenant, IMS and user state. */
export async function testConnection(ctx: EmulatorContext, name: string): Promise<TestConnectionResult> {
  const content = agentContent(ctx.repo, name);
  // AEM's test page for a missing agent: 200, one line, neither marker [contract: Brand Portal cloud service and agents].
  if (!content) return { status: 200, html: `${AGENTS.noSuchAgent} ${escapeHtml(name)}`, succeeded: false };
  const uri = String(content.props[AGENTS.props.transportUri] ?? '');
  const finish = (ok: boolean, lines: string[]): TestConnectionResult => ({
    status: 200,
    succeeded: ok,
    html: `<!DOCTYPE html><html><head><title>Replication test</title></head><body>
<h2>Replication test to ${escapeHtml(uri)}</h2>
<pre class="log">${lines.map(escapeHtml).join('\n')}</pre>
<p>${ok ? AGENTS.testSucceeded : AGENTS.testFailed}</p>
</body></html>`,
  });
  const { log, refusal } = await reach(ctx, name);
  const lines = [log[0], 'Action: Test', 'Path: /content', ...log.slice(1)];
  if (refusal) return finish(false, [...lines, refusal]);
  if (ctx.faults.testConnection === 'fail')
    return finish(false, [...lines, 'Received response from remote server: HTTP/1.1 500 Internal Server Error']);
  return finish(true, [
    ...lines,
    'sent. Response: 200 OK',
    'Received response from remote server: HTTP/1.1 200 OK',
    'ReplicationAction TEST ok.',
  ]);
}
