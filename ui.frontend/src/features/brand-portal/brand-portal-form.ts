/**
 * Step 6's form, loaded on demand: only an author without the Brand Portal cloud service, or an
 * admin who edits it or saves it again for missing agents, needs it. Saving goes through AEM's own
 * servlet, then the page waits (bounded) for the four replication agents and tests them.
 */
import type { CloudConfigSave } from '../../../../core/aem/brand-portal-client';
import { relinkAgents, saveCloudConfigLinked } from '../../../../core/aem/linked-cloud-save';
import { replaceTenant } from '../../../../core/aem/tenant-replacement';
import { type TenantReplacement, planTenantReplacement } from '../../../../core/domain/tenant-replacement';
import { AGENTS } from '../../../../core/contract/aem-names';
import { waitForAgents } from '../../../../core/aem/setup-facts';
import { explainWithGuards } from '../../../../core/domain/explain-guard';
import { type TenantAddress, type TenantVerdict, addressOf, validateTenantUrl } from '../../../../core/domain/tenant';
import type { CloudConfig, ReplicationAgent } from '../../../../core/domain/types';
import { validateTitle } from '../../../../core/domain/validate';
import { type SelectOption, select, setSelectOptions, button, checkbox } from '../../ui/coral';
import { el } from '../../ui/dom';
import { createField, type Field } from '../../ui/field';
import { t } from '../../../../core/i18n';
import { renderNotice, renderProblem, renderRequestProblem, showResult } from '../../ui/problem';
import { TenantConfirm } from '../../ui/tenant-confirm';
import { ReplacementConfirm } from './replacement-confirm';
import type { CloudSaveOutcome, PageContext } from '../../app/port';
import { relinkNotice, renderReplacement } from './save-outcomes';

/** What the form needs from its step: where results go, and a re-render when it is done. */
export interface CloudFormHost {
  readonly feedback: HTMLElement;
  rerender(): void;
}

export class BrandPortalForm {
  readonly element = el('form', { class: 'bpsetup-cloud-form', novalidate: true, autocomplete: 'off' });
  /** Set while editing the existing configuration. */
  editing?: CloudConfig;
  private readonly title: Field;
  private readonly tenant: Field;
  private readonly imsSelect = select('bpsetup-cloud-ims-label');
  private readonly imsNote = el('div', { class: 'bpsetup-field-message' });
  private readonly save = button(t('Save cloud service'), 'cta');
  /** Adobe's "Public Folder Publish": kept as the admin set it on every save, changed only here. */
  private readonly publicFolders = checkbox(t('Public Folder Publish'));
  private readonly tenantConfirm = new TenantConfirm();
  private readonly replacementConfirm = new ReplacementConfirm();
  private busy = false;
  private ctx?: PageContext;

  constructor(private readonly host: CloudFormHost) {
    const changed = () => this.refreshSave();
    this.title = createField({ name: 'cloudTitle', label: t('Title'), value: 'Brand Portal' }, validateTitle, changed);
    this.tenant = createField(
      { name: 'tenantUrl', label: t('Brand Portal address'), placeholder: 'https://yourcompany.brand-portal.adobe.com' },
      validateTenantUrl,
      changed,
    );
    this.imsSelect.classList.add('bpsetup-cloud-ims', 'coral-Form-field');
    this.imsSelect.addEventListener('change', changed);
    this.save.type = 'submit';
    this.save.classList.add('bpsetup-cloud-save');
    this.element.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
    this.element.append(
      this.title.root,
      el(
        'div',
        { class: 'coral-Form-fieldwrapper bpsetup-field' },
        el('label', { id: 'bpsetup-cloud-ims-label', class: 'coral-Form-fieldlabel' }, t('Adobe IMS configuration')),
        this.imsSelect,
        this.imsNote,
      ),
      this.tenant.root,
      el(
        'div',
        { class: 'coral-Form-fieldwrapper bpsetup-field bpsetup-public-folders' },
        this.publicFolders,
        el(
          'p',
          { class: 'coral-Body--XS bpsetup-field-help' },
          t('Brand Portal users who are not administrators see the folders you publish only when this is on.'),
        ),
      ),
      this.tenantConfirm.element,
      this.replacementConfirm.element,
      el('div', { class: 'bpsetup-actions' }, this.save),
    );
  }

  /**
   * Save stays enabled while a field is wrong (Enter then explains it, nothing is sent); only
   * without a usable IMS configuration is there nothing to save.
   */
  private refreshSave(): void {
    for (const f of [this.title, this.tenant]) f.check();
    const chosen = this.imsSelect.selectedItem;
    this.save.disabled = !chosen || chosen.disabled || !chosen.value || this.busy;
  }

