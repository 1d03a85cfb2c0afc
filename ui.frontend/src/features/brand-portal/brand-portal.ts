/**
 * Step 6: the Brand Portal cloud service and its four replication agents. One tenant per author:
 * an existing configuration (current or legacy) is shown and edited, never duplicated. Each agent
 * is checked and tested; fixes are confirmed writes; missing agents get the documented remedy as
 * one button. The form (`brand-portal-form`) is fetched when the step needs it: no configuration
 * yet, an edit, or that remedy.
 */
import { AGENTS } from '../../../../core/contract/aem-names';
import { type AgentCheck, agentTestCounts, agentsOfGoneProvider, checkAgents, orphanAgents } from '../../../../core/domain/agents';
import { identifiedBy } from '../../../../core/domain/ims-detection';
import { type TenantAddress, currentTenant, tenantUrlsOf } from '../../../../core/domain/tenant';
import type { CloudConfig } from '../../../../core/domain/types';
import { disclosure, statusLight, table, tableCell, tableRow, button } from '../../ui/coral';
import { el } from '../../ui/dom';
import { t } from '../../../../core/i18n';
import { onDemand, partComponent } from '../../ui/on-demand';
import { loadPart } from '../../app/parts';
import { renderProblem, renderRequestProblem } from '../../ui/problem';
import { createSection } from '../../ui/section';
import type { CloudSaveOutcome, PageContext, Step } from '../../app/port';
import type { AgentQueueReading } from '../../../../core/domain/types';
import type { AgentChange } from './agent-change';

const loadForm = onDemand(() => loadPart('brand-portal-form'));
const loadReset = onDemand(() => loadPart('reset'));
const loadOrphanRemoval = onDemand(() => loadPart('orphan-removal'));
const loadAgentChange = onDemand(() => loadPart('agent-change'));

export class BrandPortalStep implements Step {
  private readonly section = createSection('brandPortal', 6, t('Brand Portal cloud service'));
  readonly element = this.section.root;
  private readonly formBox = el('div', { class: 'bpsetup-cloud-form-box' });
  private readonly form = partComponent(
    loadForm,
    this.formBox,
    ({ BrandPortalForm }) => new BrandPortalForm({ feedback: this.feedback, rerender: () => this.ctx && this.update(this.ctx) }),
    () => this.ctx && this.update(this.ctx),
  );
  private readonly existing = el('div', { class: 'bpsetup-cloud-existing' });
  private readonly agentsBox = el('div', { class: 'bpsetup-agents' });
  private readonly feedback = el('div', { class: 'bpsetup-cloud-feedback', 'aria-live': 'polite' });
  private readonly resets = new Map<string, { key: string; element: HTMLElement }>();
  private ctx?: PageContext;

  constructor() {
    this.section.body.append(this.existing, this.formBox, this.feedback, this.agentsBox);
  }

  update(ctx: PageContext): void {
    this.ctx = ctx;
    this.section.setState(ctx.state.steps.find((s) => s.id === 'brandPortal'));
    const configs = ctx.facts.cloudConfigs ?? [];
    this.existing.textContent = '';
    if (ctx.problems.cloud) this.existing.appendChild(renderRequestProblem(ctx.problems.cloud, () => void ctx.refresh()));
    if (configs.length > 1) {
      this.existing.appendChild(
        renderProblem(
          {
            title: t('{0} Brand Portal configurations on this author', String(configs.length)),
            explanation: t('Brand Portal allows one tenant per author.'),
            fix: t('Reset the extra ones below, then keep a single configuration.'),
          },
          { variant: 'warning' },
        ),
      );
    }
    for (const config of configs) this.existing.appendChild(this.renderConfig(config, ctx));
    const wanted = configs.length === 0 || Boolean(this.form.current?.editing);
    if (this.form.current) this.form.current.update(ctx, wanted);
    else if (wanted) this.form.want();
    this.renderAgents(ctx);
  }

  private renderConfig(config: CloudConfig, ctx: PageContext): HTMLElement {
    const ims = ctx.facts.imsConfigs.find((i) => identifiedBy(i, config.imsConfig));
    const card = el(
      'div',
      { class: 'bpsetup-cloud-card', 'data-path': config.path },
      el('p', {}, el('strong', {}, config.title), config.legacy ? ` — ${t('legacy configuration')}` : ''),
      el('p', { class: 'bpsetup-mono' }, config.tenantUrl),
      el(
        'p',
        {},
        config.legacy
          ? t('Made by the 6.3-style (legacy OAuth) setup: reset it and set Brand Portal up again.')
          : t('IMS configuration: {0}', ims ? ims.title : t('missing ({0})', config.imsConfig)),
      ),
      config.legacy
        ? ''
        : el(
            'p',
            { class: 'bpsetup-public-folders-state' },
            config.publicFolderPublish
              ? t('Public Folder Publish: on. Brand Portal users who are not administrators see the folders you publish.')
              : t('Public Folder Publish: off. Only Brand Portal administrators see the folders you publish; Edit turns it on.'),
          ),
    );
    if (!config.legacy) {
      const edit = button(t('Edit'), 'secondary', 'Edit');
      edit.classList.add('bpsetup-cloud-edit');
      edit.addEventListener('click', () => void this.form.open().then((form) => form?.startEditing(config)));
      card.appendChild(edit);
    }
    card.appendChild(this.resetFor(ctx, config));
    return card;
  }

