/**
 * AEM's fixed names: the request fields, node and property names, response texts and naming rules
 * of AEM, Adobe IMS and Brand Portal that the page relies on, each as the contract document
 * records it. Unlike the addresses (endpoints.ts), these are never overridden: they are what the
 * servlets and the repository are, on every AEM this project supports.
 *
 * No I/O and no DOM here: pure data and small name builders. The ground floor: imports nothing.
 */

/** Project id under /apps: never /apps/brandportal, which is Adobe's own. */
export const APP = 'bpsetup';

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
  publishProof: `${APP}/components/publish-proof`,
  rightsScript: `${APP}/components/rights`,
  settingsWriters: `${APP}/components/settings-writers`,
} as const;

/** The package's health script (ui.apps components/health): its node, scripts and query parameter. */
export const HEALTH_SCRIPT = {
  node: `/apps/${APP}/health`,
  getScript: `/apps/${APP}/components/health/json.jsp`,
  postScript: `/apps/${APP}/components/health/POST.jsp`,
  nameParam: 'name',
} as const;

/**
 * The package's test publish (ui.apps components/publish-proof): its node, scripts, fields and
 * the only folder it writes in. Asset names are `bpsetup-test-<epoch ms>.png`.
 */
export const PUBLISH_PROOF = {
  node: `/apps/${APP}/publish-proof`,
  getScript: `/apps/${APP}/components/publish-proof/json.jsp`,
  postScript: `/apps/${APP}/components/publish-proof/POST.jsp`,
  actionParam: 'action',
  agentParam: 'agent',
  pathParam: 'path',
  actions: { publish: 'publish', cleanup: 'cleanup' },
  parent: '/content/dam',
  folder: '/content/dam/bpsetup-publish-proof',
  folderTitle: 'Brand Portal setup: test publish (removed after each test)',
  /**
   * A test publish runs alone: a test asset younger than this is a run in progress (the next is
   * refused, 409 test-running); an older one was left by a run that ended unseen and is swept.
   */
  runExpiryMs: 10 * 60 * 1000,
  /** The asset's name holds the time it was queued (epoch ms). */
  stampOf: (path: string): number => Number(/bpsetup-test-([0-9]{13})\.png$/.exec(path)?.[1] ?? 0),
  assetPattern: /^\/content\/dam\/bpsetup-publish-proof\/bpsetup-test-[0-9]{13}\.png$/,
  agentPattern: /^mp_replication[A-Za-z0-9_.-]{0,200}$/,
} as const;

/** The package's rights preflight (ui.apps components/rights): what publishing from a folder needs. */
export const RIGHTS_SCRIPT = {
  node: `/apps/${APP}/rights`,
  getScript: `/apps/${APP}/components/rights/json.jsp`,
  postScript: `/apps/${APP}/components/rights/POST.jsp`,
  pathParam: 'path',
  /** Read, create, modify, replicate: Adobe's troubleshooting says read + replicate alone fail. */
  privileges: ['jcr:read', 'jcr:addChildNodes', 'jcr:modifyProperties', 'crx:replicate'],
} as const;

/** The package's read of who may write the page's settings (ui.apps components/settings-writers). */
export const SETTINGS_WRITERS_SCRIPT = {
  node: `/apps/${APP}/settings-writers`,
  getScript: `/apps/${APP}/components/settings-writers/json.jsp`,
  postScript: `/apps/${APP}/components/settings-writers/POST.jsp`,
  /** The nodes whose effective access lists it reads: the settings and their address overrides. */
  paths: [`/conf/${APP}/settings`, `/conf/${APP}/settings/endpoints`],
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
    /** The provider's pairing: equal to its customizer's `customizer.type` (metatype; no `auth.` prefix). */
    tokenRequestCustomizerType: 'token.request.customizer.type',
    customizerType: 'customizer.type',
    /** Chooses the provider's token validator the same way; the value AEM's wizard writes is UNKNOWN. */
    validatorType: 'auth.token.validator.type',
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
  /** What the dialog's Public Folder Publish checkbox posts when on (INFERRED: a Granite checkbox's value). */
  pubFolderOn: 'true',
  tenantUrlProperty: 'tenantURL',
  folderLinkProperty: 'mpConfig',
} as const;

/** Replication agents [contract: Brand Portal cloud service and agents]. */
export const AGENTS = {
  namePrefix: 'mp_replication_agent',
  /** What public text names Brand Portal's agents by (`mp_replication*`); AEM's exact names are not documented. */
  familyPrefix: 'mp_replication',
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
  /** The agent's log, as the console's "View log" opens it (INFERRED). */
  logSelector: '.log.html',
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
  /**
   * The JSON API installs the sub packages a package holds only with `true` (else stores them);
   * the legacy service.jsp installs them unless `false` (INFERRED from Adobe's install plugin).
   */
  recursiveField: 'recursive',
  /** `cmd=create`'s fields (CONFIRMED: Adobe's cURL page), and update.jsp's (INFERRED: widely used, not in Adobe's docs). */
  packageNameField: 'packageName',
  groupNameField: 'groupName',
  versionField: 'packageVersion',
  updateFields: { path: 'path', name: 'packageName', group: 'groupName', version: 'version', filter: 'filter', charset: '_charset_' },
} as const;

/** Where AEM serves our clientlib's resources (allowProxy): on-demand chunks load from here. */
export const CLIENTLIB_RESOURCES = `/etc.clientlibs/${APP}/clientlibs/clientlib-setup/resources/`;

/** Build `<path>.<depth>.json` (Sling default GET servlet). */
export const slingJson = (path: string, depth: number | 'infinity' = 1): string => `${path}.${depth}.json`;

/** `mp_replication_agent{N}_default_<tenant>` [contract: Brand Portal cloud service and agents]. */
export const agentName = (index: number, tenant: string): string => `${AGENTS.namePrefix}${index}_default_${tenant}`;
export const agentTitle = (index: number, tenant: string): string => `${tenant} MP Replication Agent${index} Default`;
export const agentTransportUri = (tenantUrl: string): string => `${tenantUrl}${AGENTS.transportSuffix}`;
/** The authorizable id of a tenant's replication user [contract: Brand Portal cloud service and agents]. */
export const replicationUserId = (tenant: string): string => `mac-${tenant}-replication`;
