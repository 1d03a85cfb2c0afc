/**
 * The tenant's four replication agents, shown above the steps whenever a tenant is configured:
 * one row per agent (its settings, Test Connection, its queue as the whole-setup check read it),
 * fixes as confirmed writes, agents of no configuration named with their removal, and the
 * documented remedy when agents are missing. Not a step: it is what an admin comes back to see.
 */
import { AGENTS } from '../../../../core/contract/aem-names';
import { type AgentCheck, agentTestCounts, agentsOfGoneProvider, checkAgents, orphanAgents } from '../../../../core/domain/agents';
import { identifiedBy } from '../../../../core/domain/ims-detection';
import { currentTenant, tenantUrlsOf } from '../../../../core/domain/tenant';
import type { AgentQueueReading } from '../../../../core/domain/types';
import { t } from '../../../../core/i18n';
import { button, disclosure, statusLight, table, tableCell, tableRow } from '../../ui/coral';
import { el } from '../../ui/dom';
import { onDemand } from '../../ui/on-demand';
import { renderProblem } from '../../ui/problem';
import { loadPart } from '../../app/parts';
import type { PageContext } from '../../app/port';
import type { AgentChange } from './agent-change';

const loadOrphanRemoval = onDemand(() => loadPart('orphan-removal'));
const loadAgentChange = onDemand(() => loadPart('agent-change'));

export class AgentsPanel {
  readonly element = el('section', { class: 'bpsetup-agents', id: 'bpsetup-agents', 'aria-labelledby': 'bpsetup-agents-title' });
  /** Where a fix, a removal or a re-save says how it went (a polite live region). */
  readonly feedback = el('div', { class: 'bpsetup-agents-feedback', 'aria-live': 'polite' });
  private readonly content = el('div');

  constructor() {
    this.element.append(
      el('h3', { class: 'coral-Heading coral-Heading--5', id: 'bpsetup-agents-title' }, t('Replication agents')),
      this.content,
      this.feedback,
    );
  }

  update(ctx: PageContext): void {
    this.content.textContent = '';
    this.renderOrphans(ctx);
    const current = currentTenant(ctx.facts.cloudConfigs ?? []);
    this.element.hidden = !current && !this.content.childElementCount && !this.feedback.childElementCount;
    if (!current) return;
    const checks = checkAgents(ctx.facts.agents ?? [], current.url, current.tenant);
    const tests = ctx.facts.agentTests ?? [];
    const { connected, tested } = agentTestCounts(checks, tests);
    const present = checks.filter((c) => c.agent).length;
    const testAll = button(t('Test all agents'), 'secondary', 'Refresh');
    testAll.classList.add('bpsetup-test-agents');
    testAll.disabled = ctx.agentTestsRunning || !present;
    // The table is drawn again with the results: the keyboard's focus lands on the count.
    testAll.addEventListener(
      'click',
      () => void ctx.testAgents().then(() => this.content.querySelector<HTMLElement>('.bpsetup-agents-summary')?.focus()),
    );
    // Only tests that ran are counted: "0 of 4 connected" is said only after the agents were tested.
    const summary = el(
      'p',
      { class: 'bpsetup-agents-summary', 'data-connected': String(connected), 'data-tested': String(tested), tabindex: '-1' },
      tested
        ? t('{0} of {1} agents connected', String(connected), String(AGENTS.count)) +
            (tested < present ? t(' ({0} not tested yet)', String(present - tested)) : '')
        : t('Agents not tested yet since this page opened: Test all agents to see whether they connect.'),
    );
    const rows = checks.map((check) =>
      this.agentRow(
        check,
        tests.find((r) => r.name === check.name),
        ctx,
      ),
    );
    const headers = [t('Agent'), t('Settings'), t('Test Connection'), t('Queue'), t('Actions')];
    const agentsTable = table(t('Replication agents'), headers, rows);
    agentsTable.classList.add('bpsetup-agents-table');
    this.content.append(summary, agentsTable, el('div', { class: 'bpsetup-actions' }, testAll));
    if (ctx.agentTestsRunning) this.content.appendChild(el('p', { class: 'bpsetup-progress' }, t('Testing the four agents…')));
    if (present < checks.length) this.renderMissing(ctx, checks.length - present);
    for (const r of tests.filter((x) => !x.succeeded)) {
      const log = disclosure(t('Test log of {0}', r.name), el('pre', {}, r.log));
      log.classList.add('bpsetup-raw');
      log.dataset.agentLog = r.name;
      this.content.appendChild(log);
    }
  }

