/**
 * The one question before a tenant is replaced: what is kept, what is saved, exactly which agents
 * are removed once the new ones connect, and what is checked first (empty queues, a backup). Shown
 * next to the Save button; nothing is sent until the admin presses "Replace tenant".
 */
import type { TenantReplacement } from '../../../../core/domain/tenant-replacement';
import { t } from '../../../../core/i18n';
import { alert, button } from '../../ui/coral';
import { el } from '../../ui/dom';
import { hideQuestion, showQuestion } from '../../ui/question';

const host = (url: string) => new URL(url).hostname;

export class ReplacementConfirm {
  readonly element = el('div', { class: 'bpsetup-replacement-confirm' });
  private confirmed?: string;

  constructor() {
    this.element.hidden = true;
  }

  /** True when this replacement was confirmed; else the question shows and `proceed` runs on "Replace tenant". */
  allows(plan: TenantReplacement, proceed: () => void): boolean {
    const key = `${plan.configPath} ${plan.from.url} ${plan.to.url} ${plan.removes.join(' ')}`;
    if (this.confirmed === key) {
      hideQuestion(this.element);
      return true;
    }
    const { element, content } = alert('warning', t('Replace {0} with {1}?', host(plan.from.url), host(plan.to.url)));
    const replace = button(t('Replace tenant'), 'primary');
    replace.classList.add('bpsetup-replacement-run');
    replace.addEventListener('click', () => {
      this.confirmed = key;
      hideQuestion(this.element);
      proceed();
    });
    content.append(
      el(
        'p',
        {},
        t('The cloud service is kept and saved with the new tenant; AEM then creates the four agents of {0}.', host(plan.to.url)),
      ),
      plan.removes.length
        ? el(
            'div',
            {},
            el('p', {}, t('Removed once the new agents connect, and only then:')),
            el('ul', { class: 'bpsetup-replacement-removes' }, ...plan.removes.map((p) => el('li', {}, el('code', {}, p)))),
          )
        : el('p', {}, t('No agent of the old tenant is left to remove.')),
      el(
        'p',
        {},
        t(
          "First the old agents' queues must be empty (nothing waiting to be published is lost), and Package Manager builds a backup package of them. Nothing was sent yet.",
        ),
      ),
      replace,
    );
    showQuestion(this.element, element, replace);
    return false;
  }
}
