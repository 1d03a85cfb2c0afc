/**
 * Typed calls for the IMS side of the setup [contract: Version and feature gates]
 * [contract: IMS configurations] [contract: Users and the keystore]: product info, the Brand Portal
 * IMS service user's keystore, IMS configurations and Check Health. URLs and field names come
 * from the endpoint map only; requests through the session. No DOM here.
 */
import type { AemSession } from './session';
import { isConfigFileOf, parseFelixConfig, type FelixValue } from '../domain/felix-config';
import { parseKeystoreJson } from '../domain/keystore-json';
import { pemToDer } from '../domain/pem';
import { maskValue, scrubText } from '../domain/mask';
import { isSlingStatusPage, slingStatusPage } from '../domain/sling-status';
import type {
  HealthResult,
  HealthScriptAnswer,
  HealthScriptRefusal,
  ImsConfig,
  ImsConfigInput,
  KeystoreInfo,
  ProductInfo,
} from '../domain/types';
import { asLts, isLtsByBundles, ltsAmbiguous, versionFromProductInfo } from '../domain/version';
import { mapBounded } from './bounded';
import { serviceUserPath } from './authorizables';
import { isRequestable } from '../contract/endpoints';
import { HEALTH_SCRIPT, HEALTH_TEXT, IMS_OSGI, IMS_PARAMS, KEYSTORE, RESOURCE_TYPES, SLING_POST, slingJson } from '../contract/aem-names';
import {
  AemHttpError,
  EndpointNotKnownError,
  EndpointUnavailableError,
  ListTooLongError,
  HealthUnavailableError,
  ServletNotBoundError,
  ServletNotProvenError,
} from '../errors';
import { readBody } from './fetch';
import { expectOk, parseJson } from './responses';

const P = IMS_OSGI.props;

/** The AEM version from the Felix product-info printer [contract: Users and the keystore], in either of its shapes. */
export async function productInfo(s: AemSession): Promise<ProductInfo> {
  const e = s.endpoints.productInfo;
  const text = await expectOk(await s.fetch(e.path), e);
  const version = versionFromProductInfo(parseJson<unknown>(text, e.path));
  if (!version) throw new AemHttpError(200, text.slice(0, 500), e.path);
  // A low 6.5 number may be 6.5 LTS that does not say so: its bundles tell (an unread list leaves the line as read).
  if (ltsAmbiguous(version) && (await bundlesSayLts(s).catch(() => undefined))) return { version: asLts(version), ltsBy: 'bundles' };
  return { version };
}

async function bundlesSayLts(s: AemSession): Promise<boolean | undefined> {
  const e = s.endpoints.bundles;
  const res = await s.fetch(e.path);
  if (!res.ok) return undefined;
  const data = (parseJson<{ data?: unknown }>(await res.text(), e.path) ?? {}).data;
  if (!Array.isArray(data)) return undefined;
  return isLtsByBundles(
    data.map((b: { symbolicName?: unknown; version?: unknown }) => ({
      symbolicName: String(b?.symbolicName ?? ''),
      version: String(b?.version ?? ''),
    })),
  );
}

// ---- keystore of the Brand Portal IMS service user [contract: Users and the keystore] -------------------------

export async function keystore(s: AemSession): Promise<KeystoreInfo> {
  const path = `${await serviceUserPath(s)}${KEYSTORE.ksJsonSelector}`;
  return parseKeystoreJson(await expectOk(await s.fetch(path), s.endpoints.systemUsersRoot, path), path);
}

async function keystorePost(s: AemSession, form: FormData | URLSearchParams): Promise<void> {
  const path = `${await serviceUserPath(s)}${KEYSTORE.ksHtmlSelector}`;
  const res = await s.fetch(path, { method: 'POST', body: form, sendOnce: true });
  const body = await expectOk(res, s.endpoints.systemUsersRoot, path);
  const page = slingStatusPage(body);
  if (page.status !== undefined && page.status >= 400) throw new AemHttpError(page.status, body, path);
}

export async function createKeystore(s: AemSession, password: string): Promise<void> {
  const F = KEYSTORE.fields;
  await keystorePost(
    s,
    new URLSearchParams({ [F.operation]: KEYSTORE.createStoreOperation, [F.newPassword]: password, [F.rePassword]: password }),
  );
}

/**
 * Route B: the page made the key pair. The private key goes once, as unencrypted PKCS#8 DER in the
 * `pk` file part, with the PEM certificate as `cert-chain`, and no `:operation` [contract: Users and the keystore].
 */
export async function addKeyPair(s: AemSession, alias: string, privateKeyPem: string, certificatePem: string): Promise<void> {
  const F = KEYSTORE.fields;
  const form = new FormData();
  form.set(F.alias, alias);
  form.set(F.privateKey, new Blob([pemToDer(privateKeyPem, 'PRIVATE KEY')], { type: 'application/octet-stream' }), 'private-key.der');
  form.set(F.certChain, new Blob([certificatePem], { type: 'application/x-pem-file' }), KEYSTORE.publicKeyFileName);
  await keystorePost(s, form);
}

