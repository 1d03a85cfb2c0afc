/** One click: a masked JSON report of the setup, to copy or download. A part: fetched on that click. */
import type { Endpoints } from '../../../../core/contract/endpoints';
import type { OverridesInForce } from '../../../../core/aem/setup-facts';
import { diagnosticsReport, reportedOverrides } from '../../../../core/domain/diagnostics';
import type { SetupFacts } from '../../../../core/domain/state';
import { textarea, button } from '../../ui/coral';
import { el } from '../../ui/dom';
import { labelled } from '../../ui/field';
import { t } from '../../../../core/i18n';

export function openDiagnostics(container: HTMLElement, facts: SetupFacts, overrides: OverridesInForce, endpoints: Endpoints): void {
  // One report at a time: a second press replaces the first, just below the row of `container`.
  const row = container.parentElement;
  if (row?.nextElementSibling?.classList.contains('bpsetup-diagnostics')) row.nextElementSibling.remove();
  const text = diagnosticsReport(facts, {
    page: window.location.pathname,
    coralVersion: window.Coral?.version,
    userAgent: navigator.userAgent,
    addressOverrides: reportedOverrides(overrides, endpoints),
  });
  const area = textarea(t('Diagnostics report'), 16);
  area.classList.add('bpsetup-diagnostics-text');
  area.readOnly = true;
  area.value = text;
  const copy = button(t('Copy'), 'secondary', 'Copy');
  copy.addEventListener('click', () => void navigator.clipboard?.writeText(text));
  const download = el(
    'a',
    {
      href: URL.createObjectURL(new Blob([text], { type: 'application/json' })),
      download: `brand-portal-diagnostics-${new Date().toISOString().slice(0, 10)}.json`,
      class: 'bpsetup-diagnostics-download',
    },
    t('Download'),
  );
  const panel = el(
    'div',
    { class: 'bpsetup-diagnostics' },
    el('p', {}, t('Secrets and keys are masked. Nothing here was sent anywhere.')),
    labelled(area, 'bpsetup-diagnostics-text', t('Diagnostics report')),
    el('div', { class: 'bpsetup-actions' }, copy, download),
  );
  row?.after(panel);
  area.focus(); // the keyboard lands on the report it asked for
}
