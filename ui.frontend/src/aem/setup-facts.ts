/**
 * Reading where the setup stands, the way the page and the CLI both do: the page's settings
 * (address overrides first), then every read in parallel, each allowed to fail on its own; the
 * active configuration's Check Health (which may be unavailable on this AEM); the tenant's agents'
 * Test Connection; and the bounded wait for agents after a save. No DOM: one implementation.
 */
import { checkAgents } from '../domain/agents';
import type { SetupFacts } from '../domain/state';
import { deriveSetupState } from '../domain/state';
import { currentTenant } from '../domain/tenant';
import type { AgentTestResult, HealthResult } from '../domain/types';
import * as client from './client';
import { AGENTS, type EndpointKey, applyEndpointOverrides, resetEndpointOverrides } from './endpoints';
import { HealthUnavailableError } from './errors';

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

export interface SetupReading {
  facts: SetupFacts;
  errors: ReadErrors;
  overrides: { applied: EndpointKey[]; refused: string[] };
}

/** Reads what AEM has. `previous` carries what only this session knows (stated version, test results). */
export async function readSetupFacts(previous: SetupFacts = { imsConfigs: [] }): Promise<SetupReading> {
  const settings = await settle(client.readSettings());
  resetEndpointOverrides();
  const overrides = applyEndpointOverrides(settings.value?.endpointOverrides ?? {});
  const [product, keystore, ims, cloud, agents] = await Promise.all([
    settle(client.productInfo()),
    settle(client.keystore()),
    settle(client.listImsConfigs()),
    settle(client.listCloudConfigs()),
    settle(client.listAgents()),
  ]);
  const agentNames = new Set((agents.value ?? []).map((a) => a.name));
  const facts: SetupFacts = {
    ...previous,
    markedImsConfig: settings.value?.markedImsConfig,
    version: product.value?.version ?? (product.error ? previous.version : undefined),
    versionUnavailable: Boolean(product.error),
    keystore: keystore.value,
    keystoreUnavailable: Boolean(keystore.error),
    imsConfigs: ims.value ?? [],
    imsConfigsError: Boolean(ims.error),
    referencedImsIds: (cloud.value ?? []).map((c) => c.imsConfig).filter(Boolean),
    cloudConfigs: cloud.value ?? [],
    cloudConfigsError: Boolean(cloud.error),
    agents: agents.value ?? [],
    // A test result only stands while its agent still exists.
    agentTests: (previous.agentTests ?? []).filter((r) => agentNames.has(r.name)),
  };
  return {
    facts,
    errors: {
      settings: settings.error,
      version: product.error,
      keystore: keystore.error,
      imsConfigs: ims.error,
      cloud: cloud.error ?? agents.error,
    },
    overrides,
  };
}

/** Check Health of the active configuration: healthy, failing, or unavailable on this AEM. Reads only. */
export async function checkActiveHealth(facts: SetupFacts): Promise<{ health?: HealthResult; unavailable?: boolean; error?: unknown }> {
  const active = deriveSetupState(facts).active;
  if (!active) return {};
  try {
    return { health: await client.checkHealth(active.id) };
  } catch (error) {
    return error instanceof HealthUnavailableError ? { unavailable: true } : { error };
  }
}

/** Test Connection on the current tenant's agents that exist, in parallel. Reads only. */
export async function testTenantAgents(facts: SetupFacts, explain: (e: unknown) => string): Promise<AgentTestResult[]> {
  const current = currentTenant(facts.cloudConfigs ?? []);
  if (!current) return [];
  const present = checkAgents(facts.agents ?? [], current.url, current.tenant).filter((c) => c.agent);
  return Promise.all(
    present.map(async (c): Promise<AgentTestResult> => {
      try {
        return await client.testAgent(c.name);
      } catch (e) {
        return { name: c.name, succeeded: false, status: 0, log: explain(e) };
      }
    }),
  );
}

export const AGENT_WAIT = { attempts: 40, intervalMs: 500 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** AEM creates the agents partly asynchronously: poll the agents list only, bounded. Answers how many exist. */
export async function waitForAgents(
  tenantUrl: string,
  tenant: string,
  onProgress: (found: number) => void = () => undefined,
): Promise<number> {
  let found = 0;
  for (let i = 0; i < AGENT_WAIT.attempts; i++) {
    found = checkAgents(await client.listAgents(), tenantUrl, tenant).filter((c) => c.agent).length;
    onProgress(found);
    if (found === AGENTS.count) break;
    await sleep(AGENT_WAIT.intervalMs);
  }
  return found;
}
