/**
 * Step 5 (and the page's Check health button): AEM's own health check of the active IMS
 * configuration, through the package's health script. Read-only. Success shows AEM's text; a
 * failure its plain explanation (the health-failure part), the fix and the raw text for experts.
 */
import type { Endpoints } from '../../../../core/contract/endpoints';
import { HEALTH_TEXT } from '../../../../core/contract/aem-names';
import type { HealthResult } from '../../../../core/domain/types';
import { el } from '../../ui/dom';
import { t } from '../../../../core/i18n';
import { onDemand } from '../../ui/on-demand';
import { loadPart } from '../../app/parts';
import { renderNotice } from '../../ui/problem';
import { button } from '../../ui/coral';
import type { Section } from '../../ui/section';
import type { PageContext, Step } from '../../app/port';

const loadFailure = onDemand(() => loadPart('health-failure'));

/** No Check Health the page can run on this AEM: say so, point at AEM's console, name the other proof. */
export function renderHealthUnavailable(tokenProven: boolean, endpoints: Endpoints): HTMLElement {
  const box = renderNotice(
    tokenProven ? 'success' : 'info',
    tokenProven ? t('Token proven by a replication agent') : t('Check Health cannot run from this page on this AEM'),
    tokenProven
      ? t('A Brand Portal replication agent connected, so AEM gets a token from Adobe IMS with this configuration.')
      : t(
          "This AEM does not run the package's health script ({0}): the installed package may be older than this page, or AEM could not compile the script. Reinstall the package, or run Check Health in AEM's own console; otherwise go on to step 6: when the four agents' Test Connection succeeds (the agents table above the steps), that proves the token.",
          endpoints.checkHealth.path,
        ),
  );
  const link = el(
    'a',
    { href: endpoints.imsConsole.path, target: '_blank', rel: 'noopener', class: 'bpsetup-console-link' },
    t('Open the Adobe IMS Configurations console'),
  );
  ((box as unknown as { content: HTMLElement }).content ?? box).appendChild(el('p', {}, link));
  return box;
}

export class HealthStep implements Step {
  readonly element: HTMLElement;
  private readonly button = button(t('Check health'), 'primary', 'Heart');
  private readonly result = el('div', { class: 'bpsetup-health-result', 'aria-live': 'polite', tabindex: '-1' });
  private readonly note = el('p');
  private ctx?: PageContext;

  constructor(private readonly section: Section) {
    this.element = section.root;
    this.button.classList.add('bpsetup-health-step-button');
    // The button is disabled while the check runs, which drops the keyboard's focus: it lands on the result.
    this.button.addEventListener('click', () => void this.ctx?.runHealth().then(() => this.result.focus()));
    this.section.body.append(this.note, this.button, this.result);
  }

  update(ctx: PageContext): void {
    this.ctx = ctx;
    const active = ctx.state.active;
    this.button.disabled = !active || ctx.healthRunning;
    this.note.textContent = !active
      ? t('Needs exactly one Brand Portal IMS configuration (step 4).')
      : ctx.facts.healthUnavailable
        ? t(
            'The package\'s health script does not answer on this AEM. The proof that "{0}" gets a token comes from the replication agents\' Test Connection, in the agents table above the steps.',
            active.title,
          )
        : t('AEM asks Adobe IMS for an access token with "{0}". This sends no change to AEM.', active.title);
    this.result.textContent = '';
    if (ctx.healthRunning) this.result.appendChild(el('p', { class: 'bpsetup-progress' }, t('Checking…')));
    else if (ctx.facts.healthUnavailable && active)
      this.result.appendChild(renderHealthUnavailable(ctx.state.tokenProven, ctx.session.endpoints));
    else if (ctx.facts.health && active && ctx.facts.health.id === active.id) this.showResult(ctx.facts.health);
  }

  /** Healthy: AEM's text. Failing: its explanation, from a part fetched the first time a check fails. */
  private showResult(result: HealthResult): void {
    if (result.healthy) {
      this.result.appendChild(renderNotice('success', HEALTH_TEXT.healthyTitle, result.message));
      return;
    }
    void loadFailure(this.result, () => this.ctx && this.update(this.ctx))
      .then(({ renderHealthFailure }) => {
        // Shown only while it is still the result the page holds.
        if (this.ctx?.facts.health !== result || this.ctx.healthRunning) return;
        this.result.textContent = '';
        this.result.appendChild(renderHealthFailure(result, this.ctx.session.endpoints));
      })
      .catch(() => undefined);
  }
}
