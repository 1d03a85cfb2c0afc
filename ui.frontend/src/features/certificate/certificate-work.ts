/**
 * Step 2's work, a part fetched when it is needed: checking a pasted certificate (node-forge), and
 * on the legacy JWT route the keystore of the Brand Portal IMS service user: its certificates with
 * their expiry, a new certificate made in the browser (RSA-2048 generated asynchronously, key
 * uploaded once and forgotten), AEM-Adobe-IMS.crt offered for download from memory.
 */
import { addKeyPair, createKeystore, publicCertificate } from '../../../../core/aem/client';
import type { AemSession } from '../../../../core/aem/session';
import { KEYSTORE } from '../../../../core/contract/aem-names';
import { expiryOf } from '../../../../core/domain/expiry';
import { explainWithGuards } from '../../../../core/domain/explain-guard';
import { validateKeyAlias, validateNewKeystorePassword, type Verdict } from '../../../../core/domain/validate';
import { statusLight, table, tableCell, tableRow, button } from '../../ui/coral';
import { el } from '../../ui/dom';
import { createField, type Field } from '../../ui/field';
import { t } from '../../../../core/i18n';
import { renderNotice, renderProblem, renderRequestProblem, showResult } from '../../ui/problem';
import { createCertificate, inspectPem } from './certificate-tools';
import type { PageContext } from '../../app/port';

export { inspectPem };

type Inspection = ReturnType<typeof inspectPem>;

export function describeInspection(result: Inspection): HTMLElement {
  switch (result.kind) {
    case 'empty':
      return el('span');
    case 'privateKey':
      return renderProblem({
        title: t('This is a private key, not a certificate'),
        explanation: t('A private key must stay inside AEM and is never uploaded anywhere, not even here. It was not kept.'),
        fix: t('Paste the public certificate (-----BEGIN CERTIFICATE-----), the AEM-Adobe-IMS.crt file.'),
      });
    case 'truncated':
      return renderProblem({
        title: t('The certificate is incomplete'),
        explanation: t('The PEM text stops before its end line.'),
        fix: t('Copy the whole file, including -----END CERTIFICATE-----.'),
      });
    case 'malformed':
      return renderProblem({
        title: t('This is not a readable certificate'),
        explanation: t('Reason: {0}.', result.reason),
        fix: t('Use the AEM-Adobe-IMS.crt file as downloaded, unchanged.'),
      });
    case 'certificate': {
      const details = el(
        'dl',
        { class: 'bpsetup-cert-details' },
        el('dt', {}, t('Subject')),
        el('dd', {}, result.subject),
        el('dt', {}, t('Valid from')),
        el('dd', {}, result.notBefore.toISOString()),
        el('dt', {}, t('Valid until')),
        el('dd', { 'data-cert': 'notAfter' }, result.notAfter.toISOString()),
        el('dt', {}, t('SHA-1 (as the Developer Console lists it)')),
        el('dd', { class: 'bpsetup-mono', 'data-cert': 'sha1' }, result.sha1),
        el('dt', {}, t('SHA-256')),
        el('dd', { class: 'bpsetup-mono', 'data-cert': 'sha256' }, result.sha256),
      );
      const wrap = el('div', { class: 'bpsetup-cert' }, details);
      if (result.expired)
        wrap.prepend(
          renderProblem({
            title: t('This certificate has expired'),
            explanation: t('It expired on {0}; Adobe IMS rejects tokens signed for it.', result.notAfter.toISOString()),
            fix: t('Create a new certificate below and upload it to the Developer Console credential.'),
          }),
        );
      else if (result.expiresSoon)
        wrap.prepend(
          renderNotice(
            'warning',
            t('This certificate expires in {0} days', String(result.daysLeft)),
            t('Create a new one and upload it to the Developer Console before it expires.'),
          ),
        );
      return wrap;
    }
  }
}

