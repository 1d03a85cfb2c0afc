/**
 * Step 4's form, loaded on demand: only an author without the Brand Portal IMS configuration, or
 * an admin who edits or migrates it, needs it. A form with inline validation (nothing is sent
 * while a field is wrong), filled by hand or from the credential JSON the Developer Console
 * downloads; JWT only behind an explicit legacy choice; save through AEM's IMS servlet, never a
 * second configuration.
 */
import type { ParsedCredentials } from '../../../../core/domain/credentials';
import { describeSecret } from '../../../../core/domain/mask';
import type { AuthType, ImsConfig, ImsConfigInput } from '../../../../core/domain/types';
import type { ImsFieldContext } from '../../../../core/domain/validate';
import { type CoralToggle, checkbox, radio, button } from '../../ui/coral';
import { el } from '../../ui/dom';
import type { Field } from '../../ui/field';
import { t } from '../../../../core/i18n';
import { renderProblem, showResult } from '../../ui/problem';
import { registerValidators } from '../../ui/validation-registry';
import type { PageContext } from '../../app/port';
import { type FieldName, FIELD_ORDER, createImsFields } from './ims-fields';
import { type CredentialPaste, credentialPaste } from './credential-paste';
import { saveImsConfiguration } from './ims-save';
import { ImsConnect } from './ims-connect';
import { connectStages } from './ims-connect-stages';

/** What the form needs from its step: where files are dropped, where results go, a re-render. */
export interface ImsFormHost {
  readonly dropZone: HTMLElement;
  readonly feedback: HTMLElement;
  rerender(): void;
}

export class ImsAccountForm {
  /**
   * The authentication type with the legacy choice, then the form. The type sits outside the form,
   * so the legacy choice stays reachable while this AEM blocks the form.
   */
  readonly element: HTMLElement;
  /** Set while editing or migrating an existing configuration. */
  editing?: ImsConfig;
  private readonly fields: Record<FieldName, Field>;
  private readonly form = el('form', { class: 'bpsetup-ims-form', novalidate: true, autocomplete: 'off' });
  private readonly authNote = el('p', { class: 'bpsetup-auth-note' });
  private readonly submit = button(t('Create configuration'), 'cta');
  private readonly cancelEdit = button(t('Cancel'), 'quiet');
  private readonly radios: Record<AuthType, CoralToggle>;
  private readonly legacyToggle = checkbox(
    t(
      'Legacy: show the JWT option. Adobe switched JWT credentials off (no token after March 1, 2026); use it only for an old credential you know still works, for example on a test system.',
    ),
  );
  private readonly authFieldset: HTMLElement;
  private authType: AuthType = 'oauth';
  private saving = false;
  private ctx?: PageContext;
  /** A new OAuth setup's one-action route: this form's fields plus the tenant. */
  private readonly connect = new ImsConnect(
    connectStages({ context: () => this.ctx, formValid: () => this.connectable(), save: () => this.save() }),
  );
  private readonly paste: CredentialPaste;
  /**
   * The one-action route, where the page leads with it (an empty author): the credential and
   * Connect. Elsewhere the credential is pasted into this form itself.
   */
  readonly quickRoute = el('div', { class: 'bpsetup-quick-route' });
  /** Said in the form while its credential field is up in the quick route. */
  private readonly pasteAway = el(
    'p',
    { class: 'bpsetup-paste-away' },
    t('The credential pasted under "Connect to Brand Portal" fills these fields; you can also type them here.'),
  );

