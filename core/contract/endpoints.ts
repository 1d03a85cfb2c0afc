/**
 * The one endpoint map: every AEM / IMS address the panel requests or links to, with its method,
 * labelled as in the contract document (CONFIRMED, INFERRED, UNKNOWN). Logic refers to these
 * symbolic names only, and the emulator imports this same module, so correcting an INFERRED or
 * UNKNOWN entry against a real AEM is a one-line change here (plus its emulator fixture).
 *
 * The map is frozen. An administrator's overrides (read from the page's settings) make a new
 * map (withOverrides), held by the AEM session that uses it: nothing here changes at run time.
 * No I/O and no DOM here. AEM's fixed field and node names live in aem-names.ts.
 */
import { APP, AUTHORIZABLES, QUERY } from './aem-names';

export type Confidence = 'CONFIRMED' | 'INFERRED' | 'UNKNOWN';

export interface Endpoint {
  /** The entry's name in the map: explanations switch on it, whichever map it came from. */
  readonly key: string;
  readonly method: 'GET' | 'POST';
  /** The address requested: the shipped one, or an administrator's override (withOverrides). */
  readonly path: string;
  /** The address this build ships with, kept to show what an override replaced. */
  readonly defaultPath: string;
  /** An administrator's override names this entry (even with the shipped address). */
  readonly overridden: boolean;
  readonly confidence: Confidence;
  /** The heading of docs/aem-contract.md that records this entry, for whoever verifies it on a real AEM. */
  readonly contract: string;
}

type Shipped = Omit<Endpoint, 'key'>;
const ep = (method: Endpoint['method'], path: string, confidence: Confidence, contract: string): Shipped => ({
  method,
  path,
  defaultPath: path,
  overridden: false,
  confidence,
  contract,
});

/**
 * Interim reads for addresses nobody has published [contract: Rules the code follows]: GET only, and requested only
 * when an override names them (isRequestable). The emulator's --interim-endpoints mode seeds such
 * overrides and serves them; a real AEM (and the default emulator) has nothing there.
 */
export const UNVERIFIED = `/apps/${APP}/unverified`;

