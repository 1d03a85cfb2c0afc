/**
 * Typed calls for the Brand Portal side [contract: Brand Portal cloud service and agents]: the cloud configuration, the
 * replication agents, their tests and queues, and the deletes of the reset (nodes, and users through
 * user management). No DOM here.
 */
import type { AemSession } from './session';
import type { AgentTestResult, CloudConfig, ReplicationAgent } from '../domain/types';
import { type Endpoint, agentPath } from '../contract/endpoints';
import { AGENTS, AUTHORIZABLES, CLOUD_CONFIG, RESOURCE_TYPES, SLING_POST, slingJson } from '../contract/aem-names';
import { scrubText } from '../domain/mask';
import { htmlToText } from '../domain/html-text';
import { type AgentQueue, lastLoggedError, parseQueue } from '../domain/queue';
import { isCanonicalPath } from '../domain/safe-path';
import { slingStatusPage } from '../domain/sling-status';
import { AemHttpError, EndpointUnavailableError, UnsafePathError } from '../errors';
import { expectOk, parseJson } from './responses';

type Json = Record<string, unknown>;
/** A checkbox property as Sling stores it: `true`, or the text "true". */
const isOn = (v: unknown): boolean => v === true || v === 'true';
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

async function readChildren(s: AemSession, endpoint: Endpoint, depth: number): Promise<[string, Json][]> {
  const path = slingJson(endpoint.path, depth);
  const res = await s.fetch(path);
  if (res.status === 404) return [];
  const json = parseJson<Json>(await expectOk(res, endpoint, path), path);
  return Object.entries(json).filter((entry): entry is [string, Json] => isObject(entry[1]));
}

/** Brand Portal cloud configurations: the current root (/conf), the legacy one (/etc), or both. */
export async function listCloudConfigs(s: AemSession, which: 'current' | 'legacy' | 'both' = 'both'): Promise<CloudConfig[]> {
  const read = async (endpoint: Endpoint, legacy: boolean) =>
    (await readChildren(s, endpoint, 2))
      .map(([name, node]) => {
        const content = isObject(node['jcr:content']) ? node['jcr:content'] : {};
        return {
          path: `${endpoint.path}/${name}`,
          title: String(content['jcr:title'] ?? name),
          tenantUrl: String(content[CLOUD_CONFIG.tenantUrlProperty] ?? ''),
          imsConfig: String(content[CLOUD_CONFIG.params.imsConfig] ?? ''),
          legacy,
          publicFolderPublish: isOn(content[CLOUD_CONFIG.params.pubFolder]),
        };
      })
      .filter((c) => c.tenantUrl);
  const none = Promise.resolve([]);
  const [current, legacy] = await Promise.all([
    which === 'legacy' ? none : read(s.endpoints.cloudConfigRoot, false),
    which === 'current' ? none : read(s.endpoints.legacyCloudConfigRoot, true),
  ]);
  return [...current, ...legacy];
}

export interface CloudConfigSave {
  /** Existing configuration path when editing (or re-saving as the agents remedy). */
  item?: string;
  title: string;
  tenantUrl: string;
  imsConfig: string;
  /** Public Folder Publish: every save says it (the form's checkbox pattern deletes it when absent). */
  publicFolderPublish: boolean;
}

export async function saveCloudConfig(s: AemSession, input: CloudConfigSave): Promise<void> {
  const e = s.endpoints.cloudConfigCreate;
  const p = CLOUD_CONFIG.params;
  const form = new URLSearchParams({
    [p.item]: input.item ?? '',
    [p.name]: input.title.trim(),
    [p.tenantUrl]: input.tenantUrl,
    // Sling's checkbox pattern: @Delete first, then the value when it is on.
    [p.pubFolder]: input.publicFolderPublish ? CLOUD_CONFIG.pubFolderOn : '',
    [p.pubFolderDelete]: '',
    [p.oauthScopes]: CLOUD_CONFIG.oauthScopesValue,
    [p.imsConfig]: input.imsConfig,
    [p.resourceType]: RESOURCE_TYPES.cloudConfig,
  });
  await expectOk(await s.fetch(e.path, { method: 'POST', body: form }), e);
}

// ---- Replication agents [contract: Brand Portal cloud service and agents] ----------------------------------------------------

/** `{ [key]: value }` for a non-empty text property, else nothing. */
const textProp = <K extends string>(key: K, value: unknown): Partial<Record<K, string>> =>
  typeof value === 'string' && value ? ({ [key]: value } as Record<K, string>) : {};

