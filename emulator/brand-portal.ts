/**
 * Brand Portal on the AEM side [contract: Brand Portal cloud service and agents]: the cloud configuration, the four
 * replication agents it creates (after a delay, as AEM does partly asynchronously), the tenant's
 * replication user, and Test Connection whose answer depends on the real state. The emulator's
 * Brand Portal stub knows which tenants exist.
 */
import { ENDPOINTS, tenantUserFolder } from '../core/contract/endpoints';
import { AGENTS, CLOUD_CONFIG, HEALTH_TEXT, agentName, agentTitle, agentTransportUri, replicationUserId } from '../core/contract/aem-names';
import { validateTenantUrl } from '../core/domain/tenant';
import { createAuthorizable, findAuthorizable } from './authorizables';
import type { EmulatorContext } from './context';
import { HttpError, escapeHtml } from './http';
import { findImsConfig } from './ims-configs';
import type { Repository, RepoNode } from './store';
import { checkHealth } from './token-request';

export const TENANTS = '/var/emulator/brandportal/tenants';
export const MAC_USERS = ENDPOINTS.macUsersRoot.path;
const CLOUD_ROOT = ENDPOINTS.cloudConfigRoot.path;
const AGENTS_ROOT = ENDPOINTS.agentsRoot.path;

export interface CloudConfigInput {
  item?: string;
  name: string;
  tenantUrl: string;
  imsConfig: string;
  pubFolder?: string;
  oauthScopes?: string;
}

/** `https://<tenant>.brand-portal.adobe.com` → `<tenant>` (first DNS label, contract placeholders). */
export function tenantOf(tenantUrl: string): string {
  return new URL(tenantUrl).hostname.split('.')[0];
}

/**
 * The page's own tenant-URL rule, applied strictly as a servlet would: the value must already be
 * an https address (the page adds a missing scheme with a warning; a servlet does not guess).
 */
export function normaliseTenantUrl(raw: string): string {
  const verdict = validateTenantUrl(raw);
  if (verdict.error) throw new HttpError(400, `tenantURL: ${verdict.error}`);
  if (!/^https:\/\//i.test(raw.trim())) throw new HttpError(400, 'tenantURL must use https');
  return verdict.normalised as string;
}

export const nodeNameFor = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '') || 'brand-portal';

export function registerTenant(repo: Repository, tenantUrl: string): string {
  const url = normaliseTenantUrl(tenantUrl);
  const tenant = tenantOf(url);
  repo.change((tx) => tx.setProps(`${TENANTS}/${tenant}`, { url }));
  return tenant;
}

const knownTenant = (repo: Repository, tenantUrl: string) => {
  try {
    return repo.get(`${TENANTS}/${tenantOf(tenantUrl)}`)?.props.url === new URL(tenantUrl).origin;
  } catch {
    return false;
  }
};

/** The tenant's replication user, wherever Oak put it below its tenant folder. */
export function replicationUserPath(repo: Repository, tenant: string): string | undefined {
  return findAuthorizable(repo, tenantUserFolder(ENDPOINTS, tenant), replicationUserId(tenant));
}

export function createAgents(repo: Repository, tenantUrl: string, imsConfig: string): string[] {
  const tenant = tenantOf(tenantUrl);
  const paths: string[] = [];
  repo.change((tx) => {
    for (let i = 0; i < AGENTS.count; i++) {
      const path = `${AGENTS_ROOT}/${agentName(i, tenant)}`;
      paths.push(path);
      if (tx.get(path)) continue;
      tx.setProps(path, { 'jcr:primaryType': 'cq:Page' });
      tx.setProps(`${path}/jcr:content`, {
        'jcr:primaryType': 'nt:unstructured',
        'jcr:title': agentTitle(i, tenant),
        'sling:resourceType': 'cq/replication/components/agent',
        'cq:template': '/libs/cq/replication/templates/agent',
        [AGENTS.props.transportUri]: agentTransportUri(tenantUrl),
        [AGENTS.props.enabled]: true,
        [AGENTS.props.triggerSpecific]: true,
        [AGENTS.props.closeConnection]: true,
        [AGENTS.props.tokenProviderName]: imsConfig,
        [AGENTS.props.userId]: AGENTS.queueUser,
        serializationType: 'mpreplication',
        logLevel: 'info',
      });
    }
  });
  return paths;
}

/** POST /apps/brandportal/config: create (no item) or edit; returns the configuration's path. */
export function saveCloudConfig(ctx: EmulatorContext, input: CloudConfigInput): string {
  if (!input.name.trim()) throw new HttpError(400, 'name (the title) is required');
  const tenantUrl = normaliseTenantUrl(input.tenantUrl);
  if (!input.imsConfig || !findImsConfig(ctx.repo, input.imsConfig))
    throw new HttpError(400, `imsConfig does not name an existing IMS configuration: ${input.imsConfig || '(empty)'}`);
  let path: string;
  if (input.item) {
    if (!input.item.startsWith(`${CLOUD_ROOT}/`) || !ctx.repo.exists(input.item))
      throw new HttpError(400, `item is not an existing Brand Portal configuration: ${input.item}`);
    path = input.item;
  } else {
    path = `${CLOUD_ROOT}/${nodeNameFor(input.name)}`;
    if (ctx.repo.exists(path)) throw new HttpError(409, `A configuration already exists at ${path}`);
  }
  const tenant = tenantOf(tenantUrl);
  ctx.repo.change((tx) => {
    tx.setProps(path, { 'jcr:primaryType': 'cq:Page' });
    tx.setProps(`${path}/jcr:content`, {
      'jcr:primaryType': 'cq:PageContent',
      'jcr:title': input.name.trim(),
      'sling:resourceType': 'dam/components/mediaportal/config',
      'cq:template': '/libs/dam/templates/mediaportal',
      [CLOUD_CONFIG.params.tenantUrl]: tenantUrl,
      [CLOUD_CONFIG.params.imsConfig]: input.imsConfig,
      [CLOUD_CONFIG.params.oauthScopes]: input.oauthScopes || CLOUD_CONFIG.oauthScopesValue,
      [CLOUD_CONFIG.params.pubFolder]: input.pubFolder ?? null,
    });
    // The tenant's replication user is made once and keeps the key it was made with: when the
    // IMS configuration is later replaced, publishing answers 401 until the user is reset.
    if (!replicationUserPath(ctx.repo, tenant))
      createAuthorizable(tx, tenantUserFolder(ENDPOINTS, tenant), replicationUserId(tenant), 'rep:SystemUser', {
        imsConfig: input.imsConfig,
      });
  });
  if (!ctx.faults.agentsNotCreated) {
    const create = () => {
      if (ctx.repo.exists(path)) createAgents(ctx.repo, tenantUrl, input.imsConfig);
    };
    if (ctx.options.agentDelayMs > 0) setTimeout(create, ctx.options.agentDelayMs).unref();
    else create();
  }
  return path;
}

