/**
 * Domain types shared by the panel, the emulator and any future CLI. Shapes follow the contract
 * document; ids are opaque strings passed on as received [contract: Rules the code follows].
 */
import type { AgentQueue } from './queue';

export type AuthType = 'oauth' | 'jwt';

/** One thing the whole-setup check found, with its fix. */
export interface SetupProblem {
  id: string;
  /** `unknown`: that part could not be read, so nothing about it is claimed (neither fine nor missing). */
  severity: 'error' | 'warning' | 'unknown';
  title: string;
  fix: string;
}

/** One IMS technical-account configuration as the panel lists it [contract: IMS configurations]. */
export interface ImsConfig {
  /** OSGi PID of the access-token provider, e.g. `com.adobe.granite.auth.oauth.accesstoken.provider.<n>`. */
  pid: string;
  /** Node name of the `.config` file under /apps/system/config. */
  file: string;
  /** Configuration id the servlet returned; sent as `imsConfig` to the cloud service. */
  id: string;
  /** The provider's `name` service property: how AEM (and the health script) select its provider. */
  name: string;
  title: string;
  clientId: string;
  authType: AuthType;
  keyAlias?: string;
  orgId?: string;
  /** Authorization server (auth.token.provider.endpoint). */
  endpoint?: string;
  scopes?: string[];
  /** `"key": value` lines of the provider's default claims. */
  defaultClaims?: string[];
  /** `auth.token.provider.authorization.grants` as stored (`client_credentials` for OAuth). */
  grants?: string;
  /** `auth.access.token.request`: where AEM asks for the token. */
  tokenRequestUrl?: string;
  /** The file's `jcr:created` as AEM renders it (to the second): which of two concurrent creations stays. */
  created?: string;
}

/** What the admin types (or pastes) to create or update an IMS configuration. Never persisted by the panel. */
export interface ImsConfigInput {
  authType: AuthType;
  title: string;
  authServerUrl: string;
  clientId: string;
  clientSecret: string;
  orgId: string;
  technicalAccountId: string;
  /** OAuth only. */
  scopes?: string[];
  /** JWT only: the payload JSON text. */
  jwtPayload?: string;
  /** JWT only. */
  keyAlias?: string;
  /** Present when editing or migrating. */
  configurationId?: string;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  serialNumber: string;
}

export interface KeystoreAlias {
  alias: string;
  entryType: string;
  algorithm: string;
  format: string;
  chain: CertificateInfo[];
}

export interface KeystoreInfo {
  exists: boolean;
  aliases: KeystoreAlias[];
}

export interface HealthResult {
  id: string;
  title: string;
  healthy: boolean;
  message: string;
  /** IMS error code when AEM's provider quoted one (`invalid_client`, `invalid_scope`, …). */
  error?: string;
  /** How long AEM took to get (or fail to get) the token, as the health script measured it. */
  durationMs?: number;
}

/**
 * The package's health script's answer (`GET <health node>.json?name=…`), the same from AEM's
 * compiled JSP and from the emulator. The token itself is never part of it.
 */
export type HealthScriptAnswer =
  | { name: string; healthy: true; durationMs: number }
  | {
      name: string;
      healthy: false;
      /** The token endpoint's HTTP status, when the provider's text names one. */
      status: number | null;
      error: string | null;
      errorDescription: string | null;
      /** The provider's failure text, anything shaped like a token masked. */
      message: string;
      durationMs: number;
    };

/** The health script's refusals: 400 missing-name, 403 not-administrator, 404 unknown-configuration, 405 on writes. */
export interface HealthScriptRefusal {
  error: 'missing-name' | 'not-administrator' | 'unknown-configuration' | 'method-not-allowed';
  message: string;
  name?: string;
}

/** The test publish's answer to action=publish: the asset and the agents its activation was queued to. */
export interface PublishProofQueued {
  path: string;
  agents: string[];
  queuedAt: number;
  /** Test assets an earlier run left, removed first. */
  swept: string[];
}

