/**
 * The question asked before a tenant address that is not `*.brand-portal.adobe.com` is used: a
 * save creates a cloud service and four agents that publish there at once, so a typo
 * (`brandportal`, a company site) must not get that far unasked. Asked once per address, next to
 * the button that would send it; nothing is sent until the admin says "use it".
 */
import { isBrandPortalAddress } from '../../../core/domain/tenant';
import { t } from '../../../core/i18n';
import { alert, button } from './coral';
import { el } from './dom';
import { hideQuestion, showQuestion } from './question';

export class TenantConfirm {
  readonly element = el('div', { class: 'bpsetup-tenant-confirm' });
  private confirmed?: string;

  constructor() {
    this.element.hidden = true;
  }

  /** The admin already said yes to this address (Connect asked before its first write). */
  confirm(normalised: string): void {
    this.confirmed = normalised;
  }

  /**
   * True when the address may be used now: a Brand Portal address, or one confirmed. Otherwise
   * the question shows, and `proceed` runs once the admin confirms.
   */
  allows(normalised: string, action: string, proceed: () => void): boolean {
    if (isBrandPortalAddress(normalised) || this.confirmed === normalised) {
      hideQuestion(this.element);
      return true;
    }
    const host = new URL(normalised).hostname;
    const { element, content } = alert('warning', t('Is {0} your Brand Portal address?', host));
    const use = button(t('{0} with {1}', action, host), 'primary');
    use.classList.add('bpsetup-tenant-confirm-use');
    use.addEventListener('click', () => {
      this.confirm(normalised);
      hideQuestion(this.element);
      proceed();
    });
    content.append(
      el(
        'p',
        {},
        t(
          'Brand Portal addresses end in .brand-portal.adobe.com. Nothing was sent: use this one only if Adobe gave it to you, else correct it above.',
        ),
      ),
      use,
    );
    showQuestion(this.element, element, use);
    return false;
  }
}
