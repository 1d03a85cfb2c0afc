/**
 * The whole-setup health summary: green, or each problem with its fix, and the reads only that
 * check makes (queues, proxies). A part: fetched when an admin first checks the whole setup.
 */
import { contributionReadiness } from '../../../../core/domain/contribution';
import type { Endpoints } from '../../../../core/contract/endpoints';
import { type SetupSummary, summariseFacts } from '../../../../core/domain/consistency';
import { networkOf } from '../../../../core/domain/diagnostics';
import { groupAgentProblems } from '../../../../core/domain/group-problems';
import type { SetupFacts } from '../../../../core/domain/state';
import { el } from '../../ui/dom';
import { t } from '../../../../core/i18n';
import { renderNotice } from '../../ui/problem';
import type { AemSession } from '../../../../core/aem/session';
import { publishingAgents } from '../../../../core/domain/test-publish';
import { renderFolderRights } from './folder-rights';
import { type TestPublishTiming, renderTestPublish } from './test-publish';

/** What only the whole-setup check reads (queues, proxies, the contribution flag): in this part, off the page's bundle. */
export { readPublishingHealth } from '../../../../core/aem/setup-facts';

/** After the whole-setup check: the opt-in test publish and the folder-rights preflight. */
export function renderAfterSetup(session: AemSession, facts: SetupFacts, endpoints: Endpoints, timing?: TestPublishTiming): HTMLElement {
  return el(
    'div',
    { class: 'bpsetup-after-setup' },
    renderTestPublish(session, publishingAgents(facts), endpoints, timing),
    renderFolderRights(session, endpoints),
  );
}

/** What the facts read and checked add up to, and what publishing needs of the network. */
export function renderWholeSetup(facts: SetupFacts, endpoints: Endpoints): HTMLElement {
  const result = summariseFacts(facts, endpoints);
  // The same problem on several agents is said once, naming them.
  const summary = renderSummary({
    ...result,
    problems: groupAgentProblems(
      result.problems,
      (facts.agents ?? []).map((a) => a.name),
    ),
  });
  if (!facts.proxies) return summary;
  const { proxies, allowOutgoing } = networkOf(facts);
  const route = (client: '3.x' | '4.x') => {
    if (typeof proxies === 'string')
      return t('{0} client: could not be read (the configuration manager answers administrators only)', client);
    const proxy = proxies.find((p) => p.client === client && p.enabled && p.address);
    return proxy ? t('{0} client: through the proxy {1}', client, proxy.address as string) : t('{0} client: directly', client);
  };
  const network = el(
    'p',
    { class: 'bpsetup-network' },
    el('strong', {}, t('Network: ')),
    `${route('3.x')}; ${route('4.x')}. `,
    allowOutgoing.length ? t('AEM needs outgoing HTTPS to {0}.', allowOutgoing.join(', ')) : '',
  );
  const contribution = facts.contributionFlag
    ? el(
        'div',
        { class: 'bpsetup-contribution' },
        el('strong', {}, t('Asset contribution')),
        el(
          'ul',
          {},
          ...contributionReadiness(facts.version, facts.contributionFlag).lines.map((l) => el('li', { class: `is-${l.state}` }, l.text)),
        ),
      )
    : '';
  return el('div', { class: 'bpsetup-whole-setup' }, summary, network, contribution);
}

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
