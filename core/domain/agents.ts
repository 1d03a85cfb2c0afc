/**
 * The four Brand Portal replication agents of a tenant [contract: Brand Portal cloud service and agents], and what is wrong with
 * each: missing, disabled, pointing elsewhere, Close Connection off. Pure.
 */
import { AGENTS, agentName, agentTransportUri } from '../contract/aem-names';
import { currentTenant } from './tenant';
import type { AgentTestResult, CloudConfig, ImsConfig, ReplicationAgent } from './types';

export type AgentIssue = 'missing' | 'disabled' | 'wrongTransport' | 'closeConnectionOff';

export interface AgentCheck {
  index: number;
  name: string;
  agent?: ReplicationAgent;
  issues: AgentIssue[];
}

/** Agents that belong to a tenant: their transport URI starts with `tenantURL + "/"` [contract: Brand Portal cloud service and agents]. */
export const belongsTo = (agent: ReplicationAgent, tenantUrl: string): boolean => agent.transportUri.startsWith(`${tenantUrl}/`);

export function checkAgents(agents: ReplicationAgent[], tenantUrl: string, tenant: string): AgentCheck[] {
  return Array.from({ length: AGENTS.count }, (_, index) => {
    const name = agentName(index, tenant);
    const agent = agents.find((a) => a.name === name);
    const issues: AgentIssue[] = [];
    if (!agent) issues.push('missing');
    else {
      if (!agent.enabled) issues.push('disabled');
      if (agent.transportUri !== agentTransportUri(tenantUrl)) issues.push('wrongTransport');
      if (!agent.closeConnection) issues.push('closeConnectionOff');
    }
    return { index, name, agent, issues };
  });
}

/**
 * Test Connection over the tenant's four agents: how many passed ("agents connected"), failed, and
 * were tested at all. The one count of connected agents the page, the CLI and the state use.
 */
export function agentTestCounts(
  checks: readonly AgentCheck[],
  tests: readonly AgentTestResult[],
): { connected: number; failed: number; tested: number } {
  const result = (c: AgentCheck) => tests.find((r) => r.name === c.name);
  return {
    connected: checks.filter((c) => result(c)?.succeeded).length,
    failed: checks.filter((c) => result(c) && !result(c)?.succeeded).length,
    tested: checks.filter((c) => result(c)).length,
  };
}

/** Connected agents of the author's current tenant (none without a usable cloud service). */
export function connectedAgents(f: {
  cloudConfigs?: readonly CloudConfig[];
  agents?: ReplicationAgent[];
  agentTests?: readonly AgentTestResult[];
}): number {
  const current = currentTenant(f.cloudConfigs ?? []);
  return current ? agentTestCounts(checkAgents(f.agents ?? [], current.url, current.tenant), f.agentTests ?? []).connected : 0;
}

/**
 * A Brand Portal agent: named `mp_replication…`, and either publishing to a tenant a Brand Portal
 * configuration names (legacy agents take no IMS token) or taking its token from an IMS
 * access-token provider (`accessTokenProviderName`). The transport alone says nothing:
 * `…/bin/receive` is also every author→publish agent's address, and an agent of a mistyped tenant
 * points at that host.
 */
export const isBrandPortalAgent = (agent: ReplicationAgent, tenantUrls: readonly string[]): boolean =>
  agent.name.startsWith(AGENTS.familyPrefix) && (Boolean(agent.tokenProviderName) || tenantUrls.some((url) => belongsTo(agent, url)));

/** `mp_replication…` agents that are not Brand Portal's by that rule: listed, never deleted. */
export const unrecognisedAgents = (agents: readonly ReplicationAgent[], tenantUrls: readonly string[]): ReplicationAgent[] =>
  agents.filter((a) => a.name.startsWith(AGENTS.familyPrefix) && !isBrandPortalAgent(a, tenantUrls));

/** Brand Portal agents no configuration explains (leftovers of a legacy, removed or corrected tenant). */
export const orphanAgents = (agents: readonly ReplicationAgent[], tenantUrls: readonly string[]): ReplicationAgent[] =>
  agents.filter((a) => isBrandPortalAgent(a, tenantUrls) && !tenantUrls.some((url) => belongsTo(a, url)));

/** A reference (the cloud service's `imsConfig`, an agent's provider name) that names this configuration. */
export const refersTo = (config: ImsConfig, reference: string): boolean =>
  [config.id, config.pid, config.name, config.title].includes(reference);

/** Agents whose token provider names no configuration on the author (one deleted since AEM wrote them). */
export const agentsOfGoneProvider = <A extends { tokenProviderName?: string }>(agents: readonly A[], listed: readonly ImsConfig[]): A[] =>
  agents.filter((a) => a.tokenProviderName && !listed.some((c) => refersTo(c, a.tokenProviderName as string)));
