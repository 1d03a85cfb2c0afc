/**
 * The Brand Portal setup page: mounts into the page's #bpsetup-root container.
 * The step list shows every step; the steps' own panels fill in below it.
 */
import type { StepState } from './domain/types';
import { stepDefinitions } from './steps/step-definitions';
import { el } from './ui/dom';
import { t } from './ui/i18n';
import { renderStepList } from './ui/step-list';

export const ROOT_ID = 'bpsetup-root';

export function mountSetupPage(root: HTMLElement): void {
  if (root.dataset.bpsetupMounted === 'true') return;
  root.dataset.bpsetupMounted = 'true';
  root.textContent = '';

  const intro = el(
    'section',
    { class: 'bpsetup-intro' },
    el('p', {}, t('Connect this AEM author to Adobe Brand Portal on one page: the IMS technical account, its health check, the Brand Portal cloud service and its four replication agents.')),
  );
  const definitions = stepDefinitions();
  const initial: StepState[] = definitions.map((d) => ({ id: d.id, status: 'unknown', summary: '' }));
  const steps = el('section', { class: 'bpsetup-steps-section', 'aria-labelledby': 'bpsetup-steps-heading' },
    el('h2', { id: 'bpsetup-steps-heading', class: 'coral-Heading coral-Heading--4' }, t('Setup steps')),
    renderStepList(definitions, initial),
  );
  const footer = el('footer', { class: 'bpsetup-footer' }, t('Coral Spectrum {0}', window.Coral?.version ?? t('unknown version')));
  root.append(intro, steps, footer);
}
