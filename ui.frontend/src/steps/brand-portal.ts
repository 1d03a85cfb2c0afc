/**
 * Step 6: the Brand Portal cloud service and its four replication agents. One tenant per author:
 * an existing configuration (current or legacy) is shown and edited, never duplicated. Saving
 * goes through AEM's own servlet, then the page waits (bounded) for the agents; missing agents get
 * the documented remedy as one button. Each agent is checked and tested; fixes are confirmed writes.
 */
import { saveCloudConfig, setAgentFlag } from '../aem/client';
import { waitForAgents } from '../aem/setup-facts';
import { AGENTS } from '../aem/endpoints';
import { type AgentCheck, checkAgents } from '../domain/agents';
import { explainRequestError } from '../domain/explain-request';
import { currentTenant, validateTenantUrl } from '../domain/tenant';
import type { CloudConfig, ReplicationAgent } from '../domain/types';
import { validateTitle } from '../domain/validate';
import { type SelectOption, disclosure, select, setSelectOptions, statusLight, table, tableCell, tableRow } from '../ui/coral';
import { el } from '../ui/dom';
import { createField, type Field } from '../ui/field';
import { t } from '../i18n';
import { button, renderNotice, renderProblem, renderRequestProblem, showResult } from '../ui/problem';
import { createSection } from '../ui/section';
import type { PageContext, Step } from './context';
import { renderReset } from './reset';

export class BrandPortalStep implements Step {
  private readonly section = createSection('brandPortal', 6, t('Brand Portal cloud service'));
  readonly element = this.section.root;
  private readonly form = el('form', { class: 'bpsetup-cloud-form', novalidate: true, autocomplete: 'off' });
  private readonly title: Field;
  private readonly tenant: Field;
  private readonly imsSelect = select('bpsetup-cloud-ims-label');
  private readonly imsNote = el('div', { class: 'bpsetup-field-message' });
  private readonly save = button(t('Save cloud service'), 'cta');
  private readonly existing = el('div', { class: 'bpsetup-cloud-existing' });
  private readonly agentsBox = el('div', { class: 'bpsetup-agents' });
  private readonly feedback = el('div', { class: 'bpsetup-cloud-feedback', 'aria-live': 'polite' });
  private editing?: CloudConfig;
  private readonly resets = new Map<string, { key: string; element: HTMLElement }>();
  private busy = false;
  private ctx?: PageContext;

  constructor() {
    const changed = () => this.refreshSave();
    this.title = createField({ name: 'cloudTitle', label: t('Title'), value: 'Brand Portal' }, validateTitle, changed);
    this.tenant = createField(
      { name: 'tenantUrl', label: t('Tenant URL'), placeholder: 'https://yourcompany.brand-portal.adobe.com' },
      validateTenantUrl,
      changed,
    );
    this.imsSelect.classList.add('bpsetup-cloud-ims', 'coral-Form-field');
    this.imsSelect.addEventListener('change', changed);
    this.save.type = 'submit';
    this.save.classList.add('bpsetup-cloud-save');
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
    this.form.append(
      this.title.root,
      el(
        'div',
        { class: 'coral-Form-fieldwrapper bpsetup-field' },
        el('label', { id: 'bpsetup-cloud-ims-label', class: 'coral-Form-fieldlabel' }, t('Adobe IMS configuration')),
        this.imsSelect,
        this.imsNote,
      ),
      this.tenant.root,
      el('div', { class: 'bpsetup-actions' }, this.save),
    );
    this.section.body.append(this.existing, this.form, this.feedback, this.agentsBox);
  }

  private refreshSave(): void {
    const invalid = [this.title, this.tenant].some((f) => Boolean(f.check().error));
    const chosen = this.imsSelect.selectedItem;
    this.save.disabled = invalid || !chosen || chosen.disabled || !chosen.value || this.busy;
  }

  update(ctx: PageContext): void {
    this.ctx = ctx;
    this.section.setState(ctx.state.steps.find((s) => s.id === 'brandPortal'));
    const configs = ctx.facts.cloudConfigs ?? [];
    this.renderImsOptions(ctx);
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
    this.form.hidden = !(configs.length === 0 || this.editing);
    this.save.label.textContent = this.editing ? t('Save changes') : t('Save cloud service');
    this.renderAgents(ctx);
    this.refreshSave();
  }

