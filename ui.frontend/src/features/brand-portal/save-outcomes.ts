/**
 * What step 6's saves did, in plain words: a tenant replacement (each stop says what was kept)
 * and a save that had to name another IMS configuration, or point agents at it.
 */
import { waitingSummary } from '../../../../core/aem/agent-removal';
import type { ReplacementOutcome } from '../../../../core/aem/tenant-replacement';
import { AGENTS } from '../../../../core/contract/aem-names';
import type { TenantReplacement } from '../../../../core/domain/tenant-replacement';
import { t } from '../../../../core/i18n';
import { renderNotice, renderProblem } from '../../ui/problem';

/** The save named another configuration than the one chosen, or agents were pointed at it: said, not hidden. */
export function relinkNotice(from: string | undefined, agents: readonly string[], imsConfig: string): HTMLElement | undefined {
  if (!from && !agents.length) return undefined;
  const parts = [
    from ? t('The IMS configuration {0} was deleted meanwhile (by another setup run); the cloud service names {1}.', from, imsConfig) : '',
    agents.length ? t('{0} named a deleted IMS configuration and now take their token from {1}.', agents.join(', '), imsConfig) : '',
  ];
  return renderNotice('info', t('Linked to the one IMS configuration'), parts.filter(Boolean).join(' '));
}

/** What the replacement did, in plain words: each stop says what was kept. */
export function renderReplacement(outcome: ReplacementOutcome, plan: TenantReplacement): HTMLElement {
  const backup = 'backup' in outcome && outcome.backup ? t(' Backup package: {0}.', outcome.backup.path) : '';
  const to = new URL(plan.to.url).hostname;
  switch (outcome.status) {
    case 'queued':
      return renderProblem(
        {
          title: outcome.saved
            ? t('{0} is saved, but items still wait in the old agents: they were kept', to)
            : t('Not replaced: items wait in the old agents’ queues'),
          explanation: waitingSummary(outcome.waiting) + backup,
          fix: t('Wait until they are delivered (or clear them in the replication console), then save again.'),
        },
        { variant: 'warning' },
      );
    case 'not-proven':
      return renderProblem(
        {
          title: t('{0} is saved; the old agents were kept', to),
          explanation:
            t(
              '{0} of {1} new agents appeared and {2} passed Test Connection, so nothing was removed.',
              String(outcome.found),
              String(AGENTS.count),
              String(outcome.tests.filter((r) => r.succeeded).length),
            ) + backup,
          fix: t('Correct what the agent tests below say, then save again: the old agents go once the new ones connect.'),
        },
        { variant: 'warning' },
      );
    case 'replaced':
      return outcome.left.length
        ? renderProblem(
            {
              title: t('{0} is connected, but old agents are still there', to),
              explanation: t('Read back after deleting: {0}.', outcome.left.join(', ')) + backup,
              fix: t('Delete them in the replication console, or save again.'),
            },
            { variant: 'warning' },
          )
        : renderNotice(
            'success',
            t('Tenant replaced: {0}', to),
            t('The four new agents are connected; {0} old agent(s) removed.', String(outcome.removed.length)) + backup,
          );
  }
}