/** `brandportal`, else `brandportal-2`, `-3`…: the first alias not in the keystore. */
export function freeAlias(taken: string[]): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? 'brandportal' : `brandportal-${n}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

export class KeystoreWork {
  private readonly aliasesBox = el('div', { class: 'bpsetup-aliases' });
  private readonly createBox = el('div', { class: 'bpsetup-cert-create' });
  private readonly alias: Field;
  private readonly password: Field;
  private readonly repeat: Field;
  private readonly createButton = button(t('Create certificate'), 'primary', 'Add');
  readonly element: HTMLElement;
  private ctx?: PageContext;
  /** The public certificate just made, kept in memory for download. Never the private key. */
  private createdPem?: string;
  /** The alias the page proposed (replaced by a free one when it gets taken). */
  private suggestedAlias = 'brandportal';

  /** Where progress and outcomes are written: the step's status line. */
  constructor(private readonly status: HTMLElement) {
    const rerun = () => this.validate();
    this.alias = createField(
      { name: 'newAlias', label: t('Alias for the new certificate'), value: 'brandportal' },
      (v) => this.checkAlias(v),
      rerun,
    );
    this.password = createField(
      { name: 'keystorePassword', label: t('Keystore password'), type: 'password', autocomplete: 'new-password' },
      (v) => this.checkPassword(v),
      rerun,
    );
    this.repeat = createField(
      { name: 'keystorePasswordRepeat', label: t('Repeat the new keystore password'), type: 'password', autocomplete: 'new-password' },
      () => this.checkPassword(this.password.value()),
      rerun,
    );
    this.createButton.classList.add('bpsetup-create-certificate');
    this.createButton.addEventListener('click', () => void this.create());
    this.createBox.append(
      el('h3', { class: 'coral-Heading coral-Heading--5' }, t('New certificate')),
      el(
        'p',
        {},
        t(
          'Made in this browser: an RSA-2048 key pair and a self-signed certificate valid one year. The private key goes into the keystore of {0} once and is then forgotten.',
          KEYSTORE.serviceUser,
        ),
      ),
      this.alias.root,
      this.password.root,
      this.repeat.root,
      this.createButton,
    );
    this.element = el('div', { class: 'bpsetup-keystore-work' }, this.aliasesBox, this.createBox);
  }

  private checkAlias(value: string): Verdict {
    const v = validateKeyAlias(value);
    if (v.error) return v;
    const exists = this.ctx?.facts.keystore?.aliases.some((a) => a.alias === value.trim());
    return exists ? { error: t('The alias "{0}" is already in the keystore: choose another name.', value.trim()) } : {};
  }

  private checkPassword(value: string): Verdict {
    return validateNewKeystorePassword(value, this.repeat.value());
  }

  private validate(): boolean {
    const fields = [this.alias, this.password, this.repeat].filter((f) => !f.hidden);
    const ok = fields.every((f) => !f.check().error);
    this.createButton.disabled = !ok;
    return ok;
  }

  /** Follows the page while the legacy JWT route is chosen. */
  update(ctx: PageContext): void {
    this.ctx = ctx;
    this.createBox.hidden = Boolean(ctx.problems.keystore);
    const taken = ctx.facts.keystore?.aliases.map((a) => a.alias) ?? [];
    if (this.alias.value() === this.suggestedAlias && taken.includes(this.suggestedAlias)) {
      this.suggestedAlias = freeAlias(taken);
      this.alias.input.value = this.suggestedAlias;
    }
    const exists = Boolean(ctx.facts.keystore?.exists);
    // AEM opens an existing keystore itself; a password is asked only to create one [contract: Users and the keystore].
    this.password.setHidden(exists);
    this.repeat.setHidden(exists);
    (this.password.root.querySelector('label') as HTMLElement).textContent = t('New keystore password (the keystore does not exist yet)');
    this.renderAliases(ctx);
    this.validate();
  }

  private renderAliases(ctx: PageContext): void {
    this.aliasesBox.textContent = '';
    const aliases = ctx.facts.keystore?.aliases ?? [];
    if (!aliases.length) return;
    const rows = aliases.map((a) => {
      const cert = a.chain[0];
      const expiry = cert ? expiryOf(cert.notAfter) : undefined;
      const note = expiry?.expired ? t('expired') : expiry?.expiresSoon ? t('expires in {0} days', String(expiry.daysLeft)) : '';
      const validUntil = `${cert?.notAfter ?? ''}${note ? ` (${note})` : ''}`;
      return tableRow(
        [
          tableCell(a.alias),
          tableCell(cert?.subject ?? ''),
          tableCell(note ? statusLight(expiry?.expired ? 'error' : 'warning', validUntil) : validUntil),
          tableCell(this.downloadAliasButton(ctx.session, a.alias)),
        ],
        { 'data-alias': a.alias },
      );
    });
    const aliasTable = table(t('Certificates in the keystore'), [t('Alias'), t('Subject'), t('Valid until'), t('Download')], rows);
    this.aliasesBox.append(
      el('h3', { class: 'coral-Heading coral-Heading--5' }, t('Certificates in the keystore of {0}', KEYSTORE.serviceUser)),
      aliasTable,
    );
  }

  private async create(): Promise<void> {
    const ctx = this.ctx;
    if (!ctx || ![this.alias, this.password, this.repeat].filter((f) => !f.hidden).every((f) => !f.check(true).error)) return;
    const alias = this.alias.value().trim();
    const password = this.password.value();
    this.createButton.disabled = true;
    showResult(this.status, el('p', { class: 'bpsetup-progress' }, t('Generating the key pair…')));
    try {
      const generated = await createCertificate({ commonName: 'Adobe Brand Portal' });
      this.status.firstChild!.textContent = t('Saving it in the keystore…');
      if (!ctx.facts.keystore?.exists) await createKeystore(ctx.session, password);
      await addKeyPair(ctx.session, alias, generated.privateKeyPem, generated.certificatePem);
      this.createdPem = generated.certificatePem;
      this.password.reset();
      this.repeat.reset();
      this.suggestedAlias = freeAlias([...(ctx.facts.keystore?.aliases.map((a) => a.alias) ?? []), alias]);
      this.alias.reset(this.suggestedAlias);
      await ctx.refresh(['keystore']);
      this.status.textContent = '';
      this.status.append(
        renderNotice(
          'success',
          t('Certificate "{0}" created', alias),
          t('Download the public certificate and upload it to the credential in the Adobe Developer Console.'),
        ),
        this.downloadButton(),
        describeInspection(inspectPem(generated.certificatePem)),
      );
    } catch (e) {
      // The keystore may exist now even though the key upload failed: read it again, so that the
      // retry uses the keystore as it is (its password, no second creation).
      await ctx.refresh(['keystore']).catch(() => undefined);
      showResult(
        this.status,
        renderRequestProblem(explainWithGuards(e, ctx.session.endpoints), () => void this.create()),
      );
    } finally {
      this.validate();
    }
  }

  /** Fetches the alias's certificate through AEM; where this AEM lacks the address, says where to get it. */
  private downloadAliasButton(session: AemSession, alias: string): HTMLElement {
    const b = button(t('Download {0}', KEYSTORE.publicKeyFileName), 'quiet');
    b.classList.add('bpsetup-download-alias');
    b.addEventListener('click', () => {
      void publicCertificate(session, alias)
        .then((pem) => {
          const link = el('a', {
            href: URL.createObjectURL(new Blob([pem], { type: 'application/x-x509-ca-cert' })),
            download: KEYSTORE.publicKeyFileName,
          });
          document.body.appendChild(link);
          link.click();
          link.remove();
        })
        .catch((e: unknown) => {
          showResult(this.status, renderRequestProblem(explainWithGuards(e, session.endpoints)));
        });
    });
    return b;
  }

  private downloadButton(): HTMLElement {
    const url = URL.createObjectURL(new Blob([this.createdPem ?? ''], { type: 'application/x-x509-ca-cert' }));
    return el(
      'a',
      { href: url, download: KEYSTORE.publicKeyFileName, class: 'bpsetup-download-created' },
      t('Download {0}', KEYSTORE.publicKeyFileName),
    );
  }
}
