/**
 * Typed calls for the Brand Portal side [contract: Brand Portal cloud service and agents]: the cloud configuration, the
 * replication agents, their tests and queues, and the deletes of the reset (nodes, and users through
 * user management). No DOM here.
 */
import type { AgentTestResult, CloudConfig, ReplicationAgent } from '../domain/types';
import {
  AGENTS,
  AUTHORIZABLES,
  CLOUD_CONFIG,
  ENDPOINTS,
  RESOURCE_TYPES,
  SLING_POST,
  type Endpoint,
  agentPath,
  slingJson,
} from '../contract/endpoints';
import { scrubText } from '../domain/mask';
import { queueLength } from '../domain/reset-plan';
import { isCanonicalPath } from '../domain/safe-path';
import { slingStatusPage } from '../domain/sling-status';
import { AemHttpError, EndpointUnavailableError, UnsafePathError } from '../errors';
import { aemFetch } from './fetch';
import { expectOk, parseJson } from './responses';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

async function readChildren(endpoint: Endpoint, depth: number): Promise<[string, Json][]> {
  const path = slingJson(endpoint.path, depth);
  const res = await aemFetch(path);
  if (res.status === 404) return [];
  const json = parseJson<Json>(await expectOk(res, endpoint, path), path);
  return Object.entries(json).filter((entry): entry is [string, Json] => isObject(entry[1]));
}

/** Brand Portal cloud configurations: the current root (/conf), the legacy one (/etc), or both. */
export async function listCloudConfigs(which: 'current' | 'legacy' | 'both' = 'both'): Promise<CloudConfig[]> {
  const read = async (endpoint: Endpoint, legacy: boolean) =>
    (await readChildren(endpoint, 2))
      .map(([name, node]) => {
        const content = isObject(node['jcr:content']) ? node['jcr:content'] : {};
        return {
          path: `${endpoint.path}/${name}`,
          title: String(content['jcr:title'] ?? name),
          tenantUrl: String(content[CLOUD_CONFIG.tenantUrlProperty] ?? ''),
          imsConfig: String(content[CLOUD_CONFIG.params.imsConfig] ?? ''),
          legacy,
        };
      })
      .filter((c) => c.tenantUrl);
  const none = Promise.resolve([]);
  const [current, legacy] = await Promise.all([
    which === 'legacy' ? none : read(ENDPOINTS.cloudConfigRoot, false),
    which === 'current' ? none : read(ENDPOINTS.legacyCloudConfigRoot, true),
  ]);
  return [...current, ...legacy];
}

export interface CloudConfigSave {
  /** Existing configuration path when editing (or re-saving as the agents remedy). */
  item?: string;
  title: string;
  tenantUrl: string;
  imsConfig: string;
}

export async function saveCloudConfig(input: CloudConfigSave): Promise<void> {
  const e = ENDPOINTS.cloudConfigCreate;
  const p = CLOUD_CONFIG.params;
  const form = new URLSearchParams({
    [p.item]: input.item ?? '',
    [p.name]: input.title.trim(),
    [p.tenantUrl]: input.tenantUrl,
    [p.pubFolder]: '',
    [p.pubFolderDelete]: '',
    [p.oauthScopes]: CLOUD_CONFIG.oauthScopesValue,
    [p.imsConfig]: input.imsConfig,
    [p.resourceType]: RESOURCE_TYPES.cloudConfig,
  });
  await expectOk(await aemFetch(e.path, { method: 'POST', body: form }), e);
}

// ---- Replication agents [contract: Brand Portal cloud service and agents] ----------------------------------------------------

export async function listAgents(): Promise<ReplicationAgent[]> {
  const P2 = AGENTS.props;
  return (await readChildren(ENDPOINTS.agentsRoot, 2))
    .filter(([name]) => name.startsWith(AGENTS.namePrefix))
    .map(([name, node]) => {
      const c = isObject(node['jcr:content']) ? node['jcr:content'] : {};
      return {
        name,
        path: agentPath(name),
        title: String(c['jcr:title'] ?? name),
        transportUri: String(c[P2.transportUri] ?? ''),
        enabled: c[P2.enabled] === true || c[P2.enabled] === 'true',
        closeConnection: c[P2.closeConnection] === true || c[P2.closeConnection] === 'true',
        triggerSpecific: c[P2.triggerSpecific] === true || c[P2.triggerSpecific] === 'true',
      };
    });
}

const htmlToText = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|h\d|li|pre)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** Test Connection: read-only on AEM's side; only the documented markers are matched. */
export async function testAgent(name: string): Promise<AgentTestResult> {
  const path = `${agentPath(name)}${AGENTS.testSelector}`;
  const res = await aemFetch(path, { timeoutMs: 60000 });
  const html = await res.text();
  if (res.status === 405) throw new EndpointUnavailableError(ENDPOINTS.agentsRoot, res.status);
  // The log may quote request headers (a bearer token): scrubbed before anyone sees it.
  return { name, status: res.status, succeeded: res.ok && html.includes(AGENTS.testSucceeded), log: scrubText(htmlToText(html)) };
}

/** Sling POST property update on the agent (enable, Close Connection): a write, never part of a health check. */
export async function setAgentFlag(name: string, flag: 'enabled' | 'closeConnection', value: boolean): Promise<void> {
  const property = flag === 'enabled' ? AGENTS.props.enabled : AGENTS.props.closeConnection;
  const path = `${agentPath(name)}/jcr:content`;
  const form = new URLSearchParams({ [property]: String(value), [`${property}${SLING_POST.typeHintSuffix}`]: 'Boolean' });
  await expectOk(await aemFetch(path, { method: 'POST', body: form }), ENDPOINTS.agentsRoot, path);
}

/**
 * Items waiting in an agent's queue [contract: Brand Portal cloud service and agents]; a queue that
 * cannot be read or has another shape throws.
 */
export async function agentQueueSize(name: string): Promise<number> {
  const path = `${agentPath(name)}${AGENTS.queueSelector}`;
  const text = await expectOk(await aemFetch(path), ENDPOINTS.agentsRoot, path);
  const size = queueLength(parseJson<unknown>(text, path));
  if (size === undefined) throw new AemHttpError(200, text.slice(0, 500), path);
  return size;
}

/** Sling POST `:operation=delete` on one node. */
export async function deleteNode(path: string): Promise<void> {
  if (!isCanonicalPath(path)) throw new UnsafePathError(path);
  const form = new URLSearchParams({ [SLING_POST.operation]: SLING_POST.delete });
  const res = await aemFetch(path, { method: 'POST', body: form });
  if (res.status === 404) return; // already gone: the reset can be run again safely
  await expectOk(res, ENDPOINTS.agentsRoot, path);
}

/** Removes a user through AEM's user management (`deleteAuthorizable`), never as a raw node delete. */
export async function deleteAuthorizable(userPath: string): Promise<void> {
  if (!isCanonicalPath(userPath)) throw new UnsafePathError(userPath);
  const res = await aemFetch(userPath, { method: 'POST', body: new URLSearchParams({ [AUTHORIZABLES.deleteField]: '' }) });
  if (res.status === 404) return; // already gone
  const body = await expectOk(res, ENDPOINTS.macUsersRoot, userPath);
  const page = slingStatusPage(body);
  if (page.status !== undefined && page.status >= 400) throw new AemHttpError(page.status, body, userPath);
}
