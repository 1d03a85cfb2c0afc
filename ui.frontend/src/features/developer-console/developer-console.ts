/** Step 3: what to do in the Adobe Developer Console, with the exact values to copy. */
import { button } from '../../ui/coral';
import { IMS, KEYSTORE } from '../../../../core/contract/aem-names';
import { el } from '../../ui/dom';
import { t } from '../../../../core/i18n';

import type { Section } from '../../ui/section';
import type { PageContext, Step } from '../../app/port';

function copyable(label: string, value: string): HTMLElement {
  const copy = button(t('Copy'), 'quiet', 'Copy');
  copy.classList.add('bpsetup-copy');
  copy.setAttribute('aria-label', t('Copy {0}', label));
  copy.addEventListener('click', () => {
    void navigator.clipboard?.writeText(value).then(() => {
      copy.setAttribute('data-copied', 'true');
    });
  });
  return el('li', { class: 'bpsetup-copyable' }, el('span', {}, `${label}: `), el('code', {}, value), copy);
}

export class DeveloperConsoleStep implements Step {
  readonly element: HTMLElement;

  constructor(private readonly section: Section) {
    this.element = section.root;
  }

  update(ctx: PageContext): void {
    const body = this.section.body;
    body.textContent = '';
    const oauth = ctx.state.authType === 'oauth';
    const steps = el('ol', { class: 'bpsetup-guide' });
    steps.append(
      el(
        'li',
        {},
        t(
          'Sign in to the Adobe Developer Console as a System Administrator (or developer) of the organization that owns your Brand Portal tenant.',
        ),
      ),
      el('li', {}, t('Create a project (or open the existing Brand Portal one) and add the API "AEM Brand Portal".')),
      oauth
        ? el('li', {}, t('Choose the credential type OAuth Server-to-Server and select the Brand Portal product profile.'))
        : el(
            'li',
            {},
            t(
              'Choose Service Account (JWT), upload {0} from the Certificate step, and select the Brand Portal product profile.',
              KEYSTORE.publicKeyFileName,
            ),
          ),
      oauth
        ? el(
            'li',
            {},
            t(
              'Open the credential and download its JSON (or copy the client ID, client secret, organization ID, technical account ID and scopes).',
            ),
          )
        : el('li', {}, t('Open the credential, copy the client ID and client secret, and generate the JWT payload.')),
      el('li', {}, t('Paste or drop the downloaded JSON in the next step: the form fills itself.')),
    );
    const values = el(
      'ul',
      { class: 'bpsetup-copy-list' },
      copyable(t('API'), 'AEM Brand Portal'),
      copyable(t('Authorization server'), IMS.defaultServer),
    );
    if (!oauth)
      values.appendChild(
        copyable(t('Metascope the JWT payload must contain'), `${IMS.defaultServer}${IMS.metascopePrefix}${IMS.brandPortalMetascope}`),
      );
    body.append(
      steps,
      values,
      el(
        'p',
        {},
        el('a', { href: 'https://developer.adobe.com/console', target: '_blank', rel: 'noopener' }, t('Open the Adobe Developer Console')),
      ),
    );
  }
}
