/**
 * "Folder rights": the signed-in user's read, create, modify and replicate on a folder they
 * choose, through the package's read-only rights script. Bad input is explained next to the field
 * and nothing is sent. Part of the summary part: shown after the whole-setup check.
 */
import type { AemSession } from '../../../../core/aem/session';
import { readFolderRights } from '../../../../core/aem/package-scripts';
import { type Endpoints } from '../../../../core/contract/endpoints';
import { explainRequestError } from '../../../../core/domain/explain-request';
import { judgeRights, validateFolderPath } from '../../../../core/domain/folder-rights';
import { isAemError } from '../../../../core/errors';
import { t } from '../../../../core/i18n';
import { button } from '../../ui/coral';
import { el } from '../../ui/dom';
import { createField } from '../../ui/field';
import { renderNotice, renderRequestProblem, showResult } from '../../ui/problem';

export function renderFolderRights(session: AemSession, endpoints: Endpoints): HTMLElement {
  const result = el('div', { class: 'bpsetup-folder-rights-result', 'aria-live': 'polite' });
  const field = createField(
    {
      name: 'rightsFolder',
      label: t('Folder to publish from'),
      value: '/content/dam',
      help: t('Checks your own rights there; nothing is changed.'),
    },
    validateFolderPath,
    () => undefined,
  );
  const ask = button(t('Check my rights'), 'secondary');
  const run = async () => {
    if (field.check(true).error) return; // explained next to the field; nothing sent
    ask.disabled = true;
    showResult(result, el('p', { class: 'bpsetup-progress' }, t('Reading your rights…')));
    try {
      const judged = judgeRights(await readFolderRights(session, field.value().trim()));
      const notice = renderNotice(judged.canPublish ? 'success' : judged.canPublish === false ? 'error' : 'warning', judged.title, '');
      const list = el('ul', { class: 'bpsetup-rights-list' });
      for (const l of judged.lines)
        list.appendChild(
          el(
            'li',
            { class: `is-${l.held === true ? 'ok' : l.held === false ? 'error' : 'unknown'}` },
            `${l.label}: ${l.held === true ? t('yes') : l.held === false ? t('no') : t('unknown on this AEM')}`,
          ),
        );
      (notice.querySelector('coral-alert-content') ?? notice).appendChild(list);
      showResult(result, notice);
    } catch (e) {
      if (isAemError(e, 'ScriptRefusalError') && e.code === 'not-found')
        showResult(result, renderNotice('warning', t('No folder at {0}, or you may not read it', field.value().trim()), ''));
      else if (isAemError(e, 'EndpointUnavailableError'))
        showResult(
          result,
          renderNotice(
            'warning',
            t("This AEM does not answer the package's rights check"),
            t('Install this version of the package, then try again.'),
          ),
        );
      else
        showResult(
          result,
          renderRequestProblem(explainRequestError(e, endpoints), () => void run()),
        );
    } finally {
      ask.disabled = false;
    }
  };
  ask.addEventListener('click', () => void run());
  field.input.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Enter') {
      e.preventDefault();
      void run();
    }
  });
  return el(
    'section',
    { class: 'bpsetup-folder-rights', 'aria-labelledby': 'bpsetup-folder-rights-heading' },
    el('h3', { id: 'bpsetup-folder-rights-heading', class: 'coral-Heading coral-Heading--5' }, t('Folder rights')),
    el('p', {}, t('Publishing a folder to Brand Portal needs read, create, modify and replicate on it; read and replicate alone fail.')),
    field.root,
    ask,
    result,
  );
}