/** Removes one alias from the keystore (`removeAlias`, no `:operation`). */
export async function removeKeyAlias(s: AemSession, alias: string): Promise<void> {
  await keystorePost(s, new URLSearchParams({ [KEYSTORE.fields.removeAlias]: alias }));
}

const publicKeyUrl = (s: AemSession, alias: string): string => `${s.endpoints.publicKey.path}?alias=${encodeURIComponent(alias)}`;

/** The public certificate of an alias (AEM-Adobe-IMS.crt, [contract: Users and the keystore]: UNKNOWN address, may degrade). */
export async function publicCertificate(s: AemSession, alias: string): Promise<string> {
  const e = s.endpoints.publicKey;
  if (!isRequestable(e)) throw new EndpointNotKnownError(e);
  const pem = await expectOk(await s.fetch(publicKeyUrl(s, alias)), e, publicKeyUrl(s, alias));
  if (!pem.includes('BEGIN CERTIFICATE') || pem.includes('PRIVATE KEY')) throw new AemHttpError(200, pem.slice(0, 200), e.path);
  return pem;
}

// ---- IMS configurations [contract: IMS configurations] -------------------------------------------

const isProviderFile = (name: string) => isConfigFileOf(IMS_OSGI.providerPid, name);
const strings = (v: FelixValue | undefined): string[] => (Array.isArray(v) ? v : typeof v === 'string' && v ? v.split(',') : []);

export function imsConfigFromFelix(file: string, props: Record<string, FelixValue>): ImsConfig {
  const suffix = file.slice(IMS_OSGI.providerPid.length + 1).replace(/\.config$/, '');
  return {
    pid: `${IMS_OSGI.providerPid}.${suffix}`,
    file,
    id: suffix,
    name: typeof props[P.name] === 'string' && props[P.name] ? String(props[P.name]) : suffix,
    title: String(props[P.title] ?? suffix),
    clientId: String(props[P.clientId] ?? ''),
    authType: props[P.grants] === IMS_OSGI.clientCredentialsGrant ? 'oauth' : 'jwt',
    keyAlias: typeof props[P.keypairAlias] === 'string' ? (props[P.keypairAlias] as string) : undefined,
    orgId: typeof props[P.orgId] === 'string' ? (props[P.orgId] as string) : undefined,
    endpoint: typeof props[P.endpoint] === 'string' ? (props[P.endpoint] as string) : undefined,
    scopes: strings(props[P.scope])
      .map((s) => s.trim())
      .filter(Boolean),
    defaultClaims: strings(props[P.defaultClaims]),
    grants: typeof props[P.grants] === 'string' ? (props[P.grants] as string) : undefined,
    tokenRequestUrl: typeof props[P.accessTokenRequest] === 'string' ? (props[P.accessTokenRequest] as string) : undefined,
  };
}

/**
 * Every IMS provider configuration: the folder listing, then each file. `alreadyRead` (a listing
 * from moments ago) spares reading a file again when only the folder is in question.
 */
/** At most this many provider configurations are read (a real author has a handful), this many at a time. */
export const IMS_LIST_LIMITS = { files: 500, parallel: 6 } as const;

export async function listImsConfigs(s: AemSession, alreadyRead: readonly ImsConfig[] = []): Promise<ImsConfig[]> {
  const e = s.endpoints.imsConfigList;
  const res = await s.fetch(e.path);
  if (res.status === 404) return []; // no configuration folder yet
  const folder = parseJson<Record<string, unknown>>(await expectOk(res, e), e.path);
  const files = Object.keys(folder).filter(isProviderFile).sort();
  if (files.length > IMS_LIST_LIMITS.files) throw new ListTooLongError(files.length, IMS_LIST_LIMITS.files, e.path);
  const configs = await mapBounded(files, IMS_LIST_LIMITS.parallel, async (file) => {
    const known = alreadyRead.find((c) => c.file === file);
    if (known) return known;
    const path = `${s.endpoints.imsConfigFolder.path}/${file}`;
    const res = await s.fetch(path);
    // Deleted between the listing and this read (another admin's clean-up): no longer there.
    if (res.status === 404) return undefined;
    const config = imsConfigFromFelix(file, parseFelixConfig(await expectOk(res, s.endpoints.imsConfigFolder, path)));
    const entry = folder[file];
    const created = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)['jcr:created'] : undefined;
    return typeof created === 'string' ? { ...config, created } : config;
  });
  return configs.filter((c): c is ImsConfig => c !== undefined);
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

/**
 * Sling's default POST servlet answered at the IMS servlet's address, so it may have stored the form
 * fields (the secret among them) as properties: remove each one, then read the node back to prove
 * none is left. Returns the names still there (empty when clean).
 */
export async function removeStrayFormProperties(s: AemSession, path: string, fieldNames: string[]): Promise<string[]> {
  const cleanup = new URLSearchParams();
  for (const name of fieldNames) cleanup.append(`${name}${SLING_POST.deleteSuffix}`, '');
  await s.fetch(path, { method: 'POST', body: cleanup });
  const res = await s.fetch(slingJson(path, 0));
  if (res.status === 404) return [];
  if (!res.ok) return fieldNames; // cannot prove it: assume the worst
  const node = parseJson<Record<string, unknown>>(await res.text(), path);
  return fieldNames.filter((n) => Object.prototype.hasOwnProperty.call(node, n));
}