  constructor(private readonly host: ImsFormHost) {
    registerValidators();
    const changed = () => this.refreshSubmit();
    this.fields = createImsFields(() => this.fieldContext(), changed);
    // The payload is judged against the ids above it: re-check it when they change.
    for (const name of ['orgId', 'technicalAccountId', 'clientId'] as const)
      this.fields[name].input.addEventListener('input', () => this.fields.jwtPayload.check());

    const authRadio = (type: AuthType, label: string) => {
      const component = radio('bpsetup-auth-type', type, label);
      component.classList.add(`bpsetup-auth-${type}`);
      component.addEventListener('change', () => {
        if (component.checked) this.setAuthType(type, true);
      });
      return component;
    };
    this.radios = { oauth: authRadio('oauth', t('OAuth Server-to-Server')), jwt: authRadio('jwt', t('JWT (legacy: stopped by Adobe)')) };
    // JWT only behind an explicit legacy choice: Adobe's IMS no longer issues tokens for it.
    this.legacyToggle.classList.add('bpsetup-legacy-jwt-toggle');
    this.legacyToggle.addEventListener('change', () => {
      if (!this.legacyToggle.checked && this.authType === 'jwt') this.setAuthType('oauth', true);
      host.rerender();
    });
    this.authFieldset = el(
      'fieldset',
      { class: 'coral-Form-fieldset bpsetup-auth-type' },
      el('legend', { class: 'coral-Form-fieldset-legend' }, t('Authentication type')),
      el('div', { class: 'bpsetup-radios' }, this.radios.oauth, this.radios.jwt),
      el('div', { class: 'bpsetup-legacy-jwt' }, this.legacyToggle),
      this.authNote,
    );

    this.paste = credentialPaste(
      host.dropZone,
      () => !this.form.hidden,
      (c) => this.fillFromCredentials(c),
    );

    this.submit.classList.add('bpsetup-ims-submit');
    this.submit.type = 'submit';
    this.cancelEdit.classList.add('bpsetup-ims-cancel');
    this.cancelEdit.addEventListener('click', () => {
      this.editing = undefined;
      host.feedback.textContent = '';
      host.rerender();
    });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.save();
    });
    this.form.append(
      this.paste.element,
      this.pasteAway,
      ...FIELD_ORDER.map((n) => this.fields[n].root),
      el('div', { class: 'bpsetup-actions' }, this.submit, this.cancelEdit),
    );
    this.element = el('div', { class: 'bpsetup-ims-form-holder' }, this.authFieldset, this.form, this.connect.element);
  }

  /** True while the page leads with Connect (a first OAuth setup), and once it ran: then quickRoute goes up front. */
  get connectOffered(): boolean {
    return !this.connect.element.hidden;
  }

  /** The admin ticked the legacy JWT choice. */
  get legacyChosen(): boolean {
    return this.legacyToggle.checked;
  }

  private fieldContext(): ImsFieldContext {
    return {
      orgId: this.fields?.orgId.value(),
      technicalAccountId: this.fields?.technicalAccountId.value(),
      clientId: this.fields?.clientId.value(),
      knownAliases: this.ctx?.facts.keystore?.aliases.map((a) => a.alias),
      authType: this.authType,
    };
  }

  private setAuthType(type: AuthType, chosenByAdmin = false): void {
    this.authType = type;
    this.radios[type].checked = true;
    const oauth = type === 'oauth';
    this.fields.scopes.setHidden(!oauth);
    this.fields.jwtPayload.setHidden(oauth);
    this.fields.keyAlias.setHidden(oauth);
    if (chosenByAdmin) this.ctx?.chooseAuthType(type);
    this.refreshSubmit();
  }

  private visibleFields(): Field[] {
    return Object.values(this.fields).filter((f) => !f.hidden);
  }

  /**
   * Create stays enabled while a field is wrong, as in AEM's own forms: Enter or a click then shows
   * every message and focuses the first field to correct, and nothing is sent (save()). A disabled
   * submit button would make Enter do nothing at all.
   */
  private refreshSubmit(): void {
    for (const f of this.visibleFields()) f.check();
    this.submit.disabled = this.saving;
  }

  /** Sets the fields the credential file holds; answers their labels. */
  private fillFromCredentials(c: ParsedCredentials): string[] {
    const filled: string[] = [];
    const set = (name: FieldName, value: string | undefined, label: string) => {
      if (!value) return;
      this.fields[name].set(value);
      filled.push(label);
    };
    if (c.authType && !this.radios[c.authType].disabled) this.setAuthType(c.authType, true);
    set('clientId', c.clientId, t('client ID'));
    set('orgId', c.orgId, t('organization ID'));
    set('technicalAccountId', c.technicalAccountId, t('technical account ID'));
    set('scopes', c.scopes?.join(','), t('scopes'));
    set('clientSecret', c.clientSecret, t('client secret {0}', c.clientSecret ? describeSecret(c.clientSecret) : ''));
    this.refreshSubmit();
    return filled;
  }

  /**
   * Follows the page: `wanted` says whether the step wants the form now (no configuration yet, or
   * one being edited), `blocked` whether this AEM can make no working configuration unless the
   * admin takes the legacy choice, which then stays reachable.
   */
  update(ctx: PageContext, wanted: boolean, blocked: boolean): void {
    this.ctx = ctx;
    const oauthPossible = ctx.state.oauthPossible;
    // On 6.5 LTS a JWT configuration can only be migrated: no legacy choice to create one.
    if (ctx.state.lts && this.legacyToggle.checked && !this.editing) this.legacyToggle.checked = false;
    this.legacyToggle.hidden = ctx.state.lts;
    const legacy = this.legacyToggle.checked;
    this.radios.oauth.disabled = !oauthPossible;
    this.radios.jwt.hidden = !legacy;
    this.radios.jwt.disabled = !legacy;
    this.authNote.textContent = legacy
      ? t(
          "JWT: Adobe's IMS refuses JWT credentials since March 1, 2026 at the latest. A configuration made now will most likely fail its health check.",
        )
      : '';
    // The page's state follows the form's type (the certificate step depends on it).
    if (!this.editing) this.setAuthType(legacy && (!oauthPossible || ctx.state.authType === 'jwt') ? 'jwt' : 'oauth', true);
    const aliases = ctx.facts.keystore?.aliases.map((a) => a.alias) ?? [];
    if (!this.fields.keyAlias.value() && aliases.length) this.fields.keyAlias.input.value = aliases[aliases.length - 1];
    this.authFieldset.hidden = !wanted;
    this.form.hidden = blocked || !wanted;
    this.cancelEdit.hidden = !this.editing;
    this.submit.label.textContent = this.editing
      ? this.editing.authType === 'jwt' && this.authType === 'oauth'
        ? t('Migrate to OAuth')
        : t('Save changes')
      : t('Create configuration');
    // Connect is for a first OAuth setup on an author known to have no cloud service yet; once
    // engaged, its stages stay in view. Then it leads, and Create is the step-by-step alternative.
    const fresh = wanted && !blocked && !this.editing && this.authType === 'oauth' && ctx.facts.cloudConfigs?.length === 0;
    this.connect.element.hidden = !(fresh || this.connect.engaged);
    if (this.connectOffered) this.quickRoute.append(this.paste.element, this.connect.element);
    else this.form.prepend(this.paste.element);
    this.pasteAway.hidden = !this.connectOffered;
    // Once Connect has made the configuration, the credential has served.
    this.paste.element.hidden = this.connectOffered && !wanted;
    this.submit.variant = this.connectOffered ? 'secondary' : 'cta';
    this.refreshSubmit();
  }

  /**
   * Connect may go: a credential was given (else the credential field says so) and every field
   * is right (else step 4 opens on the first field to correct).
   */
  private connectable(): boolean {
    if (this.authType === 'oauth' && (['clientId', 'clientSecret', 'orgId'] as const).every((n) => !this.fields[n].value().trim())) {
      this.paste.askForCredential();
      return false;
    }
    return this.revealErrors();
  }

  /** Edit (same type) or migrate (JWT to OAuth) an existing configuration. */
  startEditing(config: ImsConfig, type: AuthType): void {
    this.editing = config;
    this.host.feedback.textContent = '';
    this.fields.title.set(config.title);
    if (config.endpoint) this.fields.authServerUrl.set(config.endpoint);
    if (type === config.authType) this.fields.clientId.set(config.clientId);
    if (config.orgId) this.fields.orgId.set(config.orgId);
    if (config.keyAlias) this.fields.keyAlias.set(config.keyAlias);
    if (config.scopes?.length) this.fields.scopes.set(config.scopes.join(','));
    this.fields.clientSecret.input.value = ''; // never read back: the admin enters it again
    this.setAuthType(type, true);
    this.host.rerender();
    this.fields.clientSecret.focus();
  }

  private input(): ImsConfigInput {
    const v = (n: FieldName) => this.fields[n].value();
    return {
      authType: this.authType,
      title: v('title'),
      authServerUrl: v('authServerUrl'),
      clientId: v('clientId'),
      clientSecret: v('clientSecret'),
      orgId: v('orgId'),
      technicalAccountId: v('technicalAccountId'),
      scopes:
        this.authType === 'oauth'
          ? v('scopes')
              .split(/[,\s]+/)
              .filter(Boolean)
          : undefined,
      jwtPayload: this.authType === 'jwt' ? v('jwtPayload') : undefined,
      keyAlias: this.authType === 'jwt' ? v('keyAlias').trim() : undefined,
      configurationId: this.editing?.id,
    };
  }

  /** Shows every field's message and focuses the first field to correct; true when none is wrong. */
  private revealErrors(): boolean {
    const invalid = this.visibleFields().filter((f) => f.check(true).error);
    if (invalid.length) this.ctx?.openStep('imsAccount');
    invalid[0]?.focus();
    return invalid.length === 0;
  }

  /** True when the configuration was saved (then read back and its health checked). */
  private async save(): Promise<boolean> {
    const ctx = this.ctx;
    const feedback = this.host.feedback;
    // Send nothing while any field is wrong.
    if (!this.revealErrors() || !ctx || this.saving) {
      this.refreshSubmit();
      return false;
    }
    // One configuration rule, enforced here too: never a second one.
    if (!this.editing && ctx.state.brandPortalConfigs.length > 0) {
      showResult(
        feedback,
        renderProblem({
          title: t('A Brand Portal IMS configuration already exists'),
          explanation: t('Adobe requires exactly one.'),
          fix: t('Edit the existing configuration instead.'),
        }),
      );
      return false;
    }
    this.saving = true;
    this.refreshSubmit();
    try {
      return await saveImsConfiguration(ctx, this.input(), Boolean(this.editing), feedback, {
        sent: () => {
          this.fields.clientSecret.reset(); // the secret leaves the page with the request
          this.editing = undefined;
        },
        retry: () => void this.save(),
      });
    } finally {
      this.saving = false;
      this.refreshSubmit();
    }
  }
}
