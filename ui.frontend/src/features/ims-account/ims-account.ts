/**
 * Step 4: the one Brand Portal IMS technical account configuration. Shows the configuration Brand
 * Portal uses (edit; a JWT one only migrates), several of them (remove extras), and every other IMS
 * configuration (mark the Brand Portal one). The form (`ims-account-form`) is fetched when the step
 * needs it: no configuration yet, or an edit or migration.
 */
import { explainRequestError } from '../../../../core/domain/explain-request';
import type { AuthType, ImsConfig } from '../../../../core/domain/types';
import { el } from '../../ui/dom';
import { t } from '../../../../core/i18n';
import { onDemand, partComponent } from '../../ui/on-demand';
import { loadPart } from '../../app/parts';
import { renderProblem, renderRequestProblem, showResult } from '../../ui/problem';
import { button } from '../../ui/coral';
import type { Section } from '../../ui/section';
import type { PageContext, Step } from '../../app/port';

const loadForm = onDemand(() => loadPart('ims-account-form'));
const loadDuplicates = onDemand(() => loadPart('ims-duplicates'));

export class ImsAccountStep implements Step {
  readonly element: HTMLElement;
  private readonly existingBox = el('div', { class: 'bpsetup-ims-existing' });
  private readonly feedback = el('div', { class: 'bpsetup-ims-feedback', 'aria-live': 'polite' });
  private readonly blocked = el('div', { class: 'bpsetup-ims-blocked' });
  private readonly othersBox = el('div', { class: 'bpsetup-ims-others' });
  private readonly formBox = el('div', { class: 'bpsetup-ims-form-box' });
  private readonly form = partComponent(
    loadForm,
    this.formBox,
    ({ ImsAccountForm }) =>
      new ImsAccountForm({
        dropZone: this.element.ownerDocument.body,
        feedback: this.feedback,
        rerender: () => this.ctx && this.update(this.ctx),
      }),
    () => this.ctx && this.update(this.ctx),
  );
  private ctx?: PageContext;

  constructor(private readonly section: Section) {
    this.element = section.root;
    this.section.body.append(this.existingBox, this.othersBox, this.blocked, this.formBox, this.feedback);
  }

  update(ctx: PageContext): void {
    this.ctx = ctx;
    const oauthPossible = ctx.state.oauthPossible;
    const legacy = this.form.current?.legacyChosen ?? false;
    const bp = ctx.state.brandPortalConfigs;
    this.existingBox.textContent = '';
    if (bp.length === 1) this.existingBox.appendChild(this.renderExisting(bp[0], ctx));
    if (bp.length > 1) {
      const box = this.existingBox.appendChild(el('div'));
      loadDuplicates(box, () => void ctx.refresh(['imsConfigs'])).then(
        ({ renderDuplicates }) => box.appendChild(renderDuplicates(bp, ctx, this.feedback)),
        () => undefined,
      );
    }
    this.renderOthers(ctx);
    // Without OAuth (and no legacy choice) there is nothing this form could make that works.
    const blocked = !oauthPossible && !legacy;
    this.blocked.textContent = '';
    if (blocked)
      this.blocked.appendChild(
        renderProblem({
          title: t('OAuth Server-to-Server is not available on this AEM'),
          explanation: t('JWT no longer gets tokens from Adobe, so a new configuration cannot work here.'),
          fix: t('Step 1 names the two ways out: the IMS compatibility hotfix, or the update to 6.5.21.'),
        }),
      );
    // One configuration rule: the form is for the first one, or for editing the one that exists.
    const wanted = bp.length === 0 || Boolean(this.form.current?.editing);
    const form = this.form.current;
    if (form) form.update(ctx, wanted, blocked);
    else if (wanted) this.form.want();
    // An empty author's page leads with Connect: the form lends it its credential field.
    if (form?.connectOffered) {
      if (form.quickRoute.parentElement !== ctx.connectSlot) ctx.connectSlot.appendChild(form.quickRoute);
    } else form?.quickRoute.remove();
  }

