/**
 * Step 6: the Brand Portal cloud service. One tenant per author: an existing configuration
 * (current or legacy) is shown and edited, never duplicated; its agents are the agents panel's
 * (features/agents), which asks this step for Adobe's remedy when some are missing. The form
 * (`brand-portal-form`) is fetched when the step needs it: no configuration yet, an edit, or that
 * remedy.
 */
import { identifiedBy } from '../../../../core/domain/ims-detection';
import { type TenantAddress, currentTenant } from '../../../../core/domain/tenant';
import type { CloudConfig } from '../../../../core/domain/types';
import { disclosure, button } from '../../ui/coral';
import { el } from '../../ui/dom';
import { t } from '../../../../core/i18n';
import { onDemand, partComponent } from '../../ui/on-demand';
import { loadPart } from '../../app/parts';
import { renderProblem, renderRequestProblem } from '../../ui/problem';
import type { Section } from '../../ui/section';
import type { CloudSaveOutcome, PageContext, Step } from '../../app/port';

const loadForm = onDemand(() => loadPart('brand-portal-form'));
const loadReset = onDemand(() => loadPart('reset'));

export class BrandPortalStep implements Step {
  readonly element: HTMLElement;
  private readonly formBox = el('div', { class: 'bpsetup-cloud-form-box' });
  private readonly form = partComponent(
    loadForm,
    this.formBox,
    ({ BrandPortalForm }) => new BrandPortalForm({ feedback: this.feedback, rerender: () => this.ctx && this.update(this.ctx) }),
    () => this.ctx && this.update(this.ctx),
  );
  private readonly existing = el('div', { class: 'bpsetup-cloud-existing' });
  private readonly feedback = el('div', { class: 'bpsetup-cloud-feedback', 'aria-live': 'polite' });
  private readonly resets = new Map<string, { key: string; element: HTMLElement }>();
  private ctx?: PageContext;

  constructor(private readonly section: Section) {
    this.element = section.root;
    section.onToggle(() => this.ctx && this.update(this.ctx));
    this.section.body.append(this.existing, this.formBox, this.feedback);
  }

  update(ctx: PageContext): void {
    this.ctx = ctx;
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
    // While the page leads with Connect, its address field is the one on the page: this form is
    // built once the step is opened, or when Connect hands it the tenant.
    else if (wanted && (this.section.isOpen || !ctx.connectOffered())) this.form.want();
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
      const edit = button(t('Edit the cloud service'), 'secondary', 'Edit');
      edit.classList.add('bpsetup-cloud-edit');
      edit.addEventListener('click', () => {
        this.section.open();
        void this.form.open().then((form) => form?.startEditing(config));
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

  /** Adobe's remedy for missing agents: the cloud service saved again as it is (the form, fetched if needed). */
  async resave(ctx: PageContext): Promise<void> {
    const current = currentTenant(ctx.facts.cloudConfigs ?? []);
    if (!current) return;
    this.section.open();
    await this.form.open().then((form) => form?.resave(current.config, current));
  }

  /** Step 4's Connect: step 6's form saves the cloud service for this tenant (fetched if needed). */
  async connect(address: TenantAddress, imsConfig: string): Promise<CloudSaveOutcome> {
    const form = await this.form.open();
    return form ? form.connect(address, imsConfig) : { saved: false };
  }
}
