/**
 * One change to a replication agent from its row in step 6 (enable it, turn on Close Connection,
 * point it at the Brand Portal IMS configuration): asked first, written through Sling's POST
 * servlet, then the agents read again; a failure is explained with a retry. A part: step 6 fetches
 * it the first time an admin presses one of these buttons.
 */
import { setAgentFlag, setAgentTokenProvider } from '../../../../core/aem/client';
import { explainRequestError } from '../../../../core/domain/explain-request';
import { t } from '../../../../core/i18n';
import type { PageContext } from '../../app/port';
import { askFirst } from '../../ui/ask-first';
import { el } from '../../ui/dom';
import { renderNotice, renderRequestProblem, showResult } from '../../ui/problem';

/** What the button changes: a flag turned on, or the provider the agent takes its token from. */
export type AgentChange = { flag: 'enabled' | 'closeConnection' } | { provider: string };

export function changeAgent(ctx: PageContext, agent: string, label: string, change: AgentChange, feedback: HTMLElement): void {
  const write = () =>
    'flag' in change ? setAgentFlag(ctx.session, agent, change.flag, true) : setAgentTokenProvider(ctx.session, agent, change.provider);
  // Adobe: a changed Close Connection takes effect once AEM restarts.
  const after =
    'provider' in change
      ? ` ${t('It now takes its token from {0}.', change.provider)}`
      : change.flag === 'closeConnection'
        ? ` ${t('AEM applies Close Connection after a restart: restart the author when convenient.')}`
        : '';
  const apply = async () => {
    try {
      await write();
      await ctx.refresh(['agents']);
      showResult(feedback, renderNotice('success', t('Agent updated'), `${t('{0}: {1}.', agent, label)}${after}`));
    } catch (e) {
      showResult(
        feedback,
        renderRequestProblem(explainRequestError(e, ctx.session.endpoints), () => void apply()),
      );
    }
  };
  const message = el('p', {}, t('{0} on {1}? This changes the agent in AEM.', label, agent));
  askFirst(t('Change replication agent'), message, 'notice', { text: label, primary: true }, () => void apply());
}
