/**
 * Step 4: the one Brand Portal IMS technical account configuration. A form with inline
 * validation (nothing is sent while a field is wrong), filled by hand or from the credential JSON
 * the Developer Console downloads; the one-configuration rule (use or edit the existing one,
 * never a second, remove extras); JWT → OAuth migration; save through AEM's IMS servlet.
 */
import { saveImsConfig } from '../aem/client';
import { IMS } from '../aem/endpoints';
import { CredentialsError, describeSecret, parseCredentials } from '../domain/credentials';
import { explainRequestError } from '../domain/explain-request';
import type { AuthType, ImsConfig, ImsConfigInput } from '../domain/types';
import { IMS_FIELD_RULES, type ImsFieldContext, type ImsFieldName } from '../domain/validate';
import { el } from '../ui/dom';
import { createField, type Field } from '../ui/field';
import { t } from '../ui/i18n';
import { button, renderNotice, renderProblem, renderRequestProblem } from '../ui/problem';
import { createSection } from '../ui/section';
import type { PageContext, Step } from './context';
import { renderDuplicates } from './ims-duplicates';

type FieldName = ImsFieldName;

export class ImsAccountStep implements Step {
  private readonly section = createSection('imsAccount', 4, t('IMS technical account'));
  readonly element = this.section.root;
  private readonly fields: Record<FieldName, Field>;
  private readonly form = el('form', { class: 'bpsetup-ims-form', novalidate: true, autocomplete: 'off' });
  private readonly existingBox = el('div', { class: 'bpsetup-ims-existing' });
  private readonly feedback = el('div', { class: 'bpsetup-ims-feedback', 'aria-live': 'polite' });
  private readonly credentialsNote = el('div', { class: 'bpsetup-credentials-note', 'aria-live': 'polite' });
  private readonly submit = button(t('Create configuration'), 'cta');
  private readonly cancelEdit = button(t('Cancel'), 'quiet');
  private readonly radios: Record<AuthType, HTMLInputElement>;
  private authType: AuthType = 'oauth';
  /** Set while editing or migrating an existing configuration. */
  private editing?: ImsConfig;
  private saving = false;
  private ctx?: PageContext;