  private renderMissing(ctx: PageContext, missing: number): void {
    const resave = button(t('Save the cloud service again'), 'primary');
    resave.classList.add('bpsetup-resave');
    resave.addEventListener('click', () => void ctx.resaveCloudService());
    this.content.append(
      renderProblem(
        {
          title: t('{0} of {1} replication agents are missing', String(missing), String(AGENTS.count)),
          explanation: t('AEM creates the four agents when the cloud service is saved; sometimes it does not.'),
          fix: t("Adobe's remedy: save the cloud service again. The button below does exactly that."),
        },
        { variant: 'warning' },
      ),
      resave,
    );
  }

  /**
   * Brand Portal agents of no configuration (a corrected or removed tenant's leftovers, a day-two
   * case): named, with their removal, both from the orphan-removal part.
   */
  private renderOrphans(ctx: PageContext): void {
    const orphans = orphanAgents(ctx.facts.agents ?? [], tenantUrlsOf(ctx.facts.cloudConfigs ?? []));
    if (!orphans.length) return;
    const box = this.content.appendChild(el('div', { class: 'bpsetup-orphans' }));
    const show = () =>
      void loadOrphanRemoval(box, show).then(({ renderOrphans }) => box.appendChild(renderOrphans(ctx, orphans, this.feedback)));
    show();
  }

  private agentRow(check: AgentCheck, test: { succeeded: boolean } | undefined, ctx: PageContext): HTMLTableRowElement {
    const a = check.agent;
    const actions = tableCell();
    if (a && check.issues.includes('disabled')) actions.appendChild(this.fixButton(t('Enable'), check.name, { flag: 'enabled' }, ctx));
    if (a && check.issues.includes('closeConnectionOff'))
      actions.appendChild(this.fixButton(t('Turn on Close Connection'), check.name, { flag: 'closeConnection' }, ctx));
    // Judged only against a list that was read: an unread list proves no configuration gone.
    const linkTo = a && !ctx.problems.imsConfigs ? providerFor(ctx) : undefined;
    if (a && linkTo && agentsOfGoneProvider([a], ctx.facts.imsConfigs).length)
      actions.appendChild(this.fixButton(t('Take the token from the Brand Portal configuration'), check.name, { provider: linkTo }, ctx));
    const result = (ok: boolean, label: string) => tableCell(statusLight(ok ? 'success' : 'error', label));
    return tableRow(
      [
        tableCell(el('span', { class: 'bpsetup-agent-name' }, check.name)),
        a ? settingsCell(check) : result(false, t('missing')),
        test ? result(test.succeeded, test.succeeded ? t('succeeded') : t('failed')) : tableCell(a ? t('not tested') : ''),
        a ? queueCell(ctx.facts.agentQueues?.find((q) => q.name === check.name)) : tableCell(),
        actions,
      ],
      { 'data-agent': check.name, 'data-issues': check.issues.join(' ') },
    );
  }

  /** A button that changes one agent: the change itself, asked first, is a part (agent-change.ts). */
  private fixButton(label: string, agent: string, change: AgentChange, ctx: PageContext): HTMLElement {
    const b = button(label, 'secondary');
    b.classList.add(`bpsetup-fix-${'flag' in change ? change.flag : 'provider'}`);
    const ask = () =>
      void loadAgentChange(this.feedback, ask).then(({ changeAgent }) => changeAgent(ctx, agent, label, change, this.feedback));
    b.addEventListener('click', ask);
    return b;
  }
}

/** An existing agent's settings in one cell: as Brand Portal needs them, or each one that is not. */
function settingsCell(check: AgentCheck): HTMLTableCellElement {
  const words: Record<string, string> = {
    disabled: t('disabled'),
    wrongTransport: t('points at another address'),
    closeConnectionOff: t('Close Connection off'),
  };
  const wrong = check.issues.map((issue) => words[issue]).filter(Boolean);
  return tableCell(statusLight(wrong.length ? 'error' : 'success', wrong.length ? wrong.join(', ') : t('as Brand Portal needs')));
}

/** What an agent should name: the configuration the cloud service names while it is there, else the active one. */
function providerFor(ctx: PageContext): string | undefined {
  const named = currentTenant(ctx.facts.cloudConfigs ?? [])?.config.imsConfig;
  if (named && ctx.facts.imsConfigs.some((c) => identifiedBy(c, named))) return named;
  return ctx.state.active?.id;
}

/** The agent's queue as the whole-setup check read it ("not checked" before it ran). */
function queueCell(reading: AgentQueueReading | undefined): HTMLTableCellElement {
  const q = reading?.queue;
  if (!reading) return tableCell(t('not checked'));
  if (!q) return tableCell(statusLight('warning', t('could not be read')));
  if (q.blocked) return tableCell(statusLight('error', t('blocked, {0} waiting', String(q.pending))));
  if (q.paused) return tableCell(statusLight('error', t('paused')));
  return tableCell(statusLight(q.pending ? 'info' : 'success', q.pending ? t('{0} waiting', String(q.pending)) : t('empty')));
}
