/**
 * Explanations of the page's own guards: a request it refused to send (an address nobody has
 * published, a node that did not prove to carry the IMS servlet's resource type). Only the parts
 * and the CLI that send such requests meet them, so they stay out of the page's up-front bundle.
 */
import { ENDPOINTS } from '../aem/endpoints';
import { EndpointNotKnownError, ServletNotProvenError } from '../aem/errors';
import { t } from '../i18n';
import { type RequestProblem, consoleFor, explainRequestError } from './explain-request';

function explainGuard(error: unknown): RequestProblem | undefined {
  if (error instanceof ServletNotProvenError) {
    return {
      title: t("The page could not prove that AEM's IMS servlet takes the form here"),
      explanation: t(
        "{0} should carry the resource type of AEM's IMS configuration servlet, but a read found: {1}. The client secret goes nowhere else, so nothing was sent.",
        error.path,
        error.found,
      ),
      fix: t(
        "Reinstall the Brand Portal setup package (it ships that node), then try again; or create the configuration in AEM's own console.",
      ),
      console: consoleFor(ENDPOINTS.imsConfigUpdate),
      raw: { status: 0, body: error.message, where: error.path },
      retry: true,
    };
  }
  if (error instanceof EndpointNotKnownError) {
    return {
      title: t('The page does not know where this AEM offers this action'),
      explanation: t(
        'Adobe has not published the address of this action ({0}), so the page does not guess it: nothing was sent. An administrator can name the address in the page settings once it is known (npm run probe finds it).',
        error.endpoint.contract,
      ),
      fix: t("Use AEM's own console for this step; the rest of this page keeps working."),
      console: consoleFor(error.endpoint),
      raw: { status: 0, body: '', where: error.endpoint.defaultPath },
      retry: false,
    };
  }
  return undefined;
}

/** A guard's explanation where the page refused to send, else the request's own. */
export const explainWithGuards = (error: unknown): RequestProblem => explainGuard(error) ?? explainRequestError(error);
