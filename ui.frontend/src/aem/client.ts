/**
 * Typed calls to AEM, one per contract item. URLs and field names come from the endpoint map
 * only; transport from aemFetch. No DOM here.
 */
import { parseFelixConfig, type FelixValue } from '../domain/felix-config';
import type { AgentTestResult, CloudConfig, HealthResult, ImsConfig, ImsConfigInput, KeystoreInfo, ProductInfo, ReplicationAgent } from '../domain/types';
import { AGENTS, CLOUD_CONFIG, ENDPOINTS, IMS_OSGI, IMS_PARAMS, KEYSTORE, RESOURCE_TYPES, SLING_POST, type Endpoint, agentPath, slingJson } from './endpoints';
import { AemHttpError, EndpointUnavailableError } from './errors';
import { aemFetch, readBody } from './fetch';

const P = IMS_OSGI.props;

/** 404/405 from an endpoint this AEM may not have (contract rule 3): the step degrades. */
async function expectOk(res: Response, endpoint: Endpoint, path = endpoint.path): Promise<string> {
  const body = await res.text();
  if ((res.status === 404 || res.status === 405) && !(res.headers.get('content-type') ?? '').includes('json')) {
    throw new EndpointUnavailableError(endpoint, res.status);
  }
  if (!res.ok) throw new AemHttpError(res.status, body, path);
  return body;
}

function parseJson<T>(text: string, path: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new AemHttpError(200, text, path);
  }
}

export async function productInfo(): Promise<ProductInfo> {
  const e = ENDPOINTS.productInfo;
  const body = parseJson<{ version?: unknown }>(await expectOk(await aemFetch(e.path), e), e.path);
  if (typeof body.version !== 'string') throw new AemHttpError(200, JSON.stringify(body), e.path);
  return { version: body.version };
}

// ---- keystore of the Brand Portal IMS service user (contract 2.5) ----------------------------

const keystoreUser = () => ENDPOINTS.keystoreUserPath.path;

export async function keystore(): Promise<KeystoreInfo> {
  const path = `${keystoreUser()}${KEYSTORE.ksJsonSelector}`;
  const info = parseJson<KeystoreInfo>(await expectOk(await aemFetch(path), ENDPOINTS.keystoreUserPath, path), path);
  return { exists: Boolean(info.exists), aliases: Array.isArray(info.aliases) ? info.aliases : [] };
}

/** The Sling POST servlet's HTML answer carries the outcome in #Status / #Message. */
function slingOutcome(html: string): { status?: number; message?: string } {
  const status = /<div id="Status">(\d+)<\/div>/.exec(html)?.[1];
  const message = /<div id="Message">([\s\S]*?)<\/div>/.exec(html)?.[1];
  return { status: status ? Number(status) : undefined, message };
}

async function keystorePost(form: FormData | URLSearchParams): Promise<void> {
  const path = `${keystoreUser()}${KEYSTORE.ksHtmlSelector}`;
  const res = await aemFetch(path, { method: 'POST', body: form });
  const body = await expectOk(res, ENDPOINTS.keystoreUserPath, path);
  const outcome = slingOutcome(body);
  if (outcome.status !== undefined && outcome.status >= 400) throw new AemHttpError(outcome.status, body, path);
}

export async function createKeystore(password: string): Promise<void> {
  const F = KEYSTORE.fields;
  await keystorePost(new URLSearchParams({ [F.operation]: KEYSTORE.operations.createStore, [F.newPassword]: password, [F.rePassword]: password }));
}

/** Route B: the page made the key pair; the private key is sent once, as a file part, and dropped. */
export async function addKeyPair(alias: string, keystorePassword: string, privateKeyPem: string, certificatePem: string): Promise<void> {
  const F = KEYSTORE.fields;
  const form = new FormData();
  form.set(F.operation, KEYSTORE.operations.addKey);
  form.set(F.keyStorePass, keystorePassword);
  form.set(F.alias, alias);
  form.set(F.newAlias, alias);
  form.set(F.privateKey, new Blob([privateKeyPem], { type: 'application/x-pem-file' }), 'private-key.pem');
  form.set(F.certChain, new Blob([certificatePem], { type: 'application/x-pem-file' }), KEYSTORE.publicKeyFileName);
  await keystorePost(form);
}