export async function listAgents(s: AemSession): Promise<ReplicationAgent[]> {
  const P2 = AGENTS.props;
  return (await readChildren(s, s.endpoints.agentsRoot, 2))
    .filter(([name]) => name.startsWith(AGENTS.familyPrefix))
    .map(([name, node]) => {
      const c = isObject(node['jcr:content']) ? node['jcr:content'] : {};
      return {
        name,
        path: agentPath(s.endpoints, name),
        title: String(c['jcr:title'] ?? name),
        transportUri: String(c[P2.transportUri] ?? ''),
        enabled: c[P2.enabled] === true || c[P2.enabled] === 'true',
        closeConnection: c[P2.closeConnection] === true || c[P2.closeConnection] === 'true',
        triggerSpecific: c[P2.triggerSpecific] === true || c[P2.triggerSpecific] === 'true',
        ...textProp('tokenProviderName', c[P2.tokenProviderName]),
        ...textProp('userId', c[P2.userId]),
      };
    });
}

/** Test Connection: read-only on AEM's side; only the documented markers are matched. */
export async function testAgent(s: AemSession, name: string): Promise<AgentTestResult> {
  const path = `${agentPath(s.endpoints, name)}${AGENTS.testSelector}`;
  const res = await s.fetch(path, { timeoutMs: 60000 });
  const html = await res.text();
  if (res.status === 405) throw new EndpointUnavailableError(s.endpoints.agentsRoot, res.status);
  // The log may quote request headers (a bearer token): scrubbed before anyone sees it.
  return { name, status: res.status, succeeded: res.ok && html.includes(AGENTS.testSucceeded), log: scrubText(htmlToText(html)) };
}

/** Sling POST property update on the agent (enable, Close Connection): a write, never part of a health check. */
export async function setAgentFlag(s: AemSession, name: string, flag: 'enabled' | 'closeConnection', value: boolean): Promise<void> {
  const property = flag === 'enabled' ? AGENTS.props.enabled : AGENTS.props.closeConnection;
  await postAgentContent(s, name, { [property]: String(value), [`${property}${SLING_POST.typeHintSuffix}`]: 'Boolean' });
}

/**
 * Sling POST of the provider the agent takes its token from: the heal of an agent that names an
 * IMS configuration deleted since AEM wrote it. Only that property is sent; the rest stays.
 */
export async function setAgentTokenProvider(s: AemSession, name: string, provider: string): Promise<void> {
  await postAgentContent(s, name, { [AGENTS.props.tokenProviderName]: provider });
}

async function postAgentContent(s: AemSession, name: string, fields: Record<string, string>): Promise<void> {
  const path = `${agentPath(s.endpoints, name)}/jcr:content`;
  await expectOk(await s.fetch(path, { method: 'POST', body: new URLSearchParams(fields) }), s.endpoints.agentsRoot, path);
}

/**
 * An agent's queue [contract: Brand Portal cloud service and agents]; a queue that cannot be read
 * or has another shape throws (nothing is judged, and the reset does not run).
 */
export async function readAgentQueue(s: AemSession, name: string): Promise<AgentQueue> {
  const path = `${agentPath(s.endpoints, name)}${AGENTS.queueSelector}`;
  const text = await expectOk(await s.fetch(path), s.endpoints.agentsRoot, path);
  const queue = parseQueue(parseJson<unknown>(text, path));
  if (!queue) throw new AemHttpError(200, text.slice(0, 500), path);
  return queue;
}

/** The last error in an agent's log (INFERRED address: the console's "View log"), scrubbed of secrets. */
/** The agent's log page (the console's "View log"), as AEM renders it. */
export async function agentLog(s: AemSession, name: string): Promise<string> {
  const path = `${agentPath(s.endpoints, name)}${AGENTS.logSelector}`;
  return expectOk(await s.fetch(path), s.endpoints.agentsRoot, path);
}

export async function agentLogError(s: AemSession, name: string): Promise<string | undefined> {
  const error = lastLoggedError(await agentLog(s, name));
  return error && scrubText(error);
}

/** Sling POST `:operation=delete` on one node. */
export async function deleteNode(s: AemSession, path: string): Promise<void> {
  if (!isCanonicalPath(path)) throw new UnsafePathError(path);
  const form = new URLSearchParams({ [SLING_POST.operation]: SLING_POST.delete });
  const res = await s.fetch(path, { method: 'POST', body: form });
  if (res.status === 404) return; // already gone: the reset can be run again safely
  await expectOk(res, s.endpoints.agentsRoot, path);
}

/** Removes a user through AEM's user management (`deleteAuthorizable`), never as a raw node delete. */
export async function deleteAuthorizable(s: AemSession, userPath: string): Promise<void> {
  if (!isCanonicalPath(userPath)) throw new UnsafePathError(userPath);
  const res = await s.fetch(userPath, { method: 'POST', body: new URLSearchParams({ [AUTHORIZABLES.deleteField]: '' }) });
  if (res.status === 404) return; // already gone
  const body = await expectOk(res, s.endpoints.macUsersRoot, userPath);
  const page = slingStatusPage(body);
  if (page.status !== undefined && page.status >= 400) throw new AemHttpError(page.status, body, userPath);
}
