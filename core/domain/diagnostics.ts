/**
 * The diagnostics report: what an admin sends to a colleague or to Adobe support. Every value
 * that could be a secret is masked, by its key and by its shape, whatever reaches it.
 */
import type { EndpointKey, Endpoints } from '../contract/endpoints';
import { maskSecrets } from './mask';
import { deriveSetupState, type SetupFacts } from './state';
import type { OverridesInForce } from './types';
import { type ProxyConfig, hostsToAllow } from './proxies';
import { currentTenant } from './tenant';
import { contributionReadiness } from './contribution';

export interface DiagnosticsInput {
  generatedAt: Date;
  page: string;
  aemVersion?: string;
  coralVersion?: string;
  [section: string]: unknown;
}

export function buildDiagnostics(input: DiagnosticsInput): string {
  const { generatedAt, ...rest } = input;
  return `${JSON.stringify(maskSecrets({ report: 'Brand Portal setup diagnostics', generatedAt: generatedAt.toISOString(), ...rest }), null, 2)}\n`;
}

/** The address overrides the settings hold: which were applied, refused as unsafe, or not applied (unguarded settings). */
export interface ReportedOverrides {
  applied: { endpoint: string; path: string; shipped: string }[];
  refused: string[];
  notApplied?: { endpoints: string[]; why: string; writers?: string[] };
}

/** The overrides in force, as the report lists them (`endpoints`: the map they made). */
export function reportedOverrides(o: OverridesInForce<EndpointKey>, endpoints: Endpoints): ReportedOverrides {
  return {
    applied: o.applied.map((key) => ({ endpoint: key, path: endpoints[key].path, shipped: endpoints[key].defaultPath })),
    refused: o.refused,
    ...(o.unguarded && {
      notApplied: { endpoints: o.unguarded.keys, why: o.unguarded.why, ...(o.unguarded.writers && { writers: o.unguarded.writers }) },
    }),
  };
}

/** What the report says of the network: the proxies read (or that they could not be), and the connections to allow. */
export function networkOf(facts: SetupFacts): { proxies: ProxyConfig[] | 'could not be read' | 'not read'; allowOutgoing: string[] } {
  const tenant = currentTenant(facts.cloudConfigs ?? [])?.url;
  return {
    proxies: !facts.proxies ? 'not read' : facts.proxies.unread ? 'could not be read' : facts.proxies.configs,
    allowOutgoing: hostsToAllow(tenant, deriveSetupState(facts).active?.endpoint),
  };
}

/** Where a report was made: the page (its path, Coral, browser) or the CLI (the author it read). */
export interface ReportOrigin {
  page: string;
  coralVersion?: string;
  userAgent?: string;
  addressOverrides?: ReportedOverrides;
}

/** The masked report of what was read and tested, the same from the page and from the CLI. */
export function diagnosticsReport(facts: SetupFacts, origin: ReportOrigin, now = new Date()): string {
  const state = deriveSetupState(facts);
  return buildDiagnostics({
    generatedAt: now,
    page: origin.page,
    aemVersion: facts.version,
    coralVersion: origin.coralVersion,
    userAgent: origin.userAgent,
    addressOverrides: origin.addressOverrides,
    steps: state.steps,
    imsConfigurations: facts.imsConfigs,
    brandPortalImsConfigurations: state.brandPortalConfigs.map((c) => c.id),
    keystore: facts.keystore,
    health: facts.health,
    healthUnavailable: facts.healthUnavailable,
    healthCheckedAt: facts.healthCheckedAt,
    cloudConfigurations: facts.cloudConfigs,
    agents: facts.agents,
    agentTests: facts.agentTests,
    agentsTestedAt: facts.agentsTestedAt,
    agentQueues: facts.agentQueues,
    network: networkOf(facts),
    assetContribution: facts.contributionFlag ? contributionReadiness(facts.version, facts.contributionFlag).lines : 'not read',
  });
}