export const publicKeyUrl = (alias: string): string => `${ENDPOINTS.publicKey.path}?alias=${encodeURIComponent(alias)}`;

// ---- IMS configurations (contract 2.4, 2.7, 2.8) -------------------------------------------

const isProviderFile = (name: string) => name.startsWith(`${IMS_OSGI.providerPid}.`) || name.startsWith(`${IMS_OSGI.providerPid}-`);
const strings = (v: FelixValue | undefined): string[] => (Array.isArray(v) ? v : typeof v === 'string' && v ? v.split(',') : []);

export function imsConfigFromFelix(file: string, props: Record<string, FelixValue>): ImsConfig {
  const suffix = file.slice(IMS_OSGI.providerPid.length + 1).replace(/\.config$/, '');
  return {
    pid: `${IMS_OSGI.providerPid}.${suffix}`,
    file,
    id: suffix,
    title: String(props[P.title] ?? suffix),
    clientId: String(props[P.clientId] ?? ''),
    authType: props[P.grants] === IMS_OSGI.clientCredentialsGrant ? 'oauth' : 'jwt',
    keyAlias: typeof props[P.keypairAlias] === 'string' ? (props[P.keypairAlias] as string) : undefined,
    orgId: typeof props[P.orgId] === 'string' ? (props[P.orgId] as string) : undefined,
    endpoint: typeof props[P.endpoint] === 'string' ? (props[P.endpoint] as string) : undefined,
    scopes: strings(props[P.scope]).map((s) => s.trim()).filter(Boolean),
    defaultClaims: strings(props[P.defaultClaims]),
  };
}

export async function listImsConfigs(): Promise<ImsConfig[]> {
  const e = ENDPOINTS.imsConfigList;
  const res = await aemFetch(e.path);
  if (res.status === 404) return []; // no configuration folder yet
  const folder = parseJson<Record<string, unknown>>(await expectOk(res, e), e.path);
  const files = Object.keys(folder).filter(isProviderFile).sort();
  return Promise.all(
    files.map(async (file) => {
      const path = `${ENDPOINTS.imsConfigFolder.path}/${file}`;
      const text = await expectOk(await aemFetch(path), ENDPOINTS.imsConfigFolder, path);
      return imsConfigFromFelix(file, parseFelixConfig(text));
    }),
  );
}

export function imsConfigForm(input: ImsConfigInput): URLSearchParams {
  const form = new URLSearchParams();
  const set = (k: string, v: string | undefined) => v !== undefined && form.set(k, v);
  if (input.authType === 'jwt') {
    set(IMS_PARAMS.cloudServiceName, IMS_PARAMS.cloudServiceValue);
    set(IMS_PARAMS.keypairAliases, input.keyAlias);
    set(IMS_PARAMS.keypairAlias, input.keyAlias);
    set(IMS_PARAMS.newKeypairAlias, input.keyAlias);
  } else {
    set(IMS_PARAMS.authType, 'oauth');
  }
  set(IMS_PARAMS.title, input.title.trim());
  set(IMS_PARAMS.authServerUrl, input.authServerUrl.trim().replace(/\/+$/, ''));
  set(IMS_PARAMS.apiKey, input.clientId.trim());
  set(IMS_PARAMS.clientSecret, input.clientSecret);
  if (input.authType === 'jwt') set(IMS_PARAMS.jwtClaims, input.jwtPayload?.trim());
  else {
    set(IMS_PARAMS.orgId, input.orgId.trim());
    set(IMS_PARAMS.scope, (input.scopes ?? []).join(','));
  }
  if (input.configurationId) set(IMS_PARAMS.configurationId, input.configurationId);
  return form;
}

