/**
 * The four Brand Portal replication agents of a tenant [contract: Brand Portal cloud service and agents], and what is wrong with
 * each: missing, disabled, pointing elsewhere, Close Connection off. Pure.
 */
import { AGENTS, agentName, agentTransportUri } from '../contract/aem-names';
import type { ReplicationAgent } from './types';

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

/** Brand Portal agents no configuration explains (leftovers of a legacy or removed tenant). */
export const orphanAgents = (agents: ReplicationAgent[], tenantUrls: string[]): ReplicationAgent[] =>
  agents.filter((a) => !tenantUrls.some((url) => belongsTo(a, url)));
