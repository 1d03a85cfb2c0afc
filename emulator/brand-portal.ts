/**
 * Brand Portal on the AEM side [contract: Brand Portal cloud service and agents]: the cloud configuration, the four
 * replication agents it creates (after a delay, as AEM does partly asynchronously) and the tenant's
 * replication user. What the agents do (queue, log, Test Connection, delivery) is in agents.ts.
 * The emulator's Brand Portal stub knows which tenants exist.
 */
// Node's own timers (unref), whatever global timers the host process has (a test's jsdom too).
import { setTimeout } from 'node:timers';
import { ENDPOINTS, tenantUserFolder } from '../core/contract/endpoints';
import { AGENTS, CLOUD_CONFIG, agentName, agentTitle, agentTransportUri, replicationUserId } from '../core/contract/aem-names';
import { validateTenantUrl } from '../core/domain/tenant';
import { createAuthorizable, findAuthorizable } from './authorizables';
import type { EmulatorContext } from './context';
import { HttpError } from './http';
import { findImsConfig } from './ims-configs';
import type { Repository, RepoNode } from './store';

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

export const knownTenant = (repo: Repository, tenantUrl: string) => {
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

export function agentContent(repo: Repository, name: string): RepoNode | undefined {
  return repo.get(`${AGENTS_ROOT}/${name}/jcr:content`);
}

/** The cloud configuration (new location, then legacy) whose tenant this transport URI targets. */
export function cloudConfigForTransport(repo: Repository, transportUri: string): RepoNode | undefined {
  for (const root of [CLOUD_ROOT, ENDPOINTS.legacyCloudConfigRoot.path]) {
    for (const node of Object.values(repo.get(root)?.children ?? {})) {
      const url = node.children['jcr:content']?.props[CLOUD_CONFIG.tenantUrlProperty];
      if (typeof url === 'string' && transportUri.startsWith(`${url}/`)) return node.children['jcr:content'];
    }
  }
  return undefined;
}
