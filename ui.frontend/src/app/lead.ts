/**
 * What the page leads with, above the folded steps. An empty author: Connect (the credential, the
 * Brand Portal address, one primary button). A set-up author: the verdict (healthy, or what is
 * wrong and its fix), the agents and their queues, and the actions. The visit's kind is decided
 * by AEM's first answer and kept while the page is open, so Connect never jumps away mid-run.
 */
import { t } from '../../../core/i18n';
import { button } from '../ui/coral';
import { el } from '../ui/dom';

export type Visit = 'connect' | 'verdict';

export class Lead {
  readonly element: HTMLElement;
  private readonly heading = el('h2', { id: 'bpsetup-publishing-title', class: 'coral-Heading coral-Heading--4' });
  private readonly intro = el('p', { class: 'bpsetup-intro' });
  /** Step 4's form puts the credential field and Connect here while it offers them. */
  readonly connectSlot = el('div', { class: 'bpsetup-connect-slot' });
  /** The whole-setup verdict (a polite live region). */
  readonly summary = el('div', { class: 'bpsetup-summary', 'aria-live': 'polite' });
  /** The agents panel goes here. */
  readonly agents = el('div', { class: 'bpsetup-agents-holder' });
  /** The test publish and the rights preflight, after a whole-setup check: outside the live region. */
  readonly afterSetup = el('div', { class: 'bpsetup-after-setup-holder' });
  /** Named apart from step 5's Check health, so every button's label says what it runs. */
  readonly healthButton = button(t('Check the whole setup'), 'primary', 'Heart');
  readonly diagnosticsButton = button(t('Diagnostics report'), 'secondary');
  readonly actions = el('div', { class: 'bpsetup-toolbar bpsetup-toolbar-actions' }, this.healthButton, this.diagnosticsButton);
  /** On an AEM that cannot do OAuth Server-to-Server, Connect is not offered: this says why, and where to go. */
  private readonly blocker = el(
    'p',
    { class: 'bpsetup-lead-blocker' },
    t('This AEM cannot connect yet: OAuth Server-to-Server is not available here, and Adobe has switched JWT off. '),
    el('a', { href: '#bpsetup-step-prerequisites' }, t('Step 1 says what to install')),
  );

  constructor() {
    this.healthButton.classList.add('bpsetup-health-button');
    this.diagnosticsButton.classList.add('bpsetup-diagnostics-button');
    this.element = el(
      'section',
      { class: 'bpsetup-lead', id: 'bpsetup-publishing', 'aria-labelledby': this.heading.id },
      this.heading,
      this.intro,
      this.blocker,
      this.connectSlot,
      this.summary,
      this.agents,
      this.actions,
      this.afterSetup,
    );
    this.show(undefined, false);
  }

  /**
   * `visit` is unknown until AEM answers; `setUp` says whether there is a setup to judge (an IMS
   * configuration or a cloud service): its actions then show, on either kind of visit.
   */
  show(visit: Visit | undefined, setUp: boolean, oauthPossible = true): void {
    this.element.dataset.visit = visit ?? 'reading';
    const connecting = visit === 'connect' && !setUp;
    this.blocker.hidden = !connecting || oauthPossible;
    this.intro.hidden = !this.blocker.hidden;
    this.heading.textContent = connecting || visit === undefined ? t('Connect to Brand Portal') : t('Publishing to Brand Portal');
    this.intro.textContent =
      visit === undefined
        ? t('Reading what AEM has…')
        : connecting
          ? t(
              'Paste the credential of your Brand Portal project from the Adobe Developer Console and type your Brand Portal address: Connect creates the IMS configuration, proves its token, saves the cloud service and tests its four replication agents.',
            )
          : t('Whether this author publishes to Brand Portal: the IMS configuration, its token, the cloud service and its four agents.');
    this.actions.hidden = !setUp;
  }
}
