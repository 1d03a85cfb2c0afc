/**
 * "Publish a test asset": the opt-in proof that publishing reaches Brand Portal, beyond Test
 * Connection. It asks first, shows each stage and how many agents delivered, then the outcome per
 * agent and what cleanup did. Part of the summary part: shown after the whole-setup check.
 */
import type { AemSession } from '../../../../core/aem/session';
import { runTestPublish } from '../../../../core/aem/test-publish';
import { PUBLISH_PROOF } from '../../../../core/contract/aem-names';
import type { Endpoints } from '../../../../core/contract/endpoints';
import { explainRequestError } from '../../../../core/domain/explain-request';
import { reportTestPublish } from '../../../../core/domain/test-publish';
import { t } from '../../../../core/i18n';
import { button } from '../../ui/coral';
import { el } from '../../ui/dom';
import { renderNotice, showResult } from '../../ui/problem';

export interface TestPublishTiming {
  pollMs?: number;
  timeoutMs?: number;
}

export function renderTestPublish(
  session: AemSession,
  agents: readonly string[],
  endpoints: Endpoints,
  timing: TestPublishTiming = {},
): HTMLElement {
  const progress = el('p', { class: 'bpsetup-test-publish-progress', role: 'status', 'aria-live': 'polite' });
  const result = el('div', { class: 'bpsetup-test-publish-result' });
  const start = button(t('Publish a test asset'), 'secondary');
  const confirm = button(t('Publish and clean up'), 'primary');
  const cancel = button(t('Cancel'), 'quiet');
  const question = el(
    'div',
    { class: 'bpsetup-test-publish-confirm', role: 'group', 'aria-label': t('Confirm the test publish') },
    el(
      'p',
      {},
      t(
        'This writes to AEM and Brand Portal: a 1×1 test image in {0}, published through {1} agent(s), then unpublished and deleted, whatever happens.',
        PUBLISH_PROOF.folder,
        String(agents.length),
      ),
    ),
    confirm,
    cancel,
  );
  question.hidden = true;
  start.disabled = !agents.length;
  start.addEventListener('click', () => {
    question.hidden = false;
    start.hidden = true;
    confirm.focus();
  });
  cancel.addEventListener('click', () => {
    question.hidden = true;
    start.hidden = false;
    start.focus();
  });
  confirm.addEventListener('click', async () => {
    question.hidden = true;
    result.textContent = '';
    const stageText = {
      starting: t('Creating the test asset…'),
      cleaning: t('Unpublishing and deleting the test asset…'),
      done: t('Done.'),
    };
    const outcome = await runTestPublish(session, agents, {
      ...timing,
      explain: (e) => explainRequestError(e, endpoints).title,
      onProgress: (p) =>
        (progress.textContent =
          p.stage === 'publishing'
            ? t('Publishing: {0} of {1} agent(s) delivered it…', String(p.delivered), String(p.total))
            : stageText[p.stage]),
    });
    const report = reportTestPublish(outcome);
    const notice = renderNotice(report.tone, report.title, '');
    const list = el('ul', { class: 'bpsetup-test-publish-lines' }, ...report.lines.map((line) => el('li', {}, line)));
    (notice.querySelector('coral-alert-content') ?? notice).appendChild(list);
    showResult(result, notice);
    start.hidden = false;
  });
  return el(
    'section',
    { class: 'bpsetup-test-publish', 'aria-labelledby': 'bpsetup-test-publish-heading' },
    el('h3', { id: 'bpsetup-test-publish-heading', class: 'coral-Heading coral-Heading--5' }, t('Test publish')),
    el(
      'p',
      {},
      agents.length
        ? t('Test Connection can pass while publishing fails. A test publish sends a real asset the way Publish to Brand Portal does.')
        : t('There is no enabled Brand Portal agent of the current tenant to publish through.'),
    ),
    start,
    question,
    progress,
    result,
  );
}
