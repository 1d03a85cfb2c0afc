/**
 * A failing Check Health, explained: the plain cause, the fix and the provider's text for experts.
 * A part (ui/parts.ts): the explanations of every IMS error are fetched only when a check fails.
 */
import type { Endpoints } from '../../../../core/contract/endpoints';
import { HEALTH_TEXT } from '../../../../core/contract/aem-names';
import { explainHealthFailure } from '../../../../core/domain/explain';
import type { HealthResult } from '../../../../core/domain/types';
import { t } from '../../../../core/i18n';
import { renderProblem } from '../../ui/problem';

export function renderHealthFailure(result: HealthResult, endpoints: Endpoints): HTMLElement {
  const explanation = explainHealthFailure(result.message);
  return renderProblem(
    { title: `${HEALTH_TEXT.unhealthyTitle}: ${explanation.title}`, explanation: explanation.explanation, fix: explanation.fix },
    {
      raw: { status: explanation.status, body: result.message },
      console: { label: t('Adobe IMS Configurations console'), href: endpoints.imsConsole.path },
    },
  );
}
