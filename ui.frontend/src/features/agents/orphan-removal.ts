/**
 * Removing the Brand Portal agents no configuration explains (leftovers of a corrected or removed
 * tenant), exactly those and only after the admin confirms the list: their queues must be empty,
 * Package Manager builds a backup package of them, then they are deleted and read back
 * (core/aem/agent-removal.ts). A part: step 6 fetches it when the admin asks for the removal.
 */
import { removeAgents, waitingSummary } from '../../../../core/aem/agent-removal';
import { explainRequestError } from '../../../../core/domain/explain-request';
import { t } from '../../../../core/i18n';
import { el } from '../../ui/dom';
import { renderNotice, renderProblem, renderRequestProblem, showResult } from '../../ui/problem';
import type { PageContext } from '../../app/port';
import { askFirst } from '../../ui/ask-first';

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