/** Proves with a read that a node carries a servlet's resource type before anything secret is posted to it. */
async function proveServletNode(s: AemSession, path: string, resourceType: string): Promise<void> {
  const res = await s.fetch(slingJson(path, 0));
  let found = `HTTP ${res.status}`;
  if (res.ok) {
    const node = parseJson<Record<string, unknown>>(await res.text(), path);
    found = String(node['sling:resourceType'] ?? 'no resource type');
    if (found === resourceType) return;
  }
  throw new ServletNotProvenError(path, resourceType, found);
}

/**
 * Saves through AEM's IMS servlet and answers the configuration id [contract: IMS configurations]. The secret goes
 * only to the package's own node, proven first to carry the servlet's resource type.
 */
export async function saveImsConfig(s: AemSession, input: ImsConfigInput): Promise<string> {
  const e = s.endpoints.imsConfigUpdate;
  const form = imsConfigForm(input);
  await proveServletNode(s, e.defaultPath, RESOURCE_TYPES.imsUpdate);
  const res = await s.fetch(e.defaultPath, { method: 'POST', body: form, sendOnce: true });
  const body = (await res.text()).trim();
  // Sling's status page (or HTML where the servlet answers text) means the IMS servlet is not bound
  // at this address and the default POST servlet handled the form ([contract: IMS configurations] safety): clean up
  // before reporting. An HTML error page with a failure status is the servlet failing: reported as such.
  if (isSlingStatusPage(body) || (res.ok && body.startsWith('<'))) {
    const left = await removeStrayFormProperties(s, e.defaultPath, [...new Set(form.keys())]);
    throw new ServletNotBoundError(e, res.status, maskValue(body, input.clientSecret), left);
  }
  if (!res.ok) {
    if (res.status === 404 || res.status === 405) throw new EndpointUnavailableError(e, res.status);
    throw new AemHttpError(res.status, maskValue(body, input.clientSecret), e.path);
  }
  if (!body) throw new AemHttpError(res.status, body, e.path);
  return body;
}

export async function deleteImsConfigs(s: AemSession, pids: string[]): Promise<void> {
  const e = s.endpoints.imsConfigDelete;
  const form = new URLSearchParams();
  for (const pid of pids) form.append(IMS_PARAMS.deleteIds, pid);
  await expectOk(await s.fetch(e.path, { method: 'POST', body: form }), e);
}

/** One delete per configuration, each already gone (404: another creator removed it) counted as done. */
export async function deleteImsConfigsIfPresent(s: AemSession, pids: string[]): Promise<void> {
  const e = s.endpoints.imsConfigDelete;
  for (const pid of pids) {
    const res = await s.fetch(e.path, { method: 'POST', body: new URLSearchParams({ [IMS_PARAMS.deleteIds]: pid }) });
    if (res.status !== 404) await expectOk(res, e);
  }
}

/**
 * Read-only: the package's health script asks AEM's access-token provider of this configuration
 * for a token (ui.apps components/health). When the script does not answer as itself (the package
 * is older, not installed, or AEM could not compile it: a 404, a 5xx page, or Sling's default
 * rendering of the node), this AEM "cannot be checked from here": never healthy, never failing.
 * The script's message is AEM's and IMS's text: any secret inside it is scrubbed here, before a
 * step, Connect's stage line or a report shows it.
 */
export async function checkHealth(s: AemSession, config: Pick<ImsConfig, 'id' | 'name' | 'title'>): Promise<HealthResult> {
  const e = s.endpoints.checkHealth;
  const path = `${e.path}?${new URLSearchParams({ [HEALTH_SCRIPT.nameParam]: config.name })}`;
  const res = await s.fetch(path);
  const { json, text } = await readBody(res);
  const answer = (json && typeof json === 'object' ? json : {}) as Partial<HealthScriptAnswer & HealthScriptRefusal>;
  const base = { id: config.id, title: config.title };
  if (res.ok && typeof answer.healthy === 'boolean') {
    if (answer.healthy)
      return { ...base, healthy: true, message: `${config.title}: ${HEALTH_TEXT.tokenRetrieved}`, durationMs: answer.durationMs };
    return {
      ...base,
      healthy: false,
      message: scrubText(String(answer.message ?? '')),
      error: typeof answer.error === 'string' ? answer.error : undefined,
      durationMs: answer.durationMs,
    };
  }
  // AEM has no provider with this name: the configuration's OSGi component is not active (yet).
  if (res.status === 404 && answer.error === 'unknown-configuration')
    return { ...base, healthy: false, error: answer.error, message: scrubText(String(answer.message ?? '')) };
  if (res.status === 403 && answer.error === 'not-administrator') throw new AemHttpError(403, text, e.path);
  throw new HealthUnavailableError(e, res.status);
}