  private renderImsOptions(ctx: PageContext): void {
    const current = this.imsSelect.selectedItem?.value;
    const health = ctx.facts.health;
    const options: SelectOption[] = ctx.state.brandPortalConfigs.map((c) => {
      // Usable: proven healthy, or on an AEM whose Check Health the page cannot run (the agents'
      // Test Connection proves the token afterwards). Known unhealthy or unchecked: not yet.
      const checked = health?.id === c.id;
      const usable = (checked && health.healthy) || (!checked && ctx.facts.healthUnavailable === true);
      const why = checked
        ? health.healthy
          ? ''
          : t(' — unhealthy: fix it first')
        : usable
          ? t(" — token not checked: the agents' test will prove it")
          : t(' — run Check health first');
      return { value: c.id, label: `${c.title} (${c.authType === 'oauth' ? 'OAuth' : 'JWT'})${why}`, disabled: !usable };
    });
    const usable = options.filter((o) => !o.disabled);
    const chosen = usable.find((o) => o.value === current) ?? usable[0];
    if (chosen) chosen.selected = true;
    if (!options.length)
      options.push({ value: '', label: t('No Brand Portal IMS configuration yet (step 4)'), disabled: true, selected: true });
    setSelectOptions(this.imsSelect, options);
    this.imsNote.textContent = chosen
      ? ''
      : t(
          'Finish steps 4 and 5 first: the IMS configuration must pass Check Health, or this AEM must be one whose Check Health the page cannot run.',
        );
    this.imsNote.className = `bpsetup-field-message${chosen ? '' : ' coral-Body--XS is-warning'}`;
  }

  private renderConfig(config: CloudConfig, ctx: PageContext): HTMLElement {
    const ims = ctx.facts.imsConfigs.find((i) => i.id === config.imsConfig || i.pid === config.imsConfig);
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
    );
    if (!config.legacy) {
      const edit = button(t('Edit'), 'secondary', 'Edit');
      edit.classList.add('bpsetup-cloud-edit');
      edit.addEventListener('click', () => {
        this.editing = config;
        this.title.set(config.title);
        this.tenant.set(config.tenantUrl);
        this.update(ctx);
      });
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
    const element = renderReset(ctx, config, this.feedback);
    this.resets.set(config.path, { key, element });
    return element;
  }

  private renderAgents(ctx: PageContext): void {
    this.agentsBox.textContent = '';
    const current = currentTenant(ctx.facts.cloudConfigs ?? []);
    if (!current) return;
    const checks = checkAgents(ctx.facts.agents ?? [], current.url, current.tenant);
    const tests = ctx.facts.agentTests ?? [];
    const connected = checks.filter((c) => tests.find((r) => r.name === c.name)?.succeeded).length;
    const testAll = button(t('Test all agents'), 'primary', 'Refresh');
    testAll.classList.add('bpsetup-test-agents');
    testAll.disabled = ctx.agentTestsRunning || checks.every((c) => !c.agent);
    testAll.addEventListener('click', () => void ctx.testAgents());
    const summary = el(
      'p',
      { class: 'bpsetup-agents-summary', 'data-connected': String(connected) },
      t('{0} of {1} agents connected', String(connected), String(AGENTS.count)),
    );
    const rows = checks.map((check) =>
      this.agentRow(
        check,
        tests.find((r) => r.name === check.name),
        ctx,
      ),
    );
    const headers = [t('Agent'), t('Exists'), t('Enabled'), t('Tenant address'), t('Close Connection'), t('Test Connection'), t('Actions')];
    const agentsTable = table(t('Replication agents'), headers, rows);
    agentsTable.classList.add('bpsetup-agents-table');
    this.agentsBox.append(el('h3', { class: 'coral-Heading coral-Heading--5' }, t('Replication agents')), summary, agentsTable, testAll);
    if (ctx.agentTestsRunning) this.agentsBox.appendChild(el('p', { class: 'bpsetup-progress' }, t('Testing the four agents…')));
    const missing = checks.filter((c) => !c.agent).length;
    if (missing) {
      const resave = button(t('Save the cloud service again'), 'primary');
      resave.classList.add('bpsetup-resave');
      resave.addEventListener('click', () => void this.resave(current.config));
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

  private agentRow(check: AgentCheck, test: { succeeded: boolean } | undefined, ctx: PageContext): HTMLTableRowElement {
    const yes = (ok: boolean, label: string) => tableCell(statusLight(ok ? 'success' : 'error', label));
    const a = check.agent;
    const actions = tableCell();
    if (a && check.issues.includes('disabled')) actions.appendChild(this.fixButton(t('Enable'), check.name, 'enabled', ctx));
    if (a && check.issues.includes('closeConnectionOff'))
      actions.appendChild(this.fixButton(t('Turn on Close Connection'), check.name, 'closeConnection', ctx));
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
        actions,
      ],
      { 'data-agent': check.name, 'data-issues': check.issues.join(' ') },
    );
  }