function agentContent(repo: Repository, name: string): RepoNode | undefined {
  return repo.get(`${AGENTS_ROOT}/${name}/jcr:content`);
}

/** The cloud configuration (new location, then legacy) whose tenant this transport URI targets. */
function cloudConfigForTransport(repo: Repository, transportUri: string): RepoNode | undefined {
  for (const root of [CLOUD_ROOT, ENDPOINTS.legacyCloudConfigRoot.path]) {
    for (const node of Object.values(repo.get(root)?.children ?? {})) {
      const url = node.children['jcr:content']?.props[CLOUD_CONFIG.tenantUrlProperty];
      if (typeof url === 'string' && transportUri.startsWith(`${url}/`)) return node.children['jcr:content'];
    }
  }
  return undefined;
}

/** The queue fault that applies to this agent, if any. */
const queueFault = (ctx: EmulatorContext, name: string) =>
  ctx.faults.queue && (!ctx.faults.queue.agent || ctx.faults.queue.agent === name) ? ctx.faults.queue : undefined;

/**
 * The agent's queue as AEM's queue.json renders it: `metaData.queueStatus` (blocked while a
 * retry is scheduled), `fields`, and the items with their queue time and attempts
 * [contract: Brand Portal cloud service and agents]. Waiting items come from the queue fault.
 */
export function agentQueue(ctx: EmulatorContext, name: string): Record<string, unknown> | undefined {
  if (!agentContent(ctx.repo, name)) return undefined;
  const fault = queueFault(ctx, name);
  const now = Date.now();
  const queuedAt = now - (fault?.ageMs ?? 0);
  const queue = Array.from({ length: fault?.items ?? 0 }, (_, i) => ({
    id: `item-${i}`,
    path: `/content/dam/asset-${i}.jpg`,
    time: queuedAt + i * 1000,
    userid: 'admin',
    type: 'Activate',
    lastProcessed: fault?.blocked && i === 0 ? now - 5000 : 0,
    numProcessed: fault?.blocked && i === 0 ? 3 : 0,
  }));
  const retry = fault?.blocked && queue.length ? 30000 : 0;
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

/** The agent's log page (the console's "View log", INFERRED): lines `<time> - <LEVEL> - <agent> : <text>`. */
export function agentLog(ctx: EmulatorContext, name: string): string | undefined {
  if (!agentContent(ctx.repo, name)) return undefined;
  const fault = queueFault(ctx, name);
  const now = Date.now();
  const lines = [`${logTime(now - 60000)} - INFO - ${name} : Agent started`];
  if (fault?.blocked && fault.items)
    lines.push(
      `${logTime(now - 5000)} - INFO - ${name} : Sending POST request to the tenant`,
      `${logTime(now - 5000)} - ERROR - ${name} : Replication (ACTIVATE) of /content/dam/asset-0.jpg not successful: ${fault.error ?? 'Received response from remote server: HTTP/1.1 500 Internal Server Error'}`,
      `${logTime(now - 5000)} - INFO - ${name} : Retrying in 30 s`,
    );
  return `<!DOCTYPE html><html><head><title>Replication log</title></head><body><pre>${lines.map(escapeHtml).join('\n')}</pre></body></html>`;
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
  const log: string[] = [`Create new HttpClient for ${uri}`, 'Action: Test', 'Path: /content'];
  const fail = (reason: string) => finish(false, [...log, reason]);
  const finish = (ok: boolean, lines: string[]): TestConnectionResult => ({
    status: 200,
    succeeded: ok,
    html: `<!DOCTYPE html><html><head><title>Replication test</title></head><body>
<h2>Replication test to ${escapeHtml(uri)}</h2>
<pre class="log">${lines.map(escapeHtml).join('\n')}</pre>
<p>${ok ? AGENTS.testSucceeded : AGENTS.testFailed}</p>
</body></html>`,
  });

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
  if (!user || user.props.imsConfig !== ims.id) {
    return fail(
      'Received response from remote server: HTTP/1.1 401 Unauthorized (the tenant replication user does not hold the current key)',
    );
  }
  if (ctx.faults.testConnection === 'fail') return fail('Received response from remote server: HTTP/1.1 500 Internal Server Error');
  return finish(true, [
    ...log,
    'sent. Response: 200 OK',
    'Received response from remote server: HTTP/1.1 200 OK',
    'ReplicationAction TEST ok.',
  ]);
}
