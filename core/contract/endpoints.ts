/**
 * The one endpoint map: every AEM / IMS URL, method, parameter name, repository path and matched
 * response text the panel relies on, each labelled as in the contract document
 * (CONFIRMED, INFERRED, UNKNOWN). Logic refers to these symbolic names only, and the emulator
 * imports this same module, so correcting an INFERRED or UNKNOWN entry against a real AEM is a
 * one-line change here (plus its emulator fixture).
 *
 * No I/O and no DOM here: pure data and small path builders.
 */

export type Confidence = 'CONFIRMED' | 'INFERRED' | 'UNKNOWN';

/** Project id under /apps: never /apps/brandportal, which is Adobe's own. */
export const APP = 'bpsetup';

export interface Endpoint {
  readonly method: 'GET' | 'POST';
  /** Mutable only through applyEndpointOverrides (an admin's correction read at start). */
  path: string;
  /** The address this build ships with, kept to show what an override replaced. */
  readonly defaultPath: string;
  /** An administrator's override names this entry (even with the shipped address): set with `path`. */
  overridden: boolean;
  readonly confidence: Confidence;
  /** The heading of docs/aem-contract.md that records this entry, for whoever verifies it on a real AEM. */
  readonly contract: string;
}

const ep = (method: Endpoint['method'], path: string, confidence: Confidence, contract: string): Endpoint => ({
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

export const ENDPOINTS = {
  csrfToken: ep('GET', '/libs/granite/csrf/token.json', 'CONFIRMED', 'Session, CSRF and the page itself'),
  loginPage: ep('GET', '/libs/granite/core/content/login.html', 'CONFIRMED', 'Session, CSRF and the page itself'),
  loginSubmit: ep('POST', '/libs/granite/core/content/login.html/j_security_check', 'CONFIRMED', 'Session, CSRF and the page itself'),
  /** Felix console status printer: a JSON array of text lines (older consoles wrap it in {value}). */
  productInfo: ep('GET', '/system/console/status-productinfo.json', 'CONFIRMED', 'Version and feature gates'),
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
  /** Felix configuration manager (admin only): `<pid>.json` reads, a POST to `<pid>` updates or deletes. */
  configManager: ep('POST', '/system/console/configMgr', 'CONFIRMED', 'OSGi consoles (administrators only)'),
  /** AEM's Crypto Support console: "Protect" a value before it is stored in an OSGi configuration. */
  cryptoProtect: ep('POST', '/system/console/crypto/.json', 'CONFIRMED', 'OSGi consoles (administrators only)'),
  userEditor: ep('GET', '/libs/granite/security/content/v2/usereditor.html', 'CONFIRMED', 'Users and the keystore'),
  usersConsole: ep('GET', '/security/users.html', 'INFERRED', 'Users and the keystore'),
} as const;

/**
 * Resource types our package nodes carry to reach AEM's servlets [contract: IMS configurations]
 * [contract: Brand Portal cloud service and agents].
 */
export const RESOURCE_TYPES = {
  imsUpdate: 'cq/adobeims-configuration/components/admin/datasources/imsconfigurations/update',
  imsDelete: 'cq/adobeims-configuration/components/admin/datasources/imsconfigurations/delete',
  cloudConfig: 'dam/components/mediaportal/config',
  shellPage: 'granite/ui/components/shell/page',
  healthScript: `${APP}/components/health`,
} as const;

/** The package's health script (ui.apps components/health): its node, scripts and query parameter. */
export const HEALTH_SCRIPT = {
  node: `/apps/${APP}/health`,
  getScript: `/apps/${APP}/components/health/json.jsp`,
  postScript: `/apps/${APP}/components/health/POST.jsp`,
  nameParam: 'name',
} as const;

/** Request/response header and cookie names [contract: Session, CSRF and the page itself]. */
export const HTTP = {
  csrfHeader: 'CSRF-Token',
  csrfFormField: ':cq_csrf_token',
  reasonHeader: 'X-Reason',
  authFailedReason: 'Authentication Failed',
  loginCookie: 'login-token',
  usernameField: 'j_username',
  passwordField: 'j_password',
  loginResourceParam: 'resource',
  /** Marker a logged-in Granite page contains. */
  loggedInMarker: '<coral-shell-content>',
} as const;

/** The system user whose keystore holds the Brand Portal IMS key pair [contract: Users and the keystore]. */
export const KEYSTORE = {
  serviceUser: 'brandportal-imsconfig-service',
  ksJsonSelector: '.ks.json',
  ksHtmlSelector: '.ks.html',
  storeNode: 'keystore/store.p12',
  publicKeyFileName: 'AEM-Adobe-IMS.crt',
  fields: {
    operation: ':operation',
    newPassword: 'newPassword',
    rePassword: 'rePassword',
    alias: 'alias',
    removeAlias: 'removeAlias',
    certChain: 'cert-chain',
    /** Unencrypted PKCS#8 private key, DER bytes [contract: Users and the keystore]. */
    privateKey: 'pk',
  },
  /** The only `:operation` the keystore servlet has; adding and removing keys take none [contract: Users and the keystore]. */
  createStoreOperation: 'createStore',
  /** `.ks.json` reports `exists: false` only when there is no keystore [contract: Users and the keystore]. */
  existsProperty: 'exists',
} as const;

/** Users and groups [contract: Users and the keystore]: removal through user management, never a raw node delete. */
export const AUTHORIZABLES = {
  idProperty: 'rep:authorizableId',
  systemUserType: 'rep:SystemUser',
  userType: 'rep:User',
  deleteField: 'deleteAuthorizable',
} as const;

/** QueryBuilder parameters used for the authorizable lookups [contract: Users and the keystore]. */
export const QUERY = {
  path: 'path',
  type: 'type',
  property: '1_property',
  propertyValue: '1_property.value',
  hits: 'p.hits',
  limit: 'p.limit',
} as const;

/** The Felix product-info printer: the line after this heading names the product and version. */
export const PRODUCT_INFO = {
  heading: 'Installed Products',
  /** `Adobe Experience Manager (6.5.21.0)`; LTS lines may add words or a suffix (`6.5 LTS (6.6.1.0-…)`): the number counts. */
  productLine: /Adobe Experience Manager[^(\n]*\((\d+\.\d+[\d.]*)[^)]*\)/,
} as const;

/** IMS configuration servlet parameters [contract: IMS configurations]. JWT names CONFIRMED, OAuth names UNKNOWN. */
export const IMS_PARAMS = {
  cloudServiceName: 'cloudServiceName',
  cloudServiceValue: 'Adobe Brand Portal',
  keypairAliases: 'keypairAliases',
  keypairAlias: 'keypairAlias',
  newKeypairAlias: 'newKeypairAlias',
  title: 'title',
  authServerUrl: 'authServerUrl',
  apiKey: 'apiKey',
  clientSecret: 'clientSecret',
  jwtClaims: 'jwtClaims',
  authType: 'authType',
  orgId: 'orgId',
  scope: 'scope',
  configurationId: 'configurationId',
  deleteIds: 'configurationIds',
} as const;

/** OSGi configuration PIDs and property names written by the IMS servlet [contract: IMS configurations]. */
export const IMS_OSGI = {
  providerPid: 'com.adobe.granite.auth.oauth.accesstoken.provider',
  customizerPid: 'com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl',
  configFolder: '/apps/system/config',
  props: {
    name: 'name',
    title: 'auth.token.provider.title',
    endpoint: 'auth.token.provider.endpoint',
    accessTokenRequest: 'auth.access.token.request',
    clientId: 'auth.token.provider.client.id',
    defaultClaims: 'auth.token.provider.default.claims',
    keypairAlias: 'auth.token.provider.keypair.alias',
    scope: 'auth.token.provider.scope',
    grants: 'auth.token.provider.authorization.grants',
    orgId: 'auth.token.provider.orgId',
    customizerType: 'customizer.type',
    clientSecret: 'auth.ims.client.secret',
  },
  clientCredentialsGrant: 'client_credentials',
} as const;

/** Adobe IMS [contract: Migrating JWT to OAuth] [contract: Adobe IMS (emulated only)]. */
export const IMS = {
  defaultServer: 'https://ims-na1.adobelogin.com',
  jwtExchangePath: '/ims/exchange/jwt',
  tokenV3Path: '/ims/token/v3',
  brandPortalMetascope: 'ent_brand_portal_sdk',
  metascopePrefix: '/s/',
  audiencePrefix: '/c/',
  /** Where the emulator serves its IMS stub (project decision, [contract: Adobe IMS (emulated only)]). */
  emulatorStubBase: '/__ims',
} as const;

/** Check Health texts [contract: IMS configurations]: CONFIRMED success text, INFERRED failure title. */
export const HEALTH_TEXT = {
  healthyTitle: 'Healthy configuration',
  unhealthyTitle: 'Unhealthy configuration',
  tokenRetrieved: 'Token retrieved successfully!',
  providerFailure: 'com.adobe.granite.auth.oauth.AccessTokenProvider failed to get access token from authorization server',
  /** The health script's answer when no provider has the configuration's name (components/health/json.jsp). */
  noProvider: 'No active access-token provider has this name on this AEM.',
} as const;

/** Brand Portal cloud service [contract: Brand Portal cloud service and agents]. */
export const CLOUD_CONFIG = {
  params: {
    item: 'item',
    name: 'name',
    tenantUrl: 'tenantURL',
    pubFolder: 'pubFolder',
    pubFolderDelete: 'pubFolder@Delete',
    oauthScopes: 'oauthScopes',
    imsConfig: 'imsConfig',
    resourceType: 'sling:resourceType',
  },
  oauthScopesValue: 'dam-read dam-write dam-sync cc-share',
  tenantUrlProperty: 'tenantURL',
  folderLinkProperty: 'mpConfig',
} as const;

/** Replication agents [contract: Brand Portal cloud service and agents]. */
export const AGENTS = {
  namePrefix: 'mp_replication_agent',
  count: 4,
  transportSuffix: '/bin/receive?sling:authRequestLogin=1',
  props: {
    transportUri: 'transportUri',
    enabled: 'enabled',
    triggerSpecific: 'triggerSpecific',
    closeConnection: 'protocolHTTPConnectionClose',
    tokenProviderName: 'accessTokenProviderName',
    userId: 'userId',
  },
  testSelector: '.test.html',
  /** Queue of an agent, read before any delete ([contract: Users and the keystore]: Adobe's curl reference). */
  queueSelector: '/jcr:content.queue.json',
  testSucceeded: 'Replication test <strong>succeeded</strong>',
  testFailed: 'Replication test <strong>failed</strong>',
  /** What AEM's test page says for an agent that does not exist (no marker at all). */
  noSuchAgent: 'no such agent:',
  queueUser: 'dam-replication-service',
} as const;

/** Sling POST servlet (CONFIRMED by Sling's documentation): operations, suffixes, its HTML status page. */
export const SLING_POST = {
  operation: ':operation',
  delete: 'delete',
  typeHintSuffix: '@TypeHint',
  deleteSuffix: '@Delete',
} as const;

/** The Felix configuration manager's request fields (contract [contract: IMS configurations]). */
export const CONFIG_MANAGER = {
  apply: 'apply',
  delete: 'delete',
  propertyList: 'propertylist',
  factoryPid: 'factoryPid',
  /** An OSGi filter ANDed with the PID of the address; `*` as the PID lists every configuration. */
  pidFilter: 'pidFilter',
  allPids: '*',
  /** The console refuses these characters in a PID or filter (so no `(&…)` filter). */
  refusedInFilter: /[&<>"']/,
} as const;

/** Crypto Support's "Protect" form (contract [contract: IMS configurations]). */
export const CRYPTO = { datum: 'datum', protectedKey: 'protected' } as const;

/** Package Manager [contract: Package Manager]. */
export const PACKMGR = {
  servicePath: '/crx/packmgr/service/.json',
  uploadField: 'package',
  forceField: 'force',
} as const;

/** Where AEM serves our clientlib's resources (allowProxy): on-demand chunks load from here. */
export const CLIENTLIB_RESOURCES = `/etc.clientlibs/${APP}/clientlibs/clientlib-setup/resources/`;

/** Build `<path>.<depth>.json` (Sling default GET servlet). */
export const slingJson = (path: string, depth: number | 'infinity' = 1): string => `${path}.${depth}.json`;

/** `mp_replication_agent{N}_default_<tenant>` [contract: Brand Portal cloud service and agents]. */
export const agentName = (index: number, tenant: string): string => `${AGENTS.namePrefix}${index}_default_${tenant}`;
export const agentTitle = (index: number, tenant: string): string => `${tenant} MP Replication Agent${index} Default`;
export const agentTransportUri = (tenantUrl: string): string => `${tenantUrl}${AGENTS.transportSuffix}`;
export const agentPath = (name: string): string => `${ENDPOINTS.agentsRoot.path}/${name}`;
/** The tenant's replication user folder, removed by "Reset Brand Portal publishing". */
export const tenantUserFolder = (tenant: string): string => `${ENDPOINTS.macUsersRoot.path}/${tenant}`;
/** The authorizable id of a tenant's replication user [contract: Brand Portal cloud service and agents]. */
export const replicationUserId = (tenant: string): string => `mac-${tenant}-replication`;

/** QueryBuilder URL that finds authorizables of a type below a folder, optionally by id [contract: Users and the keystore]. */
export function authorizableQuery(root: string, type: string, id?: string): string {
  const q = new URLSearchParams({ [QUERY.path]: root, [QUERY.type]: type });
  if (id) {
    q.set(QUERY.property, AUTHORIZABLES.idProperty);
    q.set(QUERY.propertyValue, id);
  }
  q.set(QUERY.hits, 'full');
  q.set(QUERY.limit, '-1');
  return `${ENDPOINTS.queryBuilder.path}?${q.toString()}`;
}

export type EndpointKey = keyof typeof ENDPOINTS;

/**
 * Writes that carry the client secret go only to the address this build ships, proven by a read to
 * carry the IMS servlet's resource type: an override never steers the secret.
 */
export const SECRET_BEARING: readonly EndpointKey[] = ['imsConfigUpdate'];

/** The settings and the rule that guards them are read before overrides apply: never overridden. */
export const NOT_OVERRIDABLE: readonly EndpointKey[] = [...SECRET_BEARING, 'settings', 'settingsAccessRule'];

/** An UNKNOWN address is requested only once an administrator's override names it (never a guess sent to AEM). */
export const isRequestable = (endpoint: Endpoint): boolean => endpoint.confidence !== 'UNKNOWN' || endpoint.overridden;

/**
 * An admin's corrections of addresses, read at start from the settings node: each key names an
 * endpoint, each value an absolute path on the author. Unsafe values are refused and reported,
 * never applied; keys that name no endpoint are other settings and are skipped.
 */
export function applyEndpointOverrides(overrides: Record<string, unknown>): { applied: EndpointKey[]; refused: string[] } {
  const applied: EndpointKey[] = [];
  const refused: string[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    if (!Object.prototype.hasOwnProperty.call(ENDPOINTS, key)) continue;
    const path = typeof value === 'string' ? value.trim() : '';
    if (
      NOT_OVERRIDABLE.includes(key as EndpointKey) ||
      !/^\/[A-Za-z0-9._:~\-/]*$/.test(path) ||
      path.includes('//') ||
      /(^|\/)\.\.?(\/|$)/.test(path)
    ) {
      refused.push(key);
      continue;
    }
    const endpoint = ENDPOINTS[key as EndpointKey] as Endpoint;
    endpoint.overridden = true;
    if (endpoint.path !== path) {
      endpoint.path = path;
      applied.push(key as EndpointKey);
    }
  }
  return { applied, refused };
}

/** Back to the shipped addresses (tests, and a page that re-reads its settings). */
export function resetEndpointOverrides(): void {
  for (const endpoint of Object.values(ENDPOINTS) as Endpoint[]) {
    endpoint.path = endpoint.defaultPath;
    endpoint.overridden = false;
  }
}
