/**
 * Carries out a planned tenant replacement (domain/tenant-replacement.ts) in the order that never
 * leaves an author worse: the old agents' queues must be empty; Package Manager builds a backup of
 * exactly the old agents; the configuration is saved with the new tenant; the new four agents must
 * appear and pass Test Connection; only then are exactly the old agents deleted (their queues read
 * again first), and the agents read back. Any stop before the deletions keeps the old agents, and
 * the outcome says what was done. The page and the CLI both run this.
 */
import type { AemSession } from './session';
import { backUp, type BackupPackage } from './backup-package';
import { type WaitingItems, deleteAgents, waitingItems } from './agent-removal';
import { saveCloudConfig, testAgent, type CloudConfigSave } from './brand-portal-client';
import { waitForAgents } from './setup-facts';
import { AGENTS } from '../contract/aem-names';
import { t } from '../i18n';
import { checkAgents } from '../domain/agents';
import type { TenantReplacement } from '../domain/tenant-replacement';
import type { AgentTestResult, ReplicationAgent } from '../domain/types';

export type { WaitingItems };

export type ReplacementOutcome =
  /** Items wait in an old agent's queue: stopped; `saved` says whether the new tenant was saved already. */
  | { status: 'queued'; waiting: WaitingItems[]; saved: boolean; backup?: BackupPackage }
  /** Saved, but the new four agents did not all appear or connect: the old ones are kept. */
  | { status: 'not-proven'; found: number; tests: AgentTestResult[]; backup: BackupPackage }
  /** The old agents are gone and the new four connected; `left` names any old agent still read back. */
  | { status: 'replaced'; removed: string[]; left: string[]; tests: AgentTestResult[]; agents: ReplicationAgent[]; backup: BackupPackage };

export async function replaceTenant(
  s: AemSession,
  plan: TenantReplacement,
  save: Omit<CloudConfigSave, 'tenantUrl' | 'item'>,
  progress: (text: string) => void = () => undefined,
): Promise<ReplacementOutcome> {
  progress(t('Reading the old agents’ queues…'));
  const waiting = await waitingItems(s, plan.removes);
  if (waiting.length) return { status: 'queued', waiting, saved: false };

  progress(t('Package Manager is building a backup of the old agents…'));
  const backup = await backUp(s, plan.removes, `tenant-${plan.from.tenant}`);

  progress(t('Saving the cloud service with the new tenant…'));
  await saveCloudConfig(s, { ...save, item: plan.configPath, tenantUrl: plan.to.url });
  let listed: ReplicationAgent[] = [];
  const found = await waitForAgents(s, plan.to.url, plan.to.tenant, (n, agents) => {
    listed = agents;
    progress(t('Waiting for the new agents: {0} of {1}…', String(n), String(AGENTS.count)));
  });
  const names = checkAgents(listed, plan.to.url, plan.to.tenant)
    .filter((c) => c.agent)
    .map((c) => c.name);
  progress(t('Testing the new agents…'));
  const tests = await Promise.all(names.map((n) => testAgent(s, n)));
  if (found < AGENTS.count || tests.length < AGENTS.count || tests.some((t) => !t.succeeded))
    return { status: 'not-proven', found, tests, backup };

  // Publications may have queued on the old agents meanwhile: they are not lost.
  const late = await waitingItems(s, plan.removes);
  if (late.length) return { status: 'queued', waiting: late, saved: true, backup };
  progress(t('Removing the old agents…'));
  return { status: 'replaced', ...(await deleteAgents(s, plan.removes)), tests, backup };
}