const SHIPPED = {
  csrfToken: ep('GET', '/libs/granite/csrf/token.json', 'CONFIRMED', 'Session, CSRF and the page itself'),
  loginPage: ep('GET', '/libs/granite/core/content/login.html', 'CONFIRMED', 'Session, CSRF and the page itself'),
  loginSubmit: ep('POST', '/libs/granite/core/content/login.html/j_security_check', 'CONFIRMED', 'Session, CSRF and the page itself'),
  /** Felix console status printer: a JSON array of text lines (older consoles wrap it in {value}). */
  productInfo: ep('GET', '/system/console/status-productinfo.json', 'CONFIRMED', 'Version and feature gates'),
  /** The bundle list (administrators): 6.5 LTS told from 6.5 by Oak's version where the product line is unclear. */
  bundles: ep('GET', '/system/console/bundles.json', 'CONFIRMED', 'Version and feature gates'),
  /** Sling's settings printer (label `slingsettings`, Apache Sling Settings): the run modes, `publish` or `author`. */
  slingSettings: ep('GET', '/system/console/status-slingsettings.json', 'INFERRED', 'Version and feature gates'),
  /**
   * Sling's Oak discovery keeps one node per instance of a cluster, named by its Sling ID
   * (discovery.oak's default resource path /var/discovery/oak/): authors that list each other share one repository.
   */
  clusterInstances: ep('GET', '/var/discovery/oak/clusterInstances.1.json', 'INFERRED', 'Version and feature gates'),
  /** QueryBuilder: finds authorizables whose node names Oak makes unpredictable. */
  queryBuilder: ep('GET', '/bin/querybuilder.json', 'CONFIRMED', 'Users and the keystore'),
  imsConfigList: ep('GET', '/apps/system/config.1.json', 'INFERRED', 'IMS configurations'),
  imsConfigFolder: ep('GET', '/apps/system/config', 'INFERRED', 'IMS configurations'),
  imsConsole: ep('GET', '/libs/cq/adobeims-configuration/content/configurations.html', 'CONFIRMED', 'IMS configurations'),
  /** Where the Brand Portal IMS service user lives; its own path is looked up (queryBuilder). */
  systemUsersRoot: ep('GET', '/home/users/system', 'CONFIRMED', 'Users and the keystore'),
  publicKey: ep('GET', `${UNVERIFIED}/public-key.crt`, 'UNKNOWN', 'Users and the keystore'),
  imsConfigUpdate: ep('POST', `/apps/${APP}/ims/update`, 'INFERRED', 'IMS configurations'),
  imsConfigDelete: ep('POST', `/apps/${APP}/ims/delete`, 'INFERRED', 'IMS configurations'),
  /**
   * The package's own Check Health script (components/health/json.jsp on the node below): AEM's
   * access-token provider selected by `name`, asked for a token. Ours, so its address is known;
   * the provider API it calls is CONFIRMED (AEM 6.5 Javadoc).
   */
  checkHealth: ep('GET', `/apps/${APP}/health.json`, 'CONFIRMED', 'IMS configurations'),
  /** The opt-in test publish (the package's publish-proof/POST.jsp, AEM's Replicator) and its read-back. */
  publishProof: ep('POST', `/apps/${APP}/publish-proof`, 'CONFIRMED', 'Brand Portal cloud service and agents'),
  publishProofList: ep('GET', `/apps/${APP}/publish-proof.json`, 'CONFIRMED', 'Brand Portal cloud service and agents'),
  /** The signed-in user's rights on a folder (the package's rights/json.jsp). */
  folderRights: ep('GET', `/apps/${APP}/rights.json`, 'CONFIRMED', 'Brand Portal cloud service and agents'),
  /**
   * The package's own script: every entry of Oak's effective access lists on the settings
   * (AccessControlManager.getEffectivePolicies, CONFIRMED JCR API), read before any override applies.
   */
  settingsWriters: ep('GET', `/apps/${APP}/settings-writers.json`, 'CONFIRMED', 'Session, CSRF and the page itself'),
  cloudConfigCreate: ep('POST', '/apps/brandportal/config', 'CONFIRMED', 'Brand Portal cloud service and agents'),
  cloudConfigRoot: ep('GET', '/conf/global/settings/cloudconfigs/mediaportal', 'CONFIRMED', 'Brand Portal cloud service and agents'),
  legacyCloudConfigRoot: ep('GET', '/etc/cloudservices/mediaportal', 'CONFIRMED', 'Brand Portal cloud service and agents'),
  agentsRoot: ep('GET', '/etc/replication/agents.author', 'CONFIRMED', 'Brand Portal cloud service and agents'),
  /** The replication user of a tenant lives below `/home/users/mac/<tenant>` (legacy path C, IMS flow I). */
  macUsersRoot: ep('GET', '/home/users/mac', 'INFERRED', 'Brand Portal cloud service and agents'),
  /** Project-owned settings the package never overwrites: address overrides and the chosen IMS configuration. */
  settings: ep('GET', `/conf/${APP}/settings`, 'CONFIRMED', 'Session, CSRF and the page itself'),
  /**
   * The package's access rule on the settings (only administrators may write them), read back
   * before any override is applied. Readable only with jcr:readAccessControl (administrators).
   */
  settingsAccessRule: ep('GET', `/conf/${APP}/rep:policy`, 'INFERRED', 'Session, CSRF and the page itself'),
  replicationConsole: ep('GET', '/etc/replication/agents.author.html', 'CONFIRMED', 'Brand Portal cloud service and agents'),
  cloudServicesConsole: ep('GET', '/libs/cq/core/content/tools/cloudservices.html', 'INFERRED', 'Brand Portal cloud service and agents'),
  packageUpload: ep('POST', '/crx/packmgr/service/.json/', 'CONFIRMED', 'Package Manager'),
  /** `cmd=create` and `cmd=build` (Adobe's cURL page): the backup made before any deletion. */
  packageService: ep('POST', '/crx/packmgr/service/.json', 'CONFIRMED', 'Package Manager'),
  /** A package's filter: not in Adobe's documentation, used by Package Manager's own editor and common scripts. */
  packageFilterUpdate: ep('POST', '/crx/packmgr/update.jsp', 'INFERRED', 'Package Manager'),
  /** Felix configuration manager (admin only): `<pid>.json` reads, a POST to `<pid>` updates or deletes. */
  configManager: ep('POST', '/system/console/configMgr', 'CONFIRMED', 'OSGi consoles (administrators only)'),
  /** AEM's Crypto Support console: "Protect" a value before it is stored in an OSGi configuration. */
  cryptoProtect: ep('POST', '/system/console/crypto/.json', 'CONFIRMED', 'OSGi consoles (administrators only)'),
  userEditor: ep('GET', '/libs/granite/security/content/v2/usereditor.html', 'CONFIRMED', 'Users and the keystore'),
  usersConsole: ep('GET', '/security/users.html', 'INFERRED', 'Users and the keystore'),
} as const;

