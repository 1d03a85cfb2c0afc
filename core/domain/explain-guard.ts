/**
 * Explanations of the page's own guards: a request it refused to send (an address nobody has
 * published, a node that did not prove to carry the IMS servlet's resource type, a delete aimed at
 * a non-canonical path, a cloud service that would name a deleted IMS configuration) or a save the
 * servlet did not take. Only the parts and the CLI that send such requests meet them, so they
 * stay out of the page's up-front bundle.
 */
import type { Endpoints } from '../contract/endpoints';
import { t } from '../i18n';
import { type Explainers, type RequestProblem, consoleFor, explainBy, explainRequestError, scrubProblem } from './explain-request';

/** The page's own refusals, explained on top of the request failures (a more specific kind wins). */
const GUARD_EXPLAINERS: Explainers = {
  ImsConfigGoneError: (error) => ({
    title: t('The IMS configuration was deleted before the cloud service could name it'),
    explanation: t(
      'The configuration {0} is no longer on the author (another setup run or admin removed it), and no other Brand Portal configuration is left. Nothing was saved.',
      error.id,
    ),
    fix: t('Create the IMS configuration again (step 4, or bpsetup setup), then save the cloud service.'),
    retry: true,
  }),
  ServletNotBoundError: (error, endpoints) => {
    const where = error.endpoint.path;
    return {
      title: t("AEM's IMS servlet did not take the form at {0}", where),
      explanation: error.leftProperties.length
        ? t(
            "Sling's default POST servlet answered instead, and these fields are still stored at {0}: {1}. Remove them in CRXDE now; the client secret may be among them.",
            where,
            error.leftProperties.join(', '),
          )
        : t(
            "Sling's default POST servlet answered instead. The page removed every field it sent from {0} and read the node back: nothing of the form, the client secret included, is left there.",
            where,
          ),
      fix: t(
        "Create the configuration in the Adobe IMS Configurations console, or set the servlet's address for this AEM (npm run probe finds it) and try again.",
      ),
      console: consoleFor(endpoints.imsConfigUpdate, endpoints),
      raw: { status: error.status, body: error.body, where },
      retry: false,
    };
  },
  UnsafePathError: (error) => ({
    title: t('A node with an unusual name was not deleted'),
    explanation: t('{0} Nothing was sent for it.', error.message),
    fix: t('Check the node in CRXDE and remove it by hand if it is yours.'),
    retry: false,
  }),
  ServletNotProvenError: (error, endpoints) => ({
    title: t("The page could not prove that AEM's IMS servlet takes the form here"),
    explanation: t(
      "{0} should carry the resource type of AEM's IMS configuration servlet, but a read found: {1}. The client secret goes nowhere else, so nothing was sent.",
      error.path,
      error.found,
    ),
    fix: t(
      "Reinstall the Brand Portal setup package (it ships that node), then try again; or create the configuration in AEM's own console.",
    ),
    console: consoleFor(endpoints.imsConfigUpdate, endpoints),
    raw: { status: 0, body: error.message, where: error.path },
    retry: true,
  }),
  EndpointNotKnownError: (error, endpoints) => ({
    title: t('The page does not know where this AEM offers this action'),
    explanation: t(
      'Adobe has not published the address of this action, so the page does not guess it: nothing was sent. An administrator can name the address in the page settings once it is known (npm run probe finds it).',
    ),
    fix: t("Use AEM's own console for this step; the rest of this page keeps working."),
    console: consoleFor(error.endpoint, endpoints),
    raw: { status: 0, body: '', where: error.endpoint.defaultPath },
    retry: false,
  }),
};

/** A guard's explanation where the page refused to send, else the request's own. */
export function explainWithGuards(error: unknown, endpoints: Endpoints): RequestProblem {
  const guard = explainBy(GUARD_EXPLAINERS, error, endpoints);
  return guard ? scrubProblem(guard) : explainRequestError(error, endpoints);
}
