/**
 * Step 2: certificates, which only the legacy JWT route needs. Says so for OAuth; on the JWT route
 * shows the keystore of the Brand Portal IMS service user and makes new certificates there; checks
 * any PEM the admin pastes or drops. That work (node-forge included) is the `certificate-work`
 * part, fetched when the JWT route is chosen or a certificate is pasted.
 */
import { el } from '../../ui/dom';
import { labelled } from '../../ui/field';
import { t } from '../../../../core/i18n';
import { textarea } from '../../ui/coral';
import { onDemand, partComponent } from '../../ui/on-demand';
import { loadPart } from '../../app/parts';
import { renderRequestProblem } from '../../ui/problem';
import type { Section } from '../../ui/section';
import type { PageContext, Step } from '../../app/port';

const loadWork = onDemand(() => loadPart('certificate-work'));

export class CertificateStep implements Step {
  readonly element: HTMLElement;
  private readonly status = el('div', { class: 'bpsetup-cert-status', 'aria-live': 'polite' });
  private readonly workBox = el('div', { class: 'bpsetup-cert-work' });
  /** The keystore work, fetched and built the first time the JWT route is chosen. */
  private readonly work = partComponent(
    loadWork,
    this.workBox,
    ({ KeystoreWork }) => new KeystoreWork(this.status),
    () => this.ctx && this.update(this.ctx),
  );
  private ctx?: PageContext;

  constructor(private readonly section: Section) {
    this.element = section.root;
    const pemInput = textarea(t('Certificate to check'), 6);
    pemInput.classList.add('bpsetup-pem-input');
    pemInput.placeholder = '-----BEGIN CERTIFICATE-----';
    const pemResult = el('div', { class: 'bpsetup-pem-result', 'aria-live': 'polite' });
    const inspect = async (text: string) => {
      // A pasted private key is not kept anywhere, not even in the text box.
      if (/PRIVATE KEY/.test(text)) pemInput.value = '';
      // The retry reads the text box again: pasted text (a private key, say) is not held for it.
      const { describeInspection, inspectPem } = await loadWork(pemResult, () => void inspect(pemInput.value).catch(() => undefined));
      // Typed or pasted text is inspected as it changes: the focus stays in the text box.
      pemResult.textContent = '';
      pemResult.appendChild(describeInspection(inspectPem(text)));
    };
    pemInput.addEventListener('input', () => void inspect(pemInput.value).catch(() => undefined));
    const checker = el(
      'div',
      { class: 'bpsetup-pem-check' },
      el('h3', { class: 'coral-Heading coral-Heading--5' }, t('Check a certificate')),
      el('p', {}, t('Paste or drop a PEM file to see its dates and fingerprints.')),
      labelled(pemInput, 'bpsetup-pem-input', t('Certificate to check'), pemResult),
    );
    this.element.addEventListener('dragover', (e) => e.preventDefault());
    this.element.addEventListener('drop', (e) => {
      const file = e.dataTransfer?.files?.[0];
      if (!file) return;
      e.preventDefault();
      void file
        .text()
        .then(inspect)
        .catch(() => undefined);
    });
    this.section.body.append(this.status, this.workBox, checker);
  }

  update(ctx: PageContext): void {
    this.ctx = ctx;
    const jwt = ctx.state.authType === 'jwt';
    this.status.textContent = '';
    if (!jwt)
      this.status.appendChild(
        el(
          'p',
          {},
          t(
            'OAuth Server-to-Server needs no certificate. Certificates serve only the legacy JWT choice in step 4, which Adobe has switched off.',
          ),
        ),
      );
    if (ctx.problems.keystore) this.status.appendChild(renderRequestProblem(ctx.problems.keystore, () => void ctx.refresh()));
    this.workBox.hidden = !jwt;
    if (this.work.current) this.work.current.update(ctx);
    else if (jwt) this.work.want();
  }
}