/** Saves through AEM's IMS servlet and answers the configuration id (contract 2.7). */
export async function saveImsConfig(input: ImsConfigInput): Promise<string> {
  const e = ENDPOINTS.imsConfigUpdate;
  const body = (await expectOk(await aemFetch(e.path, { method: 'POST', body: imsConfigForm(input) }), e)).trim();
  // HTML means the servlet is not bound there and Sling stored the form instead (contract 2.7 safety).
  if (!body || body.startsWith('<')) throw new AemHttpError(200, body, e.path);
  return body;
}

export async function deleteImsConfigs(pids: string[]): Promise<void> {
  const e = ENDPOINTS.imsConfigDelete;
  const form = new URLSearchParams();
  for (const pid of pids) form.append(IMS_PARAMS.deleteIds, pid);
  await expectOk(await aemFetch(e.path, { method: 'POST', body: form }), e);
}

/** Read-only: AEM requests a token from IMS with the stored configuration (contract 2.9). */
export async function checkHealth(id: string): Promise<HealthResult> {
  const e = ENDPOINTS.checkHealth;
  const path = `${e.path}?id=${encodeURIComponent(id)}`;
  const res = await aemFetch(path);
  const { json, text } = await readBody(res.clone());
  if (!res.ok && json) throw new AemHttpError(res.status, text, path);
  const result = parseJson<HealthResult>(await expectOk(res, e, path), path);
  return { id: String(result.id ?? id), title: String(result.title ?? ''), healthy: result.healthy === true, message: String(result.message ?? '') };
}

// ---- Brand Portal cloud configuration (contract 2.13) --------------------------------------

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

async function readChildren(endpoint: Endpoint, depth: number): Promise<[string, Json][]> {
  const path = slingJson(endpoint.path, depth);
  const res = await aemFetch(path);
  if (res.status === 404) return [];
  const json = parseJson<Json>(await expectOk(res, endpoint, path), path);
  return Object.entries(json).filter((entry): entry is [string, Json] => isObject(entry[1]));
}

export async function listCloudConfigs(): Promise<CloudConfig[]> {
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
  const [current, legacy] = await Promise.all([read(ENDPOINTS.cloudConfigRoot, false), read(ENDPOINTS.legacyCloudConfigRoot, true)]);
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

// ---- Replication agents (contract 2.14) ----------------------------------------------------

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
  return { name, status: res.status, succeeded: res.ok && html.includes(AGENTS.testSucceeded), log: htmlToText(html) };
}

/** Sling POST property update on the agent (enable, Close Connection): a write, never part of a health check. */
export async function setAgentFlag(name: string, flag: 'enabled' | 'closeConnection', value: boolean): Promise<void> {
  const property = flag === 'enabled' ? AGENTS.props.enabled : AGENTS.props.closeConnection;
  const path = `${agentPath(name)}/jcr:content`;
  const form = new URLSearchParams({ [property]: String(value), [`${property}${SLING_POST.typeHintSuffix}`]: 'Boolean' });
  await expectOk(await aemFetch(path, { method: 'POST', body: form }), ENDPOINTS.agentsRoot, path);
}

/** Items waiting in an agent's queue (INFERRED endpoint): the reset refuses while any remain. */
export async function agentQueueSize(name: string): Promise<number> {
  const path = `${agentPath(name)}${AGENTS.queueSelector}`;
  const json = parseJson<Json>(await expectOk(await aemFetch(path), ENDPOINTS.agentsRoot, path), path);
  const queue = json.queue;
  return Array.isArray(queue) ? queue.length : 0;
}

/** Sling POST `:operation=delete` on one node. */
export async function deleteNode(path: string): Promise<void> {
  const form = new URLSearchParams({ [SLING_POST.operation]: SLING_POST.delete });
  const res = await aemFetch(path, { method: 'POST', body: form });
  if (res.status === 404) return; // already gone: the reset can be run again safely
  await expectOk(res, ENDPOINTS.agentsRoot, path);
}