  /** Follows the page; `wanted` says whether the step shows the form now. */
  update(ctx: PageContext, wanted: boolean): void {
    this.ctx = ctx;
    this.renderImsOptions(ctx);
    this.element.hidden = !wanted;
    this.save.label.textContent = this.editing ? t('Save changes') : t('Save cloud service');
    this.refreshSave();
  }

  /** A tenant address typed elsewhere (Connect): taken when the field is still empty and nothing is being edited. */
  offerTenant(address: TenantAddress): void {
    if (!this.editing && !this.tenant.value().trim()) this.tenant.set(address.url);
  }

  /** Edit the existing configuration: its values in the form. */
  startEditing(config: CloudConfig): void {
    this.editing = config;
    this.title.set(config.title);
    this.tenant.set(config.tenantUrl);
    this.publicFolders.checked = config.publicFolderPublish;
    this.host.rerender();
  }

  private renderImsOptions(ctx: PageContext): void {
    const current = this.imsSelect.selectedItem?.value;
    const health = ctx.facts.health;
    const options: SelectOption[] = ctx.state.brandPortalConfigs.map((c) => {
      // Usable unless known to fail. Not checked since the page opened (a reload between steps):
      // Save runs Check Health first and saves only if it passes; where Check Health cannot run
      // here, the agents' Test Connection proves the token afterwards.
      const checked = health?.id === c.id;
      const usable = !checked || health.healthy;
      const why = checked
        ? health.healthy
          ? ''
          : t(' — unhealthy: fix it first')
        : ctx.facts.healthUnavailable === true
          ? t(" — token not checked: the agents' test will prove it")
          : t(' — not checked yet: Save checks its health first');
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
      : t('Finish step 4 first: create the Brand Portal IMS configuration, or correct the one Check Health found failing.');
    this.imsNote.className = `bpsetup-field-message${chosen ? '' : ' coral-Body--XS is-warning'}`;
  }

  private async submit(): Promise<void> {
    const ctx = this.ctx;
    const title = this.title.check(true);
    const tenant = this.tenant.check(true) as TenantVerdict;
    // Keyboard users land on the first field to correct.
    if (title.error) this.title.focus();
    else if (tenant.error) this.tenant.focus();
    const address = addressOf(tenant);
    if (!ctx || title.error || !address || this.save.disabled) return;
    // Checked once, here: the address goes on as a value.
    await this.saveChecked(address, this.imsSelect.value);
  }

  /** Step 4's Connect: this tenant with that IMS configuration, through the same checks as Save. */
  connect(address: TenantAddress, imsConfig: string): Promise<CloudSaveOutcome> {
    this.tenant.set(address.url);
    // Connect asked about an unusual address before its first write.
    this.tenantConfirm.confirm(address.url);
    if (this.title.check(true).error) {
      this.title.focus();
      return Promise.resolve({ saved: false });
    }
    return this.saveChecked(address, imsConfig);
  }

  /**
   * The one-tenant rule and the IMS configuration's health (Check Health first when this page has
   * not checked it), then the save; the fields are valid and the tenant normalised.
   */
  private async saveChecked(address: TenantAddress, imsConfig: string): Promise<CloudSaveOutcome> {
    const tenantUrl = address.url;
    const ctx = this.ctx;
    if (!ctx) return { saved: false };
    const action = this.editing ? t('Save changes') : t('Save cloud service');
    if (!this.tenantConfirm.allows(tenantUrl, action, () => void this.saveChecked(address, imsConfig))) return { saved: false };
    const existing = (ctx.facts.cloudConfigs ?? []).filter((c) => c !== this.editing);
    if (!this.editing && existing.length) {
      showResult(
        this.host.feedback,
        renderProblem({
          title: t('A Brand Portal configuration already exists'),
          explanation: t('Brand Portal allows one tenant per author.'),
          fix: t('Edit the existing configuration instead.'),
        }),
      );
      return { saved: false };
    }
    // Another tenant replaces the current one: asked before anything else happens (Check Health included).
    const replacement =
      this.editing &&
      planTenantReplacement(this.editing, tenantUrl, ctx.facts.agents ?? [], ctx.session.endpoints, ctx.facts.cloudConfigs ?? []);
    if (replacement && !this.replacementConfirm.allows(replacement, () => void this.saveChecked(address, imsConfig)))
      return { saved: false };
    if (ctx.facts.health?.id !== imsConfig && ctx.facts.healthUnavailable !== true) {
      showResult(this.host.feedback, el('p', { class: 'bpsetup-progress' }, t("Checking the IMS configuration's health first…")));
      await ctx.runHealth();
      const health = this.ctx?.facts.health;
      if (health?.id === imsConfig && !health.healthy) {
        showResult(
          this.host.feedback,
          renderProblem({
            title: t('Not saved: the IMS configuration gets no token'),
            explanation: health.message,
            fix: t('Correct the IMS configuration (step 5 says why), then save again.'),
          }),
        );
        return { saved: false };
      }
    }
    if (replacement)
      return this.replace(replacement, { title: this.title.value(), imsConfig, publicFolderPublish: this.publicFolders.checked });
    return this.saveAndWait(
      { item: this.editing?.path, title: this.title.value(), tenantUrl, imsConfig, publicFolderPublish: this.publicFolders.checked },
      address,
    );
  }

  /** The tenant replaced as one proven move (core/aem/tenant-replacement.ts), each stage shown as it runs. */
  private async replace(plan: TenantReplacement, save: Parameters<typeof replaceTenant>[2]): Promise<CloudSaveOutcome> {
    const ctx = this.ctx;
    if (!ctx || this.busy) return { saved: false };
    this.busy = true;
    this.refreshSave();
    const progress = el('p', { class: 'bpsetup-progress' }, t('Replacing the tenant…'));
    showResult(this.host.feedback, progress);
    try {
      const outcome = await replaceTenant(ctx.session, plan, save, (text) => (progress.textContent = text));
      if (outcome.status !== 'queued' || outcome.saved) this.editing = undefined;
      // The agents were read back by the replacement itself where it deleted any.
      await ctx.refresh(outcome.status === 'replaced' ? ['cloud'] : ['cloud', 'agents']);
      if (outcome.status === 'replaced') ctx.adopt({ agents: outcome.agents });
      showResult(this.host.feedback, renderReplacement(outcome, plan));
      if (outcome.status !== 'queued' || outcome.saved) await ctx.testAgents();
      return { saved: outcome.status !== 'queued' || outcome.saved, agents: outcome.status === 'replaced' ? AGENTS.count : undefined };
    } catch (e) {
      showResult(
        this.host.feedback,
        renderRequestProblem(explainWithGuards(e, ctx.session.endpoints), () => void this.replace(plan, save)),
      );
      return { saved: false };
    } finally {
      this.busy = false;
      this.host.rerender();
    }
  }

  /** Saves the existing configuration again (Adobe's remedy when agents are missing), at its stored address as read. */
  async resave(config: CloudConfig, address: TenantAddress): Promise<void> {
    await this.saveAndWait(
      {
        item: config.path,
        title: config.title,
        tenantUrl: config.tenantUrl,
        imsConfig: config.imsConfig,
        publicFolderPublish: config.publicFolderPublish,
      },
      address,
    );
  }

  private async saveAndWait(input: CloudConfigSave, address: TenantAddress): Promise<CloudSaveOutcome> {
    const ctx = this.ctx;
    if (!ctx || this.busy) return { saved: false };
    this.busy = true;
    this.refreshSave();
    const outcome: CloudSaveOutcome = { saved: false };
    const progress = el('p', { class: 'bpsetup-progress' }, t('Saving the Brand Portal cloud service…'));
    showResult(this.host.feedback, progress);
    try {
      // The keeper rule right before and after the save: another creator may delete the chosen one meanwhile.
      const linked = await saveCloudConfigLinked(ctx.session, input, { markedId: ctx.facts.markedImsConfig, listed: ctx.facts.imsConfigs });
      outcome.saved = true;
      this.editing = undefined;
      let agents: ReplicationAgent[] = [];
      const found = await waitForAgents(ctx.session, address.url, address.tenant, (n, listed) => {
        agents = listed;
        progress.textContent = t('Saved. Waiting for the replication agents: {0} of {1}…', String(n), String(AGENTS.count));
      });
      outcome.agents = found;
      // Agents AEM wrote from a configuration deleted since name the one the service names.
      const relinked = await relinkAgents(ctx.session, agents, linked.listed, linked.imsConfig);
      // The save changed the cloud configurations; the agents were just read by the wait (again after a relink).
      await ctx.refresh(relinked.length ? ['cloud', 'agents'] : ['cloud']);
      if (!relinked.length) ctx.adopt({ agents });
      this.host.feedback.textContent = '';
      const relink = relinkNotice(linked.relinkedFrom, relinked, linked.imsConfig);
      if (relink) this.host.feedback.appendChild(relink);
      if (found === AGENTS.count) {
        this.host.feedback.appendChild(
          renderNotice(
            'success',
            t('Brand Portal cloud service saved'),
            t('The four replication agents exist; their Test Connection results are below.'),
          ),
        );
        await ctx.testAgents();
      } else {
        this.host.feedback.appendChild(
          renderNotice(
            'warning',
            t('Saved, but the agents did not appear'),
            t('{0} of {1} agents after waiting. Use "Save the cloud service again" below.', String(found), String(AGENTS.count)),
          ),
        );
      }
    } catch (e) {
      showResult(
        this.host.feedback,
        renderRequestProblem(explainWithGuards(e, ctx.session.endpoints), () => void this.saveAndWait(input, address)),
      );
    } finally {
      this.busy = false;
      this.host.rerender();
    }
    return outcome;
  }
}