  /**
   * The reset panel is kept across re-renders while what it would delete stays the same, so a
   * refresh never closes it or clears the tenant name the admin is typing.
   */
  private resetFor(ctx: PageContext, config: CloudConfig): HTMLElement {
    const key = [config.path, config.tenantUrl, ...(ctx.facts.agents ?? []).map((a) => `${a.name} ${a.transportUri}`).sort()].join('|');
    const kept = this.resets.get(config.path);
    if (kept?.key === key) return kept.element;
    const element = this.renderReset(ctx, config);
    this.resets.set(config.path, { key, element });
    return element;
  }

  /** The reset's accordion; what it deletes, and how, is fetched the first time it is opened. */
  private renderReset(ctx: PageContext, config: CloudConfig): HTMLElement {
    const box = disclosure(t('Reset Brand Portal publishing'));
    box.classList.add('bpsetup-reset');
    let filled = false;
    const fill = () => {
      if (filled || !box.item.selected) return;
      filled = true;
      const panel = box.item.content;
      loadReset(panel, fill).then(
        ({ fillReset }) => fillReset(panel, ctx, config, this.feedback),
        () => (filled = false),
      );
    };
    box.addEventListener('coral-accordion:change', fill);
    return box;
  }

  /** An address typed in Connect: step 6's form starts with it (fetched if needed), unless it holds one. */
  keepTenant(address: TenantAddress): void {
    void this.form.open().then((form) => form?.offerTenant(address));
  }

  /** Step 4's Connect: step 6's form saves the cloud service for this tenant (fetched if needed). */
  async connect(address: TenantAddress, imsConfig: string): Promise<CloudSaveOutcome> {
    const form = await this.form.open();
    return form ? form.connect(address, imsConfig) : { saved: false };
  }

  private renderAgents(ctx: PageContext): void {
    this.agentsBox.textContent = '';
    this.renderOrphans(ctx);
    const current = currentTenant(ctx.facts.cloudConfigs ?? []);
    if (!current) return;
    const checks = checkAgents(ctx.facts.agents ?? [], current.url, current.tenant);
    const tests = ctx.facts.agentTests ?? [];
    const { connected, tested } = agentTestCounts(checks, tests);
    const testAll = button(t('Test all agents'), 'primary', 'Refresh');
    testAll.classList.add('bpsetup-test-agents');
    testAll.disabled = ctx.agentTestsRunning || checks.every((c) => !c.agent);
    testAll.addEventListener('click', () => void ctx.testAgents());
    // Only tests that ran are counted: "0 of 4 connected" is said only after the agents were tested.
    const summary = el(
      'p',
      { class: 'bpsetup-agents-summary', 'data-connected': String(connected), 'data-tested': String(tested) },
      tested
        ? t('{0} of {1} agents connected', String(connected), String(AGENTS.count)) +
            (tested < checks.filter((c) => c.agent).length
              ? t(' ({0} not tested yet)', String(checks.filter((c) => c.agent).length - tested))
              : '')
        : t('Agents not tested yet since this page opened: Test all agents to see whether they connect.'),
    );
    const rows = checks.map((check) =>
      this.agentRow(
        check,
        tests.find((r) => r.name === check.name),
        ctx,
      ),
    );
    const headers = [
      t('Agent'),
      t('Exists'),
      t('Enabled'),
      t('Tenant address'),
      t('Close Connection'),
      t('Test Connection'),
      t('Queue'),
      t('Actions'),
    ];
    const agentsTable = table(t('Replication agents'), headers, rows);
    agentsTable.classList.add('bpsetup-agents-table');
    this.agentsBox.append(el('h3', { class: 'coral-Heading coral-Heading--5' }, t('Replication agents')), summary, agentsTable, testAll);
    if (ctx.agentTestsRunning) this.agentsBox.appendChild(el('p', { class: 'bpsetup-progress' }, t('Testing the four agents…')));
    const missing = checks.filter((c) => !c.agent).length;
    if (missing) {
      const resave = button(t('Save the cloud service again'), 'primary');
      resave.classList.add('bpsetup-resave');
      resave.addEventListener('click', () => void this.form.open().then((form) => form?.resave(current.config, current)));
      this.agentsBox.appendChild(
        renderProblem(
          {
            title: t('{0} of {1} replication agents are missing', String(missing), String(AGENTS.count)),
            explanation: t('AEM creates the four agents when the cloud service is saved; sometimes it does not.'),
            fix: t("Adobe's remedy: save the cloud service again. The button below does exactly that."),
          },
          { variant: 'warning' },
        ),
      );
      this.agentsBox.appendChild(resave);
    }
    for (const r of tests.filter((x) => !x.succeeded)) {
      const log = disclosure(t('Test log of {0}', r.name), el('pre', {}, r.log));
      log.classList.add('bpsetup-raw');
      log.dataset.agentLog = r.name;
      this.agentsBox.appendChild(log);
    }
  }