  private renderExisting(config: ImsConfig, ctx: PageContext): HTMLElement {
    const type = config.authType === 'oauth' ? 'OAuth Server-to-Server' : t('JWT Credentials (deprecated)');
    const card = el(
      'div',
      { class: 'bpsetup-ims-card', 'data-config': config.id, tabindex: '-1' },
      el('p', {}, el('strong', {}, config.title), ` — ${type}`),
      el('p', { class: 'bpsetup-mono' }, t('Client ID: {0}', config.clientId)),
      el('p', {}, t('Brand Portal uses exactly one IMS configuration: this one. Edit it rather than creating another.')),
    );
    if (config.authType === 'jwt') {
      // Stopped by Adobe: its one action is the migration, where this AEM can do OAuth.
      card.prepend(
        renderProblem({
          title: t('Stopped by Adobe: JWT credentials no longer get tokens'),
          explanation: t(
            'Service Account (JWT) credentials reached end of life on June 30, 2025; none works after its certificate expires or March 1, 2026, whichever came first.',
          ),
          fix: ctx.state.oauthAvailable
            ? t('Migrate this configuration to OAuth Server-to-Server with a new credential from the Developer Console.')
            : t('This AEM cannot do OAuth yet: see step 1 for the hotfix or the update, then migrate.'),
        }),
      );
      // One "Migrate to OAuth" in view: this one opens the form, whose own button then migrates.
      if (ctx.state.oauthAvailable && !this.form.current?.editing) {
        const migrate = button(t('Migrate to OAuth'), 'primary');
        migrate.classList.add('bpsetup-ims-migrate');
        migrate.addEventListener('click', () => void this.startEditing(config, 'oauth'));
        card.appendChild(migrate);
      }
      return card;
    }
    // Step 5 checks its health: one button for one action.
    const edit = button(t('Edit the IMS configuration'), 'secondary', 'Edit');
    edit.classList.add('bpsetup-ims-edit');
    edit.hidden = Boolean(this.form.current?.editing);
    edit.addEventListener('click', () => void this.startEditing(config, config.authType));
    card.append(edit);
    return card;
  }

  /** Every other IMS configuration on the author stays visible; the admin can mark the Brand Portal one. */
  private renderOthers(ctx: PageContext): void {
    this.othersBox.textContent = '';
    const others = ctx.facts.imsConfigs.filter((c) => !ctx.state.brandPortalConfigs.includes(c));
    if (!others.length) return;
    const canMark = ctx.state.brandPortalChoice !== 'referenced';
    const list = el('ul', { class: 'bpsetup-ims-other-list' });
    for (const c of others) {
      const item = el(
        'li',
        { 'data-config': c.id },
        el('strong', {}, c.title),
        ` — ${c.authType === 'oauth' ? 'OAuth Server-to-Server' : t('JWT (stopped by Adobe)')}, ${t('client ID {0}', c.clientId)} `,
      );
      if (canMark) {
        const mark = button(t('Use for Brand Portal'), 'quiet');
        mark.classList.add('bpsetup-ims-mark');
        mark.addEventListener('click', () => {
          mark.disabled = true;
          // Marked, the configuration shows as the card above: the keyboard lands there.
          ctx.markImsConfig(c.pid).then(
            () => this.existingBox.querySelector<HTMLElement>('.bpsetup-ims-card')?.focus(),
            (e: unknown) => {
              showResult(
                this.feedback,
                renderRequestProblem(explainRequestError(e, ctx.session.endpoints), () => mark.click()),
              );
              mark.disabled = false;
            },
          );
        });
        item.appendChild(mark);
      }
      list.appendChild(item);
    }
    this.othersBox.append(
      el('h3', { class: 'coral-Heading coral-Heading--5' }, t('Other IMS configurations on this author')),
      el(
        'p',
        {},
        canMark
          ? t('If one of these is the Brand Portal configuration, mark it rather than creating another: Adobe allows one per author.')
          : t('The Brand Portal cloud service points at the configuration above; these serve other Adobe solutions.'),
      ),
      list,
    );
  }

  private async startEditing(config: ImsConfig, type: AuthType): Promise<void> {
    this.section.open();
    (await this.form.open())?.startEditing(config, type);
  }
}
