/**
 * Removing the Brand Portal agents no configuration explains (leftovers of a corrected or removed
 * tenant), exactly those and only after the admin confirms the list: their queues must be empty,
 * Package Manager builds a backup package of them, then they are deleted and read back
 * (core/aem/agent-removal.ts). A part: the agents panel fetches it when an author has such agents
 * (a day-two case), to name them and offer their removal.
 */
import { removeAgents, waitingSummary } from '../../../../core/aem/agent-removal';
import { explainRequestError } from '../../../../core/domain/explain-request';
import { t } from '../../../../core/i18n';
import { el } from '../../ui/dom';
import { renderNotice, renderProblem, renderRequestProblem, showResult } from '../../ui/problem';
import type { PageContext } from '../../app/port';
import { askFirst } from '../../ui/ask-first';
import { button } from '../../ui/coral';
import type { ReplicationAgent } from '../../../../core/domain/types';

async function remove(ctx: PageContext, paths: readonly string[], feedback: HTMLElement): Promise<void> {
  showResult(feedback, el('p', { class: 'bpsetup-progress' }, t('Removing {0} agent(s): queues, backup, deletion…', String(paths.length))));
  try {
    const outcome = await removeAgents(ctx.session, paths, 'orphan-agents');
    // The removal read the agents back already; a stop before it changed none.
    if (outcome.status === 'removed') ctx.adopt({ agents: outcome.agents });
    if (outcome.status === 'queued') {
      showResult(
        feedback,
        renderProblem(
          {
            title: t('Not removed: items wait in their queues'),
            explanation: waitingSummary(outcome.waiting),
            fix: t('Wait until they are delivered (or clear them in the replication console), then remove them again.'),
          },
          { variant: 'warning' },
        ),
      );
      return;
    }
    showResult(
      feedback,
      outcome.left.length
        ? renderProblem(
            {
              title: t('Some agents are still there'),
              explanation: t('Read back after deleting: {0}. Backup package: {1}.', outcome.left.join(', '), outcome.backup.path),
              fix: t('Delete them in the replication console.'),
            },
            { variant: 'warning' },
          )
        : renderNotice(
            'success',
            t('{0} agent(s) removed', String(outcome.removed.length)),
            t('Package Manager keeps a backup of them: {0}.', outcome.backup.path),
          ),
    );
  } catch (e) {
    showResult(
      feedback,
      renderRequestProblem(explainRequestError(e, ctx.session.endpoints), () => void remove(ctx, paths, feedback)),
    );
  }
}

/** The warning that names them, where they publish, and the button that removes them (asked first). */
export function renderOrphans(ctx: PageContext, orphans: readonly ReplicationAgent[], feedback: HTMLElement): HTMLElement {
  const hosts = [...new Set(orphans.map((a) => a.transportUri.replace(/^https?:\/\/([^/:?#]+).*$/, '$1')))].join(', ');
  const removeButton = button(t('Remove these agents'), 'secondary', 'Delete');
  removeButton.classList.add('bpsetup-orphans-remove');
  removeButton.addEventListener('click', () =>
    confirmOrphanRemoval(
      ctx,
      orphans.map((a) => a.path),
      feedback,
    ),
  );
  return el(
    'div',
    {},
    renderProblem(
      {
        title: t('{0} Brand Portal agent(s) belong to no configuration', String(orphans.length)),
        explanation: t('{0}: they still publish to {1} while enabled.', orphans.map((a) => a.name).join(', '), hosts),
        fix: t('Remove exactly these (their queues must be empty; Package Manager keeps a backup), or reset Brand Portal publishing.'),
      },
      { variant: 'warning' },
    ),
    removeButton,
  );
}

/** Asks once, listing every agent by path, then removes exactly those. */
export function confirmOrphanRemoval(ctx: PageContext, paths: readonly string[], feedback: HTMLElement): void {
  const message = el(
    'div',
    {},
    el('p', {}, t('Only these agents are deleted, once their queues are empty and Package Manager has a backup of them:')),
    el('ul', {}, ...paths.map((p) => el('li', {}, el('code', {}, p)))),
  );
  askFirst(
    t('Remove agents of no configuration'),
    message,
    'notice',
    { text: t('Remove {0} agent(s)', String(paths.length)), primary: true },
    () => void remove(ctx, paths, feedback),
  );
}