  /** Brand Portal agents of no configuration: named, with their removal (fetched as a part when asked for). */
  private renderOrphans(ctx: PageContext): void {
    const orphans = orphanAgents(ctx.facts.agents ?? [], tenantUrlsOf(ctx.facts.cloudConfigs ?? []));
    if (!orphans.length) return;
    const hosts = [...new Set(orphans.map((a) => a.transportUri.replace(/^https?:\/\/([^/:?#]+).*$/, '$1')))].join(', ');
    const box = el('div', { class: 'bpsetup-orphans' });
    const removeButton = button(t('Remove these agents'), 'secondary', 'Delete');
    removeButton.classList.add('bpsetup-orphans-remove');
    const paths = orphans.map((a) => a.path);
    const ask = () => void loadOrphanRemoval(box, ask).then(({ confirmOrphanRemoval }) => confirmOrphanRemoval(ctx, paths, this.feedback));
    removeButton.addEventListener('click', ask);
    box.append(
      renderProblem(
        {
          title: t('{0} Brand Portal agent(s) belong to no configuration', String(orphans.length)),
          explanation: t('{0}: they still publish to {1} while enabled.', orphans.map((a) => a.name).join(', '), hosts),
          fix: t('Remove exactly these (their queues must be empty; Package Manager keeps a backup), or reset Brand Portal publishing.'),
        },
        { variant: 'warning' },
      ),
      removeButton,
    );
    this.agentsBox.appendChild(box);
  }

  private agentRow(check: AgentCheck, test: { succeeded: boolean } | undefined, ctx: PageContext): HTMLTableRowElement {
    const yes = (ok: boolean, label: string) => tableCell(statusLight(ok ? 'success' : 'error', label));
    const a = check.agent;
    const actions = tableCell();
    if (a && check.issues.includes('disabled')) actions.appendChild(this.fixButton(t('Enable'), check.name, { flag: 'enabled' }, ctx));
    if (a && check.issues.includes('closeConnectionOff'))
      actions.appendChild(this.fixButton(t('Turn on Close Connection'), check.name, { flag: 'closeConnection' }, ctx));
    // Judged only against a list that was read: an unread list proves no configuration gone.
    const linkTo = a && !ctx.problems.imsConfigs ? providerFor(ctx) : undefined;
    if (a && linkTo && agentsOfGoneProvider([a], ctx.facts.imsConfigs).length)
      actions.appendChild(this.fixButton(t('Take the token from the Brand Portal configuration'), check.name, { provider: linkTo }, ctx));
    return tableRow(
      [
        tableCell(el('span', { class: 'bpsetup-mono' }, check.name)),
        yes(Boolean(a), a ? t('yes') : t('missing')),
        a ? yes(a.enabled, a.enabled ? t('yes') : t('disabled')) : tableCell(),
        a
          ? yes(!check.issues.includes('wrongTransport'), check.issues.includes('wrongTransport') ? t('other address') : t('matches'))
          : tableCell(),
        a ? yes(a.closeConnection, a.closeConnection ? t('on') : t('off')) : tableCell(),
        test ? yes(test.succeeded, test.succeeded ? t('succeeded') : t('failed')) : tableCell(a ? t('not tested') : ''),
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

/** What an agent should name: the configuration the cloud service names while it is there, else the active one. */
function providerFor(ctx: PageContext): string | undefined {
  const named = currentTenant(ctx.facts.cloudConfigs ?? [])?.config.imsConfig;
  if (named && ctx.facts.imsConfigs.some((c) => identifiedBy(c, named))) return named;
  return ctx.state.active?.id;
}

/** The agent's queue as the whole-setup check read it ("not checked" before: a plain visit reads no queue). */
function queueCell(reading: AgentQueueReading | undefined): HTMLTableCellElement {
  const q = reading?.queue;
  if (!reading) return tableCell(t('not checked'));
  if (!q) return tableCell(statusLight('warning', t('could not be read')));
  if (q.blocked) return tableCell(statusLight('error', t('blocked, {0} waiting', String(q.pending))));
  if (q.paused) return tableCell(statusLight('error', t('paused')));
  return tableCell(statusLight(q.pending ? 'info' : 'success', q.pending ? t('{0} waiting', String(q.pending)) : t('empty')));
}
