/**
 * Reading where the setup stands, the way the page and the CLI both do: the page's settings
 * (address overrides first), then every read in parallel, each allowed to fail on its own; the
 * active configuration's Check Health (which may be unavailable on this AEM); the tenant's agents'
 * Test Connection; and the bounded wait for agents after a save. No DOM: one implementation.
 */
import type { AemSession } from './session';
import { checkAgents } from '../domain/agents';
import type { SetupFacts } from '../domain/state';
import { deriveSetupState } from '../domain/state';
import { currentTenant } from '../domain/tenant';
import type {
  AgentQueueReading,
  AgentTestResult,
  CloudConfig,
  HealthResult,
  OverridesInForce as Overrides,
  ReplicationAgent,
} from '../domain/types';
// The area modules themselves, never ./client (which binds these functions too): no import circle.
import { agentLogError, listAgents, listCloudConfigs, readAgentQueue, testAgent } from './brand-portal-client';
import { checkHealth, keystore as readKeystore, listImsConfigs, productInfo } from './ims-client';
import { readSettings } from './settings-client';
import type { EndpointKey } from '../contract/endpoints';
import { AGENTS } from '../contract/aem-names';
import { isAemError } from '../errors';
import type { SettingsGuard } from './settings-client';
import { readContributionFlag, readProxyConfigurations } from './config-manager-client';
import { sleep } from './sleep';

interface Settled<T> {
  value?: T;
  error?: unknown;
}

async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

/** What could not be read, by area (each explained where it is shown). */
export interface ReadErrors {
  settings?: unknown;
  version?: unknown;
  keystore?: unknown;
  imsConfigs?: unknown;
  cloud?: unknown;
}

/** The overrides in force, with the endpoint names this build knows. */
export type OverridesInForce = Overrides<EndpointKey>;

export interface SetupReading {
  facts: SetupFacts;
  errors: ReadErrors;
  overrides: OverridesInForce;
}

/** What the page reads from AEM, area by area: after a write, only what that write can change. */
export type ReadArea = 'settings' | 'version' | 'keystore' | 'imsConfigs' | 'cloud' | 'legacyCloud' | 'agents';
/** A full read: every area, and the keystore too when the legacy JWT route needs it. */
export const EVERY_AREA: readonly ReadArea[] = ['settings', 'version', 'imsConfigs', 'cloud', 'legacyCloud', 'agents'];

/** The keystore matters only on the legacy JWT route; on OAuth it is never read. */
export const keystoreNeeded = (facts: SetupFacts): boolean => deriveSetupState(facts).authType === 'jwt';

/** The addresses the parallel round of reads uses: only an override of one of these sends it again. */
const ROUND_ENDPOINTS: readonly EndpointKey[] = [
  'productInfo',
  'queryBuilder',
  'systemUsersRoot',
  'imsConfigList',
  'imsConfigFolder',
  'cloudConfigRoot',
  'legacyCloudConfigRoot',
  'agentsRoot',
];

/** Applies the overrides found; answers whether the round of reads went to an address they change. */
function useOverrides(s: AemSession, found: Record<string, unknown>): boolean {
  const before = s.endpoints;
  return s.useOverrides(found) && ROUND_ENDPOINTS.some((k) => s.endpoints[k].path !== before[k].path);
}

async function readAreas(s: AemSession, areas: readonly ReadArea[]) {
  const want = (a: ReadArea) => areas.includes(a);
  const none = Promise.resolve(undefined);
  const [product, keystore, ims, cloud, agents] = await Promise.all([
    want('version') ? settle(productInfo(s)) : none,
    want('keystore') ? settle(readKeystore(s)) : none,
    want('imsConfigs') ? settle(listImsConfigs(s)) : none,
    // A save under /conf cannot change the legacy /etc configurations: each root is its own area.
    want('cloud') || want('legacyCloud')
      ? settle(listCloudConfigs(s, !want('legacyCloud') ? 'current' : !want('cloud') ? 'legacy' : 'both'))
      : none,
    want('agents') ? settle(listAgents(s)) : none,
  ]);
  return { product, keystore, ims, cloud, agents };
}

/**
 * Reads the given areas of what AEM has (all by default) in one parallel round; `previous` keeps
 * the rest and what only this session knows (stated version, test results). The page's settings
 * go out with the other reads, not before them: an author without address overrides (nearly all)
 * is read in one round trip, and when new overrides are found the other reads go out again with
 * them. The keystore is read only when the legacy JWT route needs it.
 */
