/**
 * Plain-language explanations of failed calls to AEM, with the raw status and
 * body kept for experts, and for endpoints this AEM lacks, the AEM console to use instead.
 */
import type { Endpoint, Endpoints } from '../contract/endpoints';
import { type AemErrors, kindsOf } from '../errors';
import { t } from '../i18n';
import { scrubText } from './mask';
import { slingStatusPage } from './sling-status';

export interface RequestProblem {
  title: string;
  explanation: string;
  fix: string;
  /** For experts: HTTP status and body as received (render escaped). */
  raw?: { status: number; body: string; where: string };
  /** AEM's own console for this action, when the page cannot do it here. */
  console?: { label: string; href: string };
  /** Retrying the same action makes sense (nothing was half-written). */
  retry: boolean;
}

/** Where to do by hand what an unavailable endpoint would have done. */
export function consoleFor(endpoint: Endpoint, endpoints: Endpoints): { label: string; href: string } {
  switch (endpoint.key as keyof Endpoints) {
    case 'systemUsersRoot':
    case 'queryBuilder':
    case 'publicKey':
      return { label: t('Users console: open brandportal-imsconfig-service, Keystore tab'), href: endpoints.usersConsole.path };
    case 'agentsRoot':
    case 'macUsersRoot':
      return { label: t('Replication agents console'), href: endpoints.replicationConsole.path };
    case 'cloudConfigCreate':
    case 'cloudConfigRoot':
    case 'legacyCloudConfigRoot':
      return { label: t('Cloud Services console (AEM Brand Portal)'), href: endpoints.cloudServicesConsole.path };
    default:
      return { label: t('Adobe IMS Configurations console'), href: endpoints.imsConsole.path };
  }
}