/** The answer to action=cleanup: what left the queues, what was unpublished, whether the asset was deleted. */
export interface PublishProofCleanup {
  path: string;
  removed: boolean;
  dequeued: string[];
  unpublishQueued: string[];
  unpublishError: string | null;
  /**
   * The folder's own deactivation, queued where the asset had been delivered once the folder was
   * empty (publishing the asset made the folder on Brand Portal; unpublishing the asset leaves it).
   */
  folderUnpublishQueued?: string[];
}

/** GET publish-proof.json: what the test publish's folder holds. */
export interface PublishProofListing {
  folder: string;
  exists: boolean;
  assets: string[];
}

/** The rights script's answer: each privilege granted, refused, or null where the repository has no such privilege. */
export interface FolderRights {
  path: string;
  user: string;
  privileges: Record<string, boolean | null>;
}

/** Brand Portal cloud configuration [contract: Brand Portal cloud service and agents]. */
export interface CloudConfig {
  path: string;
  title: string;
  tenantUrl: string;
  imsConfig: string;
  legacy: boolean;
  /**
   * "Public Folder Publish" (`pubFolder`): Brand Portal users who are not administrators see
   * published folders only when it is on. Read, and kept on every save.
   */
  publicFolderPublish: boolean;
}

/** One Brand Portal replication agent [contract: Brand Portal cloud service and agents]. */
export interface ReplicationAgent {
  name: string;
  path: string;
  title: string;
  transportUri: string;
  enabled: boolean;
  closeConnection: boolean;
  triggerSpecific: boolean;
  /** The access-token provider the agent takes its token from (`accessTokenProviderName`), where set. */
  tokenProviderName?: string;
  /** The user the agent replicates as (`userId`), where set. */
  userId?: string;
}

/** One agent's queue as read for the whole-setup check: the queue, or that it could not be read. */
export interface AgentQueueReading {
  name: string;
  queue?: AgentQueue;
  /** The last error the agent's log shows, read only for a blocked queue. */
  lastError?: string;
  /** The queue could not be read: nothing is judged about it. */
  unread?: boolean;
}

/** Result of Test Connection on one agent [contract: Brand Portal cloud service and agents]. */
export interface AgentTestResult {
  name: string;
  succeeded: boolean;
  /** The test page's text (tags removed): the log experts read. */
  log: string;
  status: number;
}

export interface ProductInfo {
  /** Dotted version, e.g. `6.5.21.0`; `6.5.2.0 LTS` when the bundles showed 6.5 LTS behind an unclear line. */
  version: string;
  /** How 6.5 LTS was recognised when the product line did not say it. */
  ltsBy?: 'bundles';
}

/** `untested`: configured on AEM, but not tested since the page opened (never shown as "to do"). */
export type StepStatus = 'unknown' | 'todo' | 'inProgress' | 'untested' | 'done' | 'warning' | 'error' | 'notNeeded';

export type StepId = 'prerequisites' | 'certificate' | 'developerConsole' | 'imsAccount' | 'health' | 'brandPortal';

export interface StepState {
  id: StepId;
  status: StepStatus;
  /** One line on why the step has this status, in plain words. */
  summary: string;
}

/** Address overrides found but not applied: the settings' access rule was not proven. */
export interface UnguardedOverrides {
  keys: string[];
  /** other-writers: a user (or an unknown principal) holds its own grant to write them, which Oak applies before any deny for a group. */
  why: 'rule-missing' | 'rule-unreadable' | 'other-writers';
  /** other-writers: who, and the node whose access list grants it. */
  writers?: string[];
}

/** A settings guard's verdict: proven (true), or why not. */
export type GuardVerdict = true | Omit<UnguardedOverrides, 'keys'>;

/** Address overrides: applied (endpoint names), refused as unsafe, and found but not applied. */
export interface OverridesInForce<Key extends string = string> {
  applied: Key[];
  refused: string[];
  unguarded?: UnguardedOverrides;
}
