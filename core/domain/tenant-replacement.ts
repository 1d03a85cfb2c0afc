/**
 * Correcting the tenant of the Brand Portal cloud service, as one planned move: the configuration is
 * saved with the new tenant (AEM then creates that tenant's four agents), and the old tenant's
 * Brand Portal agents are what goes once the new four are proven. Only agents the Brand Portal rule
 * recognises (agents.ts), of the old tenant, and explained by no other configuration, are listed:
 * never a publish agent, never a look-alike. Pure: no I/O.
 */
import type { Endpoints } from '../contract/endpoints';
import { agentPath } from '../contract/endpoints';
import { belongsTo, isBrandPortalAgent } from './agents';
import { isCanonicalBelow } from './safe-path';
import { tenantUrlsOf, validateTenantUrl } from './tenant';
import type { CloudConfig, ReplicationAgent } from './types';

export interface TenantReplacement {
  /** The configuration kept and saved with the new tenant. */
  configPath: string;
  from: { url: string; tenant: string };
  to: { url: string; tenant: string };
  /** The old tenant's agents, removed after the new four connect (sorted paths). */
  removes: string[];
}

/**
 * The replacement when `newTenantUrl` names another tenant than the configuration's; undefined when
 * it names the same one (a plain save). Both addresses must be usable tenant URLs.
 */
export function planTenantReplacement(
  config: CloudConfig,
  newTenantUrl: string,
  agents: readonly ReplicationAgent[],
  endpoints: Endpoints,
  /** Every Brand Portal configuration of the author: agents another one still explains stay. */
  allConfigs: readonly CloudConfig[] = [config],
): TenantReplacement | undefined {
  const from = validateTenantUrl(config.tenantUrl);
  const to = validateTenantUrl(newTenantUrl);
  if (!from.normalised || !from.tenant || !to.normalised || !to.tenant || from.normalised === to.normalised) return undefined;
  const others = tenantUrlsOf(allConfigs.filter((c) => c.path !== config.path));
  const known = [...tenantUrlsOf([...allConfigs, config]), to.normalised];
  const old = from.normalised;
  const removes = agents
    .filter((a) => isBrandPortalAgent(a, known) && belongsTo(a, old) && !others.some((url) => belongsTo(a, url)))
    .map((a) => agentPath(endpoints, a.name))
    .filter((p) => isCanonicalBelow(p, endpoints.agentsRoot.path));
  return {
    configPath: config.path,
    from: { url: old, tenant: from.tenant },
    to: { url: to.normalised, tenant: to.tenant },
    removes: [...new Set(removes)].sort(),
  };
}
