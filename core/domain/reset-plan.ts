/**
 * "Reset Brand Portal publishing", as a plan that fails closed: it refuses an empty
 * or unusable tenant, lists only the tenant's agents, its cloud configuration and its replication
 * users (removed through user management), and runs only when the typed confirmation equals the
 * tenant name and every queue was read, had the expected shape and was empty. Every path is
 * canonical below its root (domain/safe-path.ts); one hostile name refuses the whole plan. Pure: no I/O.
 */
import { type Endpoints, agentPath, tenantUserFolder } from '../contract/endpoints';
import { agentName } from '../contract/aem-names';
import { t } from '../i18n';
import { isCanonicalBelow, isPlainNodeName } from './safe-path';
import { tenantUrlsOf, validateTenantUrl } from './tenant';
import { belongsTo, isBrandPortalAgent, orphanAgents } from './agents';
import type { CloudConfig, ReplicationAgent } from './types';

/** A Brand Portal tenant name is the first DNS label of its host. */
const TENANT_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export interface ResetPlan {
  tenant: string;
  /** Agent nodes, deleted with Sling's `:operation=delete`. */
  agentPaths: string[];
  configPath: string;
  /** Folder of the tenant's replication user(s); the users inside go through `deleteAuthorizable`. */
  userFolder: string;
}

export type ResetPlanResult = { plan: ResetPlan } | { refused: string };

export function buildResetPlan(
  config: CloudConfig,
  agents: readonly ReplicationAgent[],
  endpoints: Endpoints,
  /** Every Brand Portal configuration of the author: the agents none of them explains go too. */
  allConfigs: readonly CloudConfig[] = [config],
): ResetPlanResult {
  const tenantUrl = validateTenantUrl(config.tenantUrl);
  const tenant = tenantUrl.tenant ?? '';
  if (!tenantUrl.normalised || !TENANT_NAME.test(tenant))
    return { refused: t('The stored tenant URL "{0}" names no usable tenant: nothing is deleted. Clean up in CRXDE.', config.tenantUrl) };
  const roots = [endpoints.cloudConfigRoot.path, endpoints.legacyCloudConfigRoot.path];
  if (!roots.some((root) => isCanonicalBelow(config.path, root, true)))
    return { refused: t('The configuration path "{0}" is not usable: nothing is deleted.', config.path) };
  const expected = new Set([0, 1, 2, 3].map((i) => agentName(i, tenant)));
  const tenantUrls = tenantUrlsOf([...allConfigs, config]);
  // Only Brand Portal agents (never a publish agent at …/bin/receive): the tenant's, and the orphans.
  const orphans = new Set(orphanAgents(agents, tenantUrls));
  const ours = agents.filter(
    (a) => isBrandPortalAgent(a, tenantUrls) && (expected.has(a.name) || belongsTo(a, tenantUrl.normalised as string) || orphans.has(a)),
  );
  const odd = ours.find((a) => !isPlainNodeName(a.name));
  if (odd) return { refused: t('An agent has the unusable name "{0}": nothing is deleted.', odd.name) };
  return {
    plan: {
      tenant,
      agentPaths: [...new Set(ours.map((a) => agentPath(endpoints, a.name)))].sort(),
      configPath: config.path,
      userFolder: tenantUserFolder(endpoints, tenant),
    },
  };
}

/** Every path the plan touches, in the order it deletes them (users are found inside the folder at run time). */
export const planPaths = (plan: ResetPlan): string[] => [...plan.agentPaths, plan.configPath, plan.userFolder];

/** The typed confirmation must be the tenant name itself, never empty. */
export const confirmationMatches = (typed: string, plan: ResetPlan): boolean => plan.tenant.length > 0 && typed.trim() === plan.tenant;

/** Users found for deletion must sit canonically inside the plan's folder: anything else is refused. */
export const usersInsideFolder = (plan: ResetPlan, userPaths: readonly string[]): boolean =>
  userPaths.every((p) => isCanonicalBelow(p, plan.userFolder));

export interface ResetDeletion {
  /** `node`: Sling's `:operation=delete`; `user`: user management's `deleteAuthorizable`. */
  kind: 'node' | 'user';
  path: string;
}

/**
 * Exactly the deletions the reset sends, in order: the listed nodes, then the users found inside
 * the folder, then the folder. Undefined (nothing is sent) when a user lies elsewhere.
 */
export function resetDeletions(plan: ResetPlan, userPaths: readonly string[]): ResetDeletion[] | undefined {
  if (!usersInsideFolder(plan, userPaths)) return undefined;
  return [
    ...[...plan.agentPaths, plan.configPath].map((path) => ({ kind: 'node' as const, path })),
    ...[...new Set(userPaths)].map((path) => ({ kind: 'user' as const, path })),
    { kind: 'node', path: plan.userFolder },
  ];
}
