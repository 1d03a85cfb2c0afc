/**
 * Typed calls for the IMS side of the setup (contract 2.3–2.9): product info, the Brand Portal
 * IMS service user's keystore, IMS configurations and Check Health. URLs and field names come
 * from the endpoint map only; transport from aemFetch. No DOM here.
 */
import { parseFelixConfig, type FelixValue } from '../domain/felix-config';
import type { HealthResult, ImsConfig, ImsConfigInput, KeystoreInfo, ProductInfo } from '../domain/types';
import { ENDPOINTS, IMS_OSGI, IMS_PARAMS, KEYSTORE } from './endpoints';
import { AemHttpError } from './errors';
import { aemFetch, readBody } from './fetch';
import { expectOk, parseJson } from './responses';

const P = IMS_OSGI.props;

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

const publicKeyUrl = (alias: string): string => `${ENDPOINTS.publicKey.path}?alias=${encodeURIComponent(alias)}`;

/** The public certificate of an alias (AEM-Adobe-IMS.crt, contract 2.6: UNKNOWN address, may degrade). */
export async function publicCertificate(alias: string): Promise<string> {
  const e = ENDPOINTS.publicKey;
  const pem = await expectOk(await aemFetch(publicKeyUrl(alias)), e, publicKeyUrl(alias));
  if (!pem.includes('BEGIN CERTIFICATE') || pem.includes('PRIVATE KEY')) throw new AemHttpError(200, pem.slice(0, 200), e.path);
  return pem;
}

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