export async function readSetupFacts(
  s: AemSession,
  previous: SetupFacts = { imsConfigs: [] },
  areas: readonly ReadArea[] = EVERY_AREA,
  /** Proves the settings' access rule when overrides exist; without it, no override applies. */
  guard?: SettingsGuard,
): Promise<SetupReading> {
  const full = EVERY_AREA.every((a) => areas.includes(a));
  const wanted = full && keystoreNeeded(previous) && !areas.includes('keystore') ? [...areas, 'keystore' as const] : areas;
  const settingsRead = areas.includes('settings') ? settle(readSettings(s, guard)) : undefined;
  let reads = readAreas(s, wanted);
  const settings = await settingsRead;
  if (settings) s.useRequestTimeout(settings.value?.requestTimeoutSeconds);
  if (settings && useOverrides(s, settings.value?.endpointOverrides ?? {})) {
    await reads; // sent before the overrides were known: send them again
    reads = readAreas(s, wanted);
  }
  const { product, ims, cloud, agents, ...first } = await reads;
  const facts: SetupFacts = {
    ...previous,
    ...(settings && { markedImsConfig: settings.value?.markedImsConfig }),
    ...(product && {
      version: product.value?.version ?? (product.error ? previous.version : undefined),
      versionUnavailable: Boolean(product.error),
    }),
    ...(ims && { imsConfigs: ims.value ?? [], imsConfigsError: Boolean(ims.error) }),
    ...(cloud && cloudFacts(previous, cloud, wanted)),
    ...(agents && { agents: agents.value ?? [], agentsError: Boolean(agents.error) }),
  };
  // Read with the rest, or, when JWT turned out to matter (a JWT configuration is the active one), now.
  const keystore = first.keystore ?? (full && keystoreNeeded(facts) ? (await readAreas(s, ['keystore'])).keystore : undefined);
  if (keystore) Object.assign(facts, { keystore: keystore.value, keystoreUnavailable: Boolean(keystore.error) });
  const agentNames = new Set((facts.agents ?? []).map((a) => a.name));
  // A test result only stands while its agent still exists.
  facts.agentTests = (previous.agentTests ?? []).filter((r) => agentNames.has(r.name));
  return {
    facts,
    errors: {
      settings: settings?.error,
      version: product?.error,
      keystore: keystore?.error,
      imsConfigs: ims?.error,
      cloud: cloud?.error ?? agents?.error,
    },
    overrides: { ...s.overrides, ...(settings?.value?.unguarded && { unguarded: settings.value.unguarded }) },
  };
}

/** The cloud configurations read now, with the root that was not read kept from before. */
function cloudFacts(previous: SetupFacts, cloud: Settled<CloudConfig[]>, areas: readonly ReadArea[]): Partial<SetupFacts> {
  const keptLegacy = !areas.includes('legacyCloud');
  const keptCurrent = !areas.includes('cloud');
  const kept = (previous.cloudConfigs ?? []).filter((c) => (c.legacy ? keptLegacy : keptCurrent));
  const cloudConfigs = [...(cloud.value ?? []), ...kept];
  return {
    referencedImsIds: cloudConfigs.map((c) => c.imsConfig).filter(Boolean),
    cloudConfigs,
    cloudConfigsError: Boolean(cloud.error),
  };
}

/** Check Health of the active configuration: healthy, failing, or unavailable on this AEM. Reads only. */
export async function checkActiveHealth(
  s: AemSession,
  facts: SetupFacts,
): Promise<{ health?: HealthResult; unavailable?: boolean; error?: unknown }> {
  const active = deriveSetupState(facts).active;
  if (!active) return {};
  try {
    return { health: await checkHealth(s, active) };
  } catch (error) {
    return isAemError(error, 'HealthUnavailableError') ? { unavailable: true } : { error };
  }
}

/** Test Connection on the current tenant's agents that exist, in parallel. Reads only. */
export async function testTenantAgents(s: AemSession, facts: SetupFacts, explain: (e: unknown) => string): Promise<AgentTestResult[]> {
  const current = currentTenant(facts.cloudConfigs ?? []);
  if (!current) return [];
  const present = checkAgents(facts.agents ?? [], current.url, current.tenant).filter((c) => c.agent);
  return Promise.all(
    present.map(async (c): Promise<AgentTestResult> => {
      try {
        return await testAgent(s, c.name);
      } catch (e) {
        return { name: c.name, succeeded: false, status: 0, log: explain(e) };
      }
    }),
  );
}

/**
 * The queues of the current tenant's agents that exist, in parallel; a blocked queue's agent log
 * is read too, for its last error. Reads only, and only for the whole-setup check.
 */
export async function readTenantQueues(s: AemSession, facts: SetupFacts): Promise<AgentQueueReading[]> {
  const current = currentTenant(facts.cloudConfigs ?? []);
  if (!current) return [];
  const present = checkAgents(facts.agents ?? [], current.url, current.tenant).filter((c) => c.agent);
  return Promise.all(
    present.map(async ({ name }): Promise<AgentQueueReading> => {
      try {
        const queue = await readAgentQueue(s, name);
        const lastError = queue.blocked ? await agentLogError(s, name).catch(() => undefined) : undefined;
        return { name, queue, ...(lastError && { lastError }) };
      } catch {
        return { name, unread: true };
      }
    }),
  );
}

/**
 * What only the whole-setup check reads, in parallel: the tenant's queues, AEM's proxy
 * configurations and asset contribution's feature flag. Reads only; never on a plain visit.
 */
export async function readPublishingHealth(
  s: AemSession,
  facts: SetupFacts,
): Promise<Pick<SetupFacts, 'agentQueues' | 'proxies' | 'contributionFlag'>> {
  const [agentQueues, proxies, contributionFlag] = await Promise.all([
    readTenantQueues(s, facts),
    readProxyConfigurations(s),
    readContributionFlag(s),
  ]);
  return { agentQueues, proxies, contributionFlag };
}

export const AGENT_WAIT = { attempts: 40, intervalMs: 500 };

/**
 * AEM creates the agents partly asynchronously after the save: poll the agents list only, bounded,
 * first after one interval (an immediate look mostly finds none). Answers how many exist; the
 * last list read goes to `onProgress`, so the caller needs no second read.
 */
export async function waitForAgents(
  s: AemSession,
  tenantUrl: string,
  tenant: string,
  onProgress: (found: number, agents: ReplicationAgent[]) => void = () => undefined,
): Promise<number> {
  let found = 0;
  for (let i = 0; i < AGENT_WAIT.attempts; i++) {
    await sleep(AGENT_WAIT.intervalMs);
    const agents = await listAgents(s);
    found = checkAgents(agents, tenantUrl, tenant).filter((c) => c.agent).length;
    onProgress(found, agents);
    if (found === AGENTS.count) break;
  }
  return found;
}
