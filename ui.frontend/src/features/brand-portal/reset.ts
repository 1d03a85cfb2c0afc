/**
 * "Reset Brand Portal publishing", Adobe's documented clean-up for the bare 401 on publish
 *. The plan (domain/reset-plan.ts) lists exactly what is deleted and fails closed;
 * this step shows it, asks for the tenant name, checks every queue, removes the replication users
 * through user management and the other nodes through Sling, then re-reads the page. A part:
 * step 6 fetches it the first time an admin opens the reset.
 */
import { backUp, deleteAuthorizable, deleteNode, findAuthorizables } from '../../../../core/aem/client';
import { waitingItems, waitingSummary } from '../../../../core/aem/agent-removal';
import { AUTHORIZABLES } from '../../../../core/contract/aem-names';
import { explainWithGuards } from '../../../../core/domain/explain-guard';
import { buildResetPlan, confirmationMatches, planPaths, resetDeletions } from '../../../../core/domain/reset-plan';
import type { CloudConfig } from '../../../../core/domain/types';
import { textfield, button } from '../../ui/coral';
import { el } from '../../ui/dom';
import { t } from '../../../../core/i18n';
import { renderNotice, renderProblem, renderRequestProblem, showResult } from '../../ui/problem';
import type { PageContext } from '../../app/port';

/**
 * Fills the opened reset panel. `feedback` outlives the re-render that follows the reset: the
 * outcome is written there.
 */
export function fillReset(panel: HTMLElement, ctx: PageContext, config: CloudConfig, feedback: HTMLElement): void {
  const built = buildResetPlan(config, ctx.facts.agents ?? [], ctx.session.endpoints, ctx.facts.cloudConfigs ?? [config]);
  if ('refused' in built) {
    panel.appendChild(
      renderProblem({
        title: t('The reset cannot run for this configuration'),
        explanation: built.refused,
        fix: t('Remove the nodes by hand in CRXDE after checking the replication queues.'),
      }),
    );
    return;
  }
  const plan = built.plan;
  const out = el('div', { class: 'bpsetup-reset-result', 'aria-live': 'polite' });
  const confirm = textfield();
  confirm.classList.add('bpsetup-reset-confirm', 'coral-Form-field');
  confirm.id = `bpsetup-reset-confirm-${plan.tenant}`;
  confirm.autocomplete = 'off';
  // Secondary, not Coral's red "warning" variant: its white label fails WCAG AA contrast.
  const run = button(t('Delete and start over'), 'secondary', 'Delete');
  run.classList.add('bpsetup-reset-run');
  run.disabled = true;
  confirm.addEventListener('input', () => {
    run.disabled = !confirmationMatches(confirm.value, plan);
  });
  panel.append(
    el(
      'p',
      {},
      t(
        "For publishing that fails with 401 (the tenant's replication user holds an old key), for a legacy setup, or to change tenant. Only these are deleted:",
      ),
    ),
    el(
      'ul',
      { class: 'bpsetup-reset-plan' },
      ...planPaths(plan).map((p) =>
        el('li', {}, el('code', {}, p), p === plan.userFolder ? ` ${t('(its users through user management first)')}` : ''),
      ),
    ),
    el(
      'p',
      {},
      t(
        'Every replication queue must be readable and empty; the page checks them first, then has Package Manager build a backup package of exactly these paths, and deletes nothing without it. Afterwards, save the cloud service again.',
      ),
    ),
    el(
      'div',
      { class: 'coral-Form-fieldwrapper' },
      el('label', { class: 'coral-Form-fieldlabel', for: confirm.id }, t('Type "{0}" to confirm', plan.tenant)),
      confirm,
    ),
    run,
    out,
  );
  run.addEventListener('click', () => {
    if (!confirmationMatches(confirm.value, plan)) return;
    void (async () => {
      run.disabled = true;
      out.textContent = '';
      try {
        const queued = await waitingItems(ctx.session, plan.agentPaths);
        if (queued.length) {
          out.appendChild(
            renderProblem({
              title: t('Replication queues are not empty'),
              explanation: waitingSummary(queued),
              fix: t('Wait until the queues are empty (or clear them in the replication console), then reset.'),
            }),
          );
          return;
        }
        const users = await findAuthorizables(ctx.session, plan.userFolder, AUTHORIZABLES.userType);
        const deletions = resetDeletions(plan, users);
        if (!deletions) throw new Error(t('AEM named users outside {0}: nothing is deleted.', plan.userFolder));
        // Nothing is deleted unless Package Manager has built a package of exactly what goes.
        const backup = await backUp(ctx.session, planPaths(plan), `reset-${plan.tenant}`);
        out.appendChild(el('p', { class: 'bpsetup-backup' }, t('Backup package: {0}', backup.path)));
        for (const d of deletions) await (d.kind === 'user' ? deleteAuthorizable(ctx.session, d.path) : deleteNode(ctx.session, d.path));
        // Show the outcome once the page shows the state it describes.
        await ctx.refresh(['cloud', 'legacyCloud', 'agents']);
        showResult(
          feedback,
          renderNotice(
            'success',
            t('Brand Portal publishing was reset'),
            t(
              '{0} agents, the cloud configuration and {1} replication user(s) deleted; Package Manager keeps a backup of them: {2}. Save the Brand Portal cloud service again to recreate the agents.',
              String(plan.agentPaths.length),
              String(users.length),
              backup.path,
            ),
          ),
        );
      } catch (e) {
        out.appendChild(renderRequestProblem(explainWithGuards(e, ctx.session.endpoints), () => run.click()));
      } finally {
        run.disabled = !confirmationMatches(confirm.value, plan);
      }
    })();
  });
}
