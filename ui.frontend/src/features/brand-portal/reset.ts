/**
 * "Reset Brand Portal publishing", Adobe's documented clean-up for the bare 401 on publish
 *. The plan (domain/reset-plan.ts) lists exactly what is deleted and fails closed;
 * this step shows it, asks for the tenant name, checks every queue, removes the replication users
 * through user management and the other nodes through Sling, then re-reads the page. A part:
 * step 6 fetches it the first time an admin opens the reset.
 */
import { runReset } from '../../../../core/aem/reset';
import { waitingSummary } from '../../../../core/aem/agent-removal';
import { explainWithGuards } from '../../../../core/domain/explain-guard';
import { buildResetPlan, confirmationMatches, planPaths } from '../../../../core/domain/reset-plan';
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
        const outcome = await runReset(ctx.session, plan, (backup) =>
          out.appendChild(el('p', { class: 'bpsetup-backup' }, t('Backup package: {0}', backup.path))),
        );
        if (outcome.status === 'queued') {
          out.appendChild(
            renderProblem({
              title: t('Replication queues are not empty'),
              explanation: waitingSummary(outcome.waiting),
              fix: t('Wait until the queues are empty (or clear them in the replication console), then reset.'),
            }),
          );
          return;
        }
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
              String(outcome.users),
              outcome.backup.path,
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