function firstLine(text: string): string {
  const message = slingStatusPage(text).message ?? text;
  return message
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

/** Server text shown to people never carries a secret, whatever the server echoed. */
/** `endpoints`: the map the request used (the session's), for the console links. */
export const explainRequestError = (error: unknown, endpoints: Endpoints): RequestProblem =>
  scrubProblem(explainUnscrubbed(error, endpoints));

/** A problem's server-provided texts with every secret masked. */
export const scrubProblem = (problem: RequestProblem): RequestProblem => ({
  ...problem,
  explanation: scrubText(problem.explanation),
  raw: problem.raw ? { ...problem.raw, body: scrubText(problem.raw.body) } : undefined,
});

/** How each kind of failure is explained; a kind without its own is explained as its parent (errors.ts). */
export type Explainers = { [K in keyof AemErrors]?: (error: AemErrors[K], endpoints: Endpoints) => RequestProblem };

/** The explanation of the most specific kind `explainers` knows, or nothing. */
export function explainBy(explainers: Explainers, error: unknown, endpoints: Endpoints): RequestProblem | undefined {
  const kind = kindsOf(error).find((k) => explainers[k]);
  const explain = kind && (explainers[kind] as ((e: unknown, endpoints: Endpoints) => RequestProblem) | undefined);
  return explain ? explain(error, endpoints) : undefined;
}

/** Failures of a request the page sent (the guards of the page's own refusals add theirs: explain-guard.ts). */
export const REQUEST_EXPLAINERS: Explainers = {
  EndpointUnavailableError: (error, endpoints) => {
    const where = consoleFor(error.endpoint, endpoints);
    return {
      title: t('This AEM does not offer this action at the address the page uses'),
      explanation: t(
        '{0} {1} answered HTTP {2}. The address is not confirmed for every AEM version.',
        error.endpoint.method,
        error.endpoint.path,
        String(error.status),
      ),
      fix: t("Use AEM's own console for this step; the rest of this page keeps working."),
      console: where,
      raw: { status: error.status, body: '', where: error.endpoint.path },
      retry: false,
    };
  },
  ListTooLongError: (error) => ({
    title: t('AEM lists far more IMS configurations than an author has'),
    explanation: t(
      '{0} lists {1} access-token provider configurations; the page reads at most {2}, one request each.',
      error.where,
      String(error.count),
      String(error.limit),
    ),
    fix: t('Remove the configurations nobody uses (the Adobe IMS Configurations console, or the configuration manager), then reload.'),
    raw: { status: 200, body: '', where: error.where },
    retry: true,
  }),
  BackupFailedError: (error) => ({
    title: t('No backup package could be made, so nothing was deleted'),
    explanation: t('Package Manager did not {0} the backup package: {1}', error.step, firstLine(error.body) || t('no message')),
    fix: t(
      'Check that you may use Package Manager (administrators, or the package rights) and that the repository has room, then try again.',
    ),
    raw: { status: error.status, body: error.body, where: error.where },
    retry: true,
  }),
  SessionExpiredError: () => ({
    title: t('Your AEM session has expired'),
    explanation: t('AEM asks you to sign in again.'),
    fix: t('Sign in; the page will show where the setup stands.'),
    retry: false,
  }),
  CsrfUnavailableError: (error) => ({
    title: t("AEM's CSRF token could not be read, so no change can be saved"),
    explanation: t('{0} answered HTTP {1}. A Dispatcher in front of AEM often blocks it.', error.where, String(error.status)),
    fix: t('Allow {0} (uncached) in the Dispatcher filters and pass the CSRF-Token header, or use the author directly.', error.where),
    raw: { status: error.status, body: '', where: error.where },
    retry: true,
  }),
  RedirectRefusedError: (error) => ({
    title: t('AEM answered with a redirect, which the page does not follow'),
    explanation: t(
      'A redirect could hand the answer, or a form with the client secret, to another address: nothing was read or sent on. It pointed to: {0}',
      error.location || t('not shown by the browser'),
    ),
    fix: t('Open the page on the author itself (no proxy or vanity URL) and check that no redirect rule covers {0}.', scrubText(error.url)),
    raw: { status: error.status, body: '', where: scrubText(error.url) },
    retry: true,
  }),
  ResponseTooLargeError: (error) => ({
    title: t('AEM sent a far larger answer than expected'),
    explanation: error.message,
    fix: t('Check what answers at this address (a proxy, a custom servlet).'),
    raw: { status: 200, body: '', where: scrubText(error.url) },
    retry: true,
  }),
  TimeoutError: (error) => ({
    title: t('AEM did not answer in time'),
    explanation: error.message,
    fix: t('Try again; if it keeps happening, check the AEM server load and logs.'),
    retry: true,
  }),
  NetworkError: () => ({
    title: t('The request did not reach AEM'),
    explanation: t('The connection was closed or refused.'),
    fix: t('Check that AEM is running and reachable, then try again.'),
    retry: true,
  }),
  AemHttpError: (error) => {
    const raw = { status: error.status, body: error.body, where: error.endpoint };
    if (error.status === 403) {
      return {
        title: t('AEM refused the change (403)'),
        explanation: t('Your user may lack the right to change configurations, or AEM rejected the CSRF token twice.'),
        fix: t('Sign in as an administrator and try again.'),
        raw,
        retry: true,
      };
    }
    if (error.status >= 500) {
      return {
        title: t('AEM failed while handling the request ({0})', String(error.status)),
        explanation: t('Nothing was confirmed as saved.'),
        fix: t('Try again; if it fails again, look at error.log on the AEM server.'),
        raw,
        retry: true,
      };
    }
    return {
      title: t('AEM refused the request ({0})', String(error.status)),
      explanation: firstLine(error.body) || t('No reason given.'),
      fix: t('Correct the value AEM names and try again.'),
      raw,
      retry: true,
    };
  },
};

function explainUnscrubbed(error: unknown, endpoints: Endpoints): RequestProblem {
  return (
    explainBy(REQUEST_EXPLAINERS, error, endpoints) ?? {
      title: t('Something unexpected went wrong'),
      explanation: String((error as Error)?.message ?? error),
      fix: t('Reload the page and try again.'),
      retry: true,
    }
  );
}
