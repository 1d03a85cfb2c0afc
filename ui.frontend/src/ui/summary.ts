/**
 * The whole-setup health summary: green, or each problem with its fix. A part: fetched when an
 * admin first checks the whole setup.
 */
import type { Endpoints } from '../../../core/contract/endpoints';
import { type SetupSummary, summariseFacts } from '../../../core/domain/consistency';
import type { SetupFacts } from '../../../core/domain/state';
import { el } from './dom';
import { t } from '../../../core/i18n';
import { renderNotice } from './problem';

/** What the facts read and checked add up to. */
export const renderWholeSetup = (facts: SetupFacts, endpoints: Endpoints): HTMLElement => renderSummary(summariseFacts(facts, endpoints));

export function renderSummary(result: SetupSummary): HTMLElement {
  if (result.healthy && !result.problems.length) {
    const ok = renderNotice(
      'success',
      t('Brand Portal setup is healthy'),
      t('The IMS configuration gets a token and all four replication agents connect.'),
    );
    ok.classList.add('bpsetup-summary-ok');
    return ok;
  }
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const alert = renderNotice(
    result.healthy || (!errors && result.unknown) ? 'warning' : 'error',
    errors
      ? t('{0} problem(s) found', String(errors))
      : result.unknown
        ? t('Not everything could be read: nothing is claimed about those parts')
        : t('Working, with {0} thing(s) to improve', String(result.problems.length)),
    '',
  );
  alert.classList.add('bpsetup-summary-problems');
  const list = el('ul', { class: 'bpsetup-problem-list' });
  for (const p of result.problems)
    list.appendChild(
      el('li', { 'data-problem': p.id, class: `is-${p.severity}` }, el('strong', {}, p.title), el('br'), `${t('Fix: ')}${p.fix}`),
    );
  (alert.querySelector('coral-alert-content') ?? alert).appendChild(list);
  return alert;
}