  constructor() {
    const changed = () => this.refreshSubmit();
    const f = (name: FieldName, label: string, extra: Partial<Parameters<typeof createField>[0]> = {}) =>
      createField({ name, label, ...extra }, (v) => IMS_FIELD_RULES[name](v, this.fieldContext()), changed);
    this.fields = {
      title: f('title', t('Title'), { value: 'Brand Portal' }),
      authServerUrl: f('authServerUrl', t('Authorization server'), { value: IMS.defaultServer }),
      clientId: f('clientId', t('Client ID (API key)')),
      clientSecret: f('clientSecret', t('Client secret'), { type: 'password', autocomplete: 'new-password', help: t('Sent once to AEM, which stores it encrypted. This page never keeps or shows it.') }),
      orgId: f('orgId', t('Organization ID'), { placeholder: '…@AdobeOrg' }),
      technicalAccountId: f('technicalAccountId', t('Technical account ID'), { placeholder: '…@techacct.adobe.com' }),
      scopes: f('scopes', t('Scopes'), { placeholder: 'openid, AdobeID, …', help: t('As listed on the OAuth Server-to-Server credential, separated by commas.') }),
      keyAlias: f('keyAlias', t('Certificate (keystore alias)')),
      jwtPayload: f('jwtPayload', t('JWT payload'), { type: 'textarea' }),
    };
    // The payload is judged against the ids above it: re-check it when they change.
    for (const name of ['orgId', 'technicalAccountId', 'clientId'] as const) this.fields[name].input.addEventListener('input', () => this.fields.jwtPayload.check());

    const radio = (type: AuthType, label: string) => {
      const input = el('input', { type: 'radio', name: 'bpsetup-auth-type', value: type, id: `bpsetup-auth-${type}` });
      input.addEventListener('change', () => {
        if (input.checked) this.setAuthType(type, true);
      });
      return { input, label: el('label', { for: `bpsetup-auth-${type}`, class: 'bpsetup-radio' }, input, ` ${label}`) };
    };
    const oauth = radio('oauth', t('OAuth Server-to-Server (recommended)'));
    const jwt = radio('jwt', t('JWT (deprecated, for AEM without OAuth)'));
    this.radios = { oauth: oauth.input, jwt: jwt.input };
    const authFieldset = el('fieldset', { class: 'bpsetup-auth-type' }, el('legend', {}, t('Authentication type')), oauth.label, jwt.label, el('p', { class: 'bpsetup-auth-note' }));

    const paste = document.createElement('textarea');
    paste.className = 'bpsetup-credentials-input';
    paste.rows = 3;
    paste.placeholder = t('Paste the credential JSON here, or drop the downloaded file on this step');
    paste.setAttribute('aria-label', t('Credential JSON from the Adobe Developer Console'));
    paste.addEventListener('input', () => {
      if (paste.value.trim()) this.fillFromCredentials(paste.value);
      paste.value = ''; // the pasted text may hold a secret: not kept in the page
    });
    this.element.addEventListener('dragover', (e) => e.preventDefault());
    this.element.addEventListener('drop', (e) => {
      const file = e.dataTransfer?.files?.[0];
      if (!file) return;
      e.preventDefault();
      void file.text().then((text) => this.fillFromCredentials(text));
    });

    this.submit.classList.add('bpsetup-ims-submit');
    this.submit.type = 'submit';
    this.cancelEdit.classList.add('bpsetup-ims-cancel');
    this.cancelEdit.addEventListener('click', () => {
      this.editing = undefined;
      this.feedback.textContent = '';
      if (this.ctx) this.update(this.ctx);
    });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.save();
    });
    this.form.append(
      authFieldset,
      el('div', { class: 'bpsetup-credentials' }, paste, this.credentialsNote),
      ...(['title', 'authServerUrl', 'clientId', 'clientSecret', 'orgId', 'technicalAccountId', 'scopes', 'keyAlias', 'jwtPayload'] as FieldName[]).map((n) => this.fields[n].root),
      el('div', { class: 'bpsetup-actions' }, this.submit, this.cancelEdit),
    );
    this.section.body.append(this.existingBox, this.form, this.feedback);
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

  private refreshSubmit(): void {
    const invalid = this.visibleFields().some((f) => Boolean(f.check().error));
    this.submit.disabled = invalid || this.saving;
  }

  private fillFromCredentials(text: string): void {
    this.credentialsNote.textContent = '';
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
      this.credentialsNote.appendChild(renderProblem({ title: t('This is a private key'), explanation: t('A private key must never be pasted anywhere; it was not kept and nothing was sent.'), fix: t('Paste the credential JSON from the Developer Console here. Certificates belong to step 2.') }));
      return;
    }
    if (/-----BEGIN CERTIFICATE-----/.test(text)) {
      this.credentialsNote.appendChild(renderProblem({ title: t('This is a certificate, not a credential file'), explanation: t('Certificates are checked in step 2.'), fix: t('Paste it in step 2, or paste the credential JSON here.') }, { variant: 'warning' }));
      return;
    }
    try {
      const c = parseCredentials(text);
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
      this.credentialsNote.appendChild(renderNotice('info', t('Filled from the credential file'), [t('Filled: {0}.', filled.join(', ')), ...c.notes].join(' ')));
    } catch (e) {
      const message = e instanceof CredentialsError ? e.message : t('The file could not be read.');
      this.credentialsNote.appendChild(renderProblem({ title: t('This credential file cannot be used'), explanation: message, fix: t('Download the credential JSON again from the Adobe Developer Console.') }));
    }
    this.refreshSubmit();
  }

  update(ctx: PageContext): void {
    this.ctx = ctx;
    this.section.setState(ctx.state.steps.find((s) => s.id === 'imsAccount'));
    const oauthPossible = ctx.state.oauth !== 'unsupported';
    this.radios.oauth.disabled = !oauthPossible;
    const note = this.form.querySelector('.bpsetup-auth-note') as HTMLElement;
    note.textContent = oauthPossible
      ? ctx.state.oauth === 'withHotfix'
        ? t('OAuth needs the IMS compatibility hotfix on this service pack.')
        : ''
      : t('This AEM version cannot use OAuth Server-to-Server: JWT only (update to 6.5.21 to use OAuth).');
    if (!this.editing) this.setAuthType(oauthPossible ? ctx.state.authType : 'jwt');
    const aliases = ctx.facts.keystore?.aliases.map((a) => a.alias) ?? [];
    if (!this.fields.keyAlias.value() && aliases.length) this.fields.keyAlias.input.value = aliases[aliases.length - 1];

    const bp = ctx.state.brandPortalConfigs;
    this.existingBox.textContent = '';
    if (bp.length === 1) this.existingBox.appendChild(this.renderExisting(bp[0], ctx));
    if (bp.length > 1) this.existingBox.appendChild(renderDuplicates(bp, ctx, this.feedback));
    // One configuration rule: the form is for the first one, or for editing the one that exists.
    this.form.hidden = !(bp.length === 0 || this.editing);
    this.cancelEdit.hidden = !this.editing;
    this.submit.label.textContent = this.editing ? (this.editing.authType === 'jwt' && this.authType === 'oauth' ? t('Migrate to OAuth') : t('Save changes')) : t('Create configuration');
    this.refreshSubmit();
  }

  private renderExisting(config: ImsConfig, ctx: PageContext): HTMLElement {
    const type = config.authType === 'oauth' ? 'OAuth Server-to-Server' : t('JWT Credentials (deprecated)');
    const card = el(
      'div',
      { class: 'bpsetup-ims-card', 'data-config': config.id },
      el('p', {}, el('strong', {}, config.title), ` — ${type}`),
      el('p', { class: 'bpsetup-mono' }, t('Client ID: {0}', config.clientId)),
      el('p', {}, t('Brand Portal uses exactly one IMS configuration: this one. Edit it rather than creating another.')),
    );
    const edit = button(t('Edit'), 'secondary', 'Edit');
    edit.classList.add('bpsetup-ims-edit');
    edit.addEventListener('click', () => this.startEditing(config, config.authType));
    const check = button(t('Check health'), 'quiet', 'Heart');
    check.classList.add('bpsetup-ims-check');
    check.disabled = ctx.healthRunning;
    check.addEventListener('click', () => void ctx.runHealth());
    card.append(edit, check);
    if (config.authType === 'jwt' && ctx.state.oauth !== 'unsupported') {
      const migrate = button(t('Migrate to OAuth'), 'primary');
      migrate.classList.add('bpsetup-ims-migrate');
      migrate.addEventListener('click', () => this.startEditing(config, 'oauth'));
      card.appendChild(migrate);
      card.prepend(renderNotice('warning', t('JWT credentials are deprecated'), t('Adobe stopped JWT credentials on June 30, 2025; existing ones stop at certificate expiry or March 1, 2026 at the latest. Migrate this configuration to OAuth Server-to-Server with a new credential.')));
    }
    return card;
  }

  private startEditing(config: ImsConfig, type: AuthType): void {
    this.editing = config;
    this.feedback.textContent = '';
    this.fields.title.set(config.title);
    if (config.endpoint) this.fields.authServerUrl.set(config.endpoint);
    if (type === config.authType) this.fields.clientId.set(config.clientId);
    if (config.orgId) this.fields.orgId.set(config.orgId);
    if (config.keyAlias) this.fields.keyAlias.set(config.keyAlias);
    if (config.scopes?.length) this.fields.scopes.set(config.scopes.join(','));
    this.fields.clientSecret.input.value = ''; // never read back: the admin enters it again
    this.setAuthType(type, true);
    if (this.ctx) this.update(this.ctx);
    this.fields.clientSecret.input.focus();
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
      scopes: this.authType === 'oauth' ? v('scopes').split(/[,\s]+/).filter(Boolean) : undefined,
      jwtPayload: this.authType === 'jwt' ? v('jwtPayload') : undefined,
      keyAlias: this.authType === 'jwt' ? v('keyAlias').trim() : undefined,
      configurationId: this.editing?.id,
    };
  }

  private async save(): Promise<void> {
    const ctx = this.ctx;
    // Reveal every message; send nothing while any field is wrong.
    const invalid = this.visibleFields().filter((f) => f.check(true).error);
    if (invalid.length || !ctx || this.saving) {
      invalid[0]?.input.focus();
      this.refreshSubmit();
      return;
    }
    // One configuration rule, enforced here too: never a second one.
    if (!this.editing && ctx.state.brandPortalConfigs.length > 0) {
      this.feedback.textContent = '';
      this.feedback.appendChild(renderProblem({ title: t('A Brand Portal IMS configuration already exists'), explanation: t('Adobe requires exactly one.'), fix: t('Edit the existing configuration instead.') }));
      return;
    }
    this.saving = true;
    this.refreshSubmit();
    this.feedback.textContent = '';
    const wait = new (window.Coral as CoralStatic).Wait();
    wait.size = 'S';
    this.feedback.append(el('p', { class: 'bpsetup-progress' }, wait, ` ${t('Saving the configuration in AEM…')}`));
    const input = this.input();
    try {
      await saveImsConfig(input);
      this.fields.clientSecret.reset(); // the secret leaves the page with the request
      this.editing = undefined;
      this.feedback.textContent = '';
      this.feedback.appendChild(renderNotice('success', t('Configuration saved'), t('"{0}" is saved in AEM; its health check result is in step 5.', input.title.trim())));
      await ctx.refresh();
      await ctx.runHealth();
    } catch (e) {
      this.feedback.textContent = '';
      this.feedback.appendChild(renderRequestProblem(explainRequestError(e), () => void this.save()));
    } finally {
      this.saving = false;
      this.refreshSubmit();
    }
  }
}
