/**
 * Reset Brand Portal publishing [contract: Brand Portal cloud service and agents]: the writes of
 * one reset plan (core/domain/reset-plan.ts), in the order that keeps a half-done reset
 * recoverable. Nothing is deleted while an agent's queue holds items, nor unless AEM's users all
 * lie inside the plan's folder, nor before Package Manager has built a backup of exactly what goes.
 */
import type { AemSession } from './session';
import { type WaitingItems, waitingItems } from './agent-removal';
import { type BackupPackage, backUp } from './backup-package';
import { deleteAuthorizable, deleteNode } from './brand-portal-client';
import { findAuthorizables } from './authorizables';
import { AUTHORIZABLES } from '../contract/aem-names';
import { type ResetPlan, planPaths, resetDeletions } from '../domain/reset-plan';
import { t } from '../i18n';

export type ResetOutcome = { status: 'queued'; waiting: WaitingItems[] } | { status: 'reset'; backup: BackupPackage; users: number };

/** Runs the plan: queues empty, the users found inside its folder, a backup, then each deletion. */
export async function runReset(
  s: AemSession,
  plan: ResetPlan,
  onBackup: (backup: BackupPackage) => void = () => undefined,
): Promise<ResetOutcome> {
  const waiting = await waitingItems(s, plan.agentPaths);
  if (waiting.length) return { status: 'queued', waiting };
  const users = await findAuthorizables(s, plan.userFolder, AUTHORIZABLES.userType);
  const deletions = resetDeletions(plan, users);
  if (!deletions) throw new Error(t('AEM named users outside {0}: nothing is deleted.', plan.userFolder));
  const backup = await backUp(s, planPaths(plan), `reset-${plan.tenant}`);
  onBackup(backup);
  for (const d of deletions) await (d.kind === 'user' ? deleteAuthorizable(s, d.path) : deleteNode(s, d.path));
  return { status: 'reset', backup, users: users.length };
}
