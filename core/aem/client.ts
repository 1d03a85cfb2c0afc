/**
 * The AEM client: typed calls, one per contract item (IMS side and Brand Portal side). Each call
 * takes the session first, so the page bundles only the calls it makes (and a part only its own);
 * createAemClient binds them all to one session for callers without a bundle budget (the CLI).
 */
import { findAuthorizables, serviceUserPath } from './authorizables';
import { authorIdentity } from './author-identity';
import { backUp } from './backup-package';
import {
  agentLogError,
  readAgentQueue,
  deleteAuthorizable,
  deleteNode,
  listAgents,
  listCloudConfigs,
  saveCloudConfig,
  setAgentFlag,
  setAgentTokenProvider,
  testAgent,
} from './brand-portal-client';
import {
  addKeyPair,
  checkHealth,
  createKeystore,
  deleteImsConfigs,
  deleteImsConfigsIfPresent,
  keystore,
  listImsConfigs,
  productInfo,
  publicCertificate,
  removeKeyAlias,
  removeStrayFormProperties,
  saveImsConfig,
} from './ims-client';
import { readContributionFlag, readProxyConfigurations } from './config-manager-client';
import { instanceIdentity, runModes } from './instance-identity';
import { proveImsSave } from './ims-proof';
import { createOneImsConfig } from './one-ims-config';
import { relinkAgents, saveCloudConfigLinked } from './linked-cloud-save';
import type { AemSession } from './session';
import { markImsConfig, readSettings } from './settings-client';
import { checkActiveHealth, readPublishingHealth, readSetupFacts, readTenantQueues, testTenantAgents, waitForAgents } from './setup-facts';

export * from './authorizables';
export * from './author-identity';
export * from './backup-package';
export * from './ims-client';
export * from './brand-portal-client';
export * from './settings-client';
export * from './one-ims-config';
export * from './linked-cloud-save';
export * from './ims-proof';
export * from './instance-identity';

/* eslint-disable @typescript-eslint/no-explicit-any -- calls are matched by shape here only */
type SessionCall = (s: AemSession, ...args: any[]) => any;
/* eslint-enable @typescript-eslint/no-explicit-any */
type Bound<F> = F extends (s: AemSession, ...args: infer A) => infer R ? (...args: A) => R : never;

/** Every call that takes a session first (`satisfies` refuses one whose first parameter is something else). */
const CALLS = {
  authorIdentity,
  findAuthorizables,
  serviceUserPath,
  listCloudConfigs,
  saveCloudConfig,
  saveCloudConfigLinked,
  relinkAgents,
  listAgents,
  testAgent,
  setAgentFlag,
  setAgentTokenProvider,
  agentLogError,
  readAgentQueue,
  deleteNode,
  deleteAuthorizable,
  backUp,
  productInfo,
  runModes,
  instanceIdentity,
  keystore,
  createKeystore,
  addKeyPair,
  removeKeyAlias,
  publicCertificate,
  listImsConfigs,
  saveImsConfig,
  removeStrayFormProperties,
  deleteImsConfigs,
  deleteImsConfigsIfPresent,
  checkHealth,
  proveImsSave,
  createOneImsConfig,
  readSettings,
  markImsConfig,
  readSetupFacts,
  checkActiveHealth,
  testTenantAgents,
  readTenantQueues,
  readProxyConfigurations,
  readContributionFlag,
  readPublishingHealth,
  waitForAgents,
} satisfies Record<string, SessionCall>;

export type AemClient = { readonly [K in keyof typeof CALLS]: Bound<(typeof CALLS)[K]> } & {
  /** The session the calls go through (its endpoint map names the addresses in explanations). */
  readonly session: AemSession;
};

/** Every typed call, bound to one session: `client.listAgents()` asks that session's author. */
export function createAemClient(session: AemSession): AemClient {
  const bound = Object.entries(CALLS).map(([name, call]) => [name, (...args: unknown[]) => (call as SessionCall)(session, ...args)]);
  return Object.freeze({ ...Object.fromEntries(bound), session }) as AemClient;
}
