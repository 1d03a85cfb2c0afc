/**
 * Several Brand Portal IMS configurations: said plainly, with the extra ones
 * deleted after confirmation. At least one always stays. A part: fetched when an author has several.
 */
import { deleteImsConfigs } from '../../../../core/aem/client';
import { explainRequestError } from '../../../../core/domain/explain-request';
import type { ImsConfig } from '../../../../core/domain/types';
import { type CoralToggle, checkbox, button } from '../../ui/coral';
import { el } from '../../ui/dom';
import { t } from '../../../../core/i18n';
import { renderNotice, renderProblem, renderRequestProblem } from '../../ui/problem';
import type { PageContext } from '../../app/port';
import { askFirst } from '../../ui/ask-first';

export function renderDuplicates(configs: ImsConfig[], ctx: PageContext, feedback: HTMLElement): HTMLElement {
  const box = el('div', { class: 'bpsetup-ims-duplicates' });
  box.appendChild(
    renderProblem(
      {
        title: t('{0} IMS configurations are set up for Brand Portal', String(configs.length)),
        explanation: t('Adobe requires exactly one; with several, publishing picks any of them and fails unpredictably.'),
        fix: t('Keep the one that passes Check Health and delete the others.'),
      },
      { variant: 'warning' },
    ),
  );
  const list = el('ul', { class: 'bpsetup-duplicate-list' });
  const boxes: CoralToggle[] = configs.map((c) =>
    checkbox(`${c.title} — ${c.authType === 'oauth' ? 'OAuth' : 'JWT'} — ${c.clientId} (${c.id})`, c.pid),
  );
  for (const cb of boxes) list.appendChild(el('li', {}, cb));
  const del = button(t('Delete selected'), 'warning', 'Delete');
  del.classList.add('bpsetup-delete-duplicates');
  const refresh = () => {
    const n = boxes.filter((b) => b.checked).length;
    del.disabled = n === 0 || n >= configs.length; // at least one must stay
  };
  boxes.forEach((b) => b.addEventListener('change', refresh));
  refresh();
  del.addEventListener('click', () => {
    const pids = boxes.filter((b) => b.checked).map((b) => b.value);
    const names = configs.filter((c) => pids.includes(c.pid)).map((c) => c.title);
    const message = el(
      'div',
      {},
      el('p', {}, t('Delete these IMS configurations? This cannot be undone.')),
      el('ul', {}, ...names.map((n) => el('li', {}, n))),
    );
    askFirst(
      t('Delete IMS configurations'),
      message,
      'warning',
      { text: t('Delete'), warning: true },
      () => void deleteConfigs(pids, ctx, feedback),
    );
  });
  box.append(list, del);
  return box;
}

async function deleteConfigs(pids: string[], ctx: PageContext, feedback: HTMLElement): Promise<void> {
  feedback.textContent = '';
  try {
    await deleteImsConfigs(ctx.session, pids);
    await ctx.refresh(['imsConfigs', 'settings']);
    feedback.appendChild(renderNotice('success', t('Deleted'), t('{0} configuration(s) removed.', String(pids.length))));
  } catch (e) {
    feedback.appendChild(
      renderRequestProblem(explainRequestError(e, ctx.session.endpoints), () => void deleteConfigs(pids, ctx, feedback)),
    );
  }
}
