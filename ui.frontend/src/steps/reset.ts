/**
 * "Reset Brand Portal publishing", Adobe's documented clean-up for the bare 401 on publish
 * (pain point 5): lists exactly what would be deleted — the four agents, the cloud configuration,
 * the tenant's replication user — refuses while a replication queue holds items, asks the admin to
 * type the tenant name, deletes those nodes and nothing else, then the page returns to the cloud
 * service step.
 */
import { agentQueueSize, deleteNode } from '../aem/client';
import { agentName, agentPath, tenantUserFolder } from '../aem/endpoints';
import { explainRequestError } from '../domain/explain-request';
import { validateTenantUrl } from '../domain/tenant';
import type { CloudConfig, ReplicationAgent } from '../domain/types';
import { el } from '../ui/dom';
import { t } from '../ui/i18n';
import { button, renderNotice, renderProblem, renderRequestProblem } from '../ui/problem';
import type { PageContext } from './context';

/** What the reset deletes for a configuration: its tenant's agents, the configuration, the tenant user folder. */
export function resetPlan(config: CloudConfig, agents: ReplicationAgent[]): { tenant: string; paths: string[] } {
  const tenant = validateTenantUrl(config.tenantUrl).tenant ?? '';
  const expected = [0, 1, 2, 3].map((i) => agentName(i, tenant));
  const agentPaths = agents.filter((a) => expected.includes(a.name) || a.transportUri.startsWith(`${config.tenantUrl}/`)).map((a) => agentPath(a.name));
  return { tenant, paths: [...new Set(agentPaths)].sort().concat(config.path, tenantUserFolder(tenant)) };
}

/** `feedback` outlives the re-render that follows the reset: the outcome is written there. */
export function renderReset(ctx: PageContext, config: CloudConfig, feedback: HTMLElement): HTMLElement {
  const agents = ctx.facts.agents ?? [];
  const plan = resetPlan(config, agents);
  const box = el('details', { class: 'bpsetup-reset' }, el('summary', {}, t('Reset Brand Portal publishing')));
  const out = el('div', { class: 'bpsetup-reset-result', 'aria-live': 'polite' });
  const confirm = el('input', { type: 'text', class: 'bpsetup-reset-confirm', 'aria-label': t('Type the tenant name to confirm'), autocomplete: 'off' });
  const run = button(t('Delete and start over'), 'warning', 'Delete');
  run.classList.add('bpsetup-reset-run');
  run.disabled = true;
  confirm.addEventListener('input', () => {
    run.disabled = confirm.value.trim() !== plan.tenant;
  });
  box.append(
    el('p', {}, t('For publishing that fails with 401 (the tenant\'s replication user holds an old key), for a legacy setup, or to change tenant. Only these nodes are deleted:')),
    el('ul', { class: 'bpsetup-reset-plan' }, ...plan.paths.map((p) => el('li', {}, el('code', {}, p)))),
    el('p', {}, t('Replication queues must be empty; the page checks them first. Afterwards, save the cloud service again.')),
    el('label', {}, t('Type "{0}" to confirm: ', plan.tenant), confirm),
    run,
    out,
  );
  run.addEventListener('click', () => {
    void (async () => {
      run.disabled = true;
      out.textContent = '';
      try {
        const agentNames = plan.paths.filter((p) => p !== config.path && p !== tenantUserFolder(plan.tenant)).map((p) => p.split('/').pop() as string);
        const queued = (await Promise.all(agentNames.map(async (n) => [n, await agentQueueSize(n)] as const))).filter(([, n]) => n > 0);
        if (queued.length) {
          out.appendChild(
            renderProblem({ title: t('Replication queues are not empty'), explanation: queued.map(([n, c]) => t('{0}: {1} item(s) waiting', n, String(c))).join('; '), fix: t('Wait until the queues are empty (or clear them in the replication console), then reset.') }),
          );
          return;
        }
        for (const path of plan.paths) await deleteNode(path);
        // Show the outcome once the page shows the state it describes.
        await ctx.refresh();
        feedback.textContent = '';
        feedback.appendChild(renderNotice('success', t('Brand Portal publishing was reset'), t('{0} nodes deleted. Save the Brand Portal cloud service again to recreate the agents.', String(plan.paths.length))));
      } catch (e) {
        out.appendChild(renderRequestProblem(explainRequestError(e), () => run.click()));
      } finally {
        run.disabled = confirm.value.trim() !== plan.tenant;
      }
    })();
  });
  return box;
}