export type EndpointKey = keyof typeof SHIPPED;
/** A whole endpoint map: the shipped one, or one with an administrator's overrides. */
export type Endpoints = { readonly [K in EndpointKey]: Endpoint };

const freeze = (entries: [string, Shipped][]): Endpoints =>
  Object.freeze(Object.fromEntries(entries.map(([key, e]) => [key, Object.freeze({ ...e, key })]))) as Endpoints;

/** The addresses this build ships with. */
export const ENDPOINTS: Endpoints = freeze(Object.entries(SHIPPED));

/** `<agents root>/<name>`: an agent's node on this author. */
export const agentPath = (endpoints: Endpoints, name: string): string => `${endpoints.agentsRoot.path}/${name}`;
/** The tenant's replication user folder, removed by "Reset Brand Portal publishing". */
export const tenantUserFolder = (endpoints: Endpoints, tenant: string): string => `${endpoints.macUsersRoot.path}/${tenant}`;

/** QueryBuilder URL that finds authorizables of a type below a folder, optionally by id [contract: Users and the keystore]. */
export function authorizableQuery(endpoints: Endpoints, root: string, type: string, id?: string): string {
  const q = new URLSearchParams({ [QUERY.path]: root, [QUERY.type]: type });
  if (id) {
    q.set(QUERY.property, AUTHORIZABLES.idProperty);
    q.set(QUERY.propertyValue, id);
  }
  q.set(QUERY.hits, 'full');
  q.set(QUERY.limit, '-1');
  return `${endpoints.queryBuilder.path}?${q.toString()}`;
}

/**
 * Writes that carry the client secret go only to the address this build ships, proven by a read to
 * carry the IMS servlet's resource type: an override never steers the secret.
 */
export const SECRET_BEARING: readonly EndpointKey[] = ['imsConfigUpdate'];

/** The settings and the rule that guards them are read before overrides apply: never overridden. */
export const NOT_OVERRIDABLE: readonly EndpointKey[] = [...SECRET_BEARING, 'settings', 'settingsAccessRule', 'settingsWriters'];

/** An UNKNOWN address is requested only once an administrator's override names it (never a guess sent to AEM). */
export const isRequestable = (endpoint: Endpoint): boolean => endpoint.confidence !== 'UNKNOWN' || endpoint.overridden;

const isSafeOverride = (path: string): boolean =>
  /^\/[A-Za-z0-9._:~\-/]*$/.test(path) && !path.includes('//') && !/(^|\/)\.\.?(\/|$)/.test(path);

export interface WithOverrides {
  /** A new frozen map: the shipped addresses with the accepted overrides. */
  endpoints: Endpoints;
  /** Entries whose address the overrides changed. */
  applied: EndpointKey[];
  /** Overrides refused (an entry never overridden, or an unsafe path): reported, never applied. */
  refused: string[];
}

/**
 * An admin's corrections of addresses, read from the settings node: each key names an endpoint,
 * each value an absolute path on the author. Always applied to the shipped map, so overrides
 * replace earlier ones instead of piling up; keys that name no endpoint are other settings.
 */
export function withOverrides(overrides: Record<string, unknown>): WithOverrides {
  const applied: EndpointKey[] = [];
  const refused: string[] = [];
  const entries = Object.entries(ENDPOINTS).map(([key, endpoint]): [string, Shipped] => {
    if (!Object.prototype.hasOwnProperty.call(overrides, key)) return [key, endpoint];
    const value = overrides[key];
    const path = typeof value === 'string' ? value.trim() : '';
    if (NOT_OVERRIDABLE.includes(key as EndpointKey) || !isSafeOverride(path)) {
      refused.push(key);
      return [key, endpoint];
    }
    if (path !== endpoint.path) applied.push(key as EndpointKey);
    return [key, { ...endpoint, path, overridden: true }];
  });
  return { endpoints: freeze(entries), applied, refused };
}