  private fixButton(label: string, agent: string, flag: 'enabled' | 'closeConnection', ctx: PageContext): HTMLElement {
    const b = button(label, 'secondary');
    b.classList.add(`bpsetup-fix-${flag}`);
    b.addEventListener('click', () => {
      const apply = async () => {
        try {
          await setAgentFlag(agent, flag, true);
          await ctx.refresh(['agents']);
          showResult(this.feedback, renderNotice('success', t('Agent updated'), t('{0}: {1}.', agent, label)));
        } catch (e) {
          showResult(
            this.feedback,
            renderRequestProblem(explainRequestError(e), () => void apply()),
          );
        }
      };
      const ui = window.Granite?.$(window).adaptTo('foundation-ui');
      if (!ui) return void apply();
      const message = el('p', {}, t('{0} on {1}? This changes the agent in AEM.', label, agent));
      ui.prompt(t('Change replication agent'), message.outerHTML, 'notice', [
        { text: t('Cancel') },
        { text: label, primary: true, handler: () => void apply() },
      ]);
    });
    return b;
  }

  private async submit(): Promise<void> {
    const ctx = this.ctx;
    const invalid = [this.title, this.tenant].filter((f) => f.check(true).error);
    // Keyboard users land on the first field to correct.
    invalid[0]?.input.focus();
    if (!ctx || invalid.length || this.save.disabled) return;
    const existing = (ctx.facts.cloudConfigs ?? []).filter((c) => c !== this.editing);
    if (!this.editing && existing.length) {
      showResult(
        this.feedback,
        renderProblem({
          title: t('A Brand Portal configuration already exists'),
          explanation: t('Brand Portal allows one tenant per author.'),
          fix: t('Edit the existing configuration instead.'),
        }),
      );
      return;
    }
    const tenantUrl = validateTenantUrl(this.tenant.value()).normalised as string;
    await this.saveAndWait({ item: this.editing?.path, title: this.title.value(), tenantUrl, imsConfig: this.imsSelect.value });
  }

  private async resave(config: CloudConfig): Promise<void> {
    await this.saveAndWait({ item: config.path, title: config.title, tenantUrl: config.tenantUrl, imsConfig: config.imsConfig });
  }

  private async saveAndWait(input: Parameters<typeof saveCloudConfig>[0]): Promise<void> {
    const ctx = this.ctx;
    if (!ctx || this.busy) return;
    this.busy = true;
    this.refreshSave();
    const progress = el('p', { class: 'bpsetup-progress' }, t('Saving the Brand Portal cloud service…'));
    showResult(this.feedback, progress);
    try {
      await saveCloudConfig(input);
      this.editing = undefined;
      const tenant = validateTenantUrl(input.tenantUrl);
      let agents: ReplicationAgent[] = [];
      const found = await waitForAgents(tenant.normalised ?? input.tenantUrl, tenant.tenant ?? '', (n, listed) => {
        agents = listed;
        progress.textContent = t('Saved. Waiting for the replication agents: {0} of {1}…', String(n), String(AGENTS.count));
      });
      // The save changed the cloud configurations; the agents were just read by the wait.
      await ctx.refresh(['cloud']);
      ctx.adopt({ agents });
      this.feedback.textContent = '';
      if (found === AGENTS.count) {
        this.feedback.appendChild(
          renderNotice(
            'success',
            t('Brand Portal cloud service saved'),
            t('The four replication agents exist; their Test Connection results are below.'),
          ),
        );
        await ctx.testAgents();
      } else {
        this.feedback.appendChild(
          renderNotice(
            'warning',
            t('Saved, but the agents did not appear'),
            t('{0} of {1} agents after waiting. Use "Save the cloud service again" below.', String(found), String(AGENTS.count)),
          ),
        );
      }
    } catch (e) {
      showResult(
        this.feedback,
        renderRequestProblem(explainRequestError(e), () => void this.saveAndWait(input)),
      );
    } finally {
      this.busy = false;
      if (this.ctx) this.update(this.ctx);
    }
  }
}
