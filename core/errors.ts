/**
 * Failures of calls to AEM, typed so that steps can explain each in plain words. Each carries its
 * name as text (minifying keeps strings), and `isAemError` tells them apart by that name: a part
 * has its own copy of these classes, so `instanceof` would not see the page's errors, and the
 * other way round.
 */
import type { Endpoint } from './contract/endpoints';

/** AEM answered, but not with success. Body kept raw for experts (shown escaped). */
export class AemHttpError extends Error {
  override readonly name: string = 'AemHttpError';
  constructor(
    readonly status: number,
    readonly body: string,
    readonly endpoint: string,
  ) {
    super(`HTTP ${status} from ${endpoint}`);
  }
}

/** An UNKNOWN/INFERRED endpoint this AEM does not serve (404/405): the step degrades to AEM's console. */
export class EndpointUnavailableError extends Error {
  override readonly name: string = 'EndpointUnavailableError';
  constructor(
    readonly endpoint: Endpoint,
    readonly status: number,
  ) {
    super(`This AEM does not answer ${endpoint.method} ${endpoint.path} (HTTP ${status})`);
  }
}

/**
 * An UNKNOWN address that no override names: nothing was sent, because a real AEM would answer 404
 * and leave an error in the browser console. Status 0: not asked.
 */
export class EndpointNotKnownError extends EndpointUnavailableError {
  override readonly name: string = 'EndpointNotKnownError';
  constructor(endpoint: Endpoint) {
    super(endpoint, 0);
    this.message = `No address is known for ${endpoint.method} ${endpoint.defaultPath} on AEM: not requested`;
  }
}

/** The session ended; the login redirect has been started. */
export class SessionExpiredError extends Error {
  override readonly name: string = 'SessionExpiredError';
  constructor() {
    super('Your AEM session has expired.');
  }
}

/** token.json could not be read (blocked by a Dispatcher rule, or unusable): no write can succeed. */
export class CsrfUnavailableError extends Error {
  override readonly name: string = 'CsrfUnavailableError';
  constructor(
    readonly status: number,
    /** The token servlet's address that was asked. */
    readonly where: string,
  ) {
    super(`The CSRF token could not be read (HTTP ${status}).`);
  }
}

export class TimeoutError extends Error {
  override readonly name: string = 'TimeoutError';
  constructor(readonly ms: number) {
    super(`AEM did not answer within ${Math.round(ms / 1000)} s.`);
  }
}

export class NetworkError extends Error {
  override readonly name: string = 'NetworkError';
  constructor(readonly reason?: unknown) {
    super('The request did not reach AEM (connection closed or refused).');
  }
}

/**
 * AEM answered a request with a redirect. It is never followed: the answer would come from
 * wherever the redirect points (another origin, or a page any author can set to redirect).
 */
export class RedirectRefusedError extends Error {
  override readonly name: string = 'RedirectRefusedError';
  constructor(
    readonly url: string,
    /** 0 when the browser hides the redirect (an opaque answer). */
    readonly status: number,
    readonly location: string,
  ) {
    super(`${url} answered with a redirect${status ? ` (HTTP ${status})` : ''}; it was not followed`);
  }
}

/** An answer larger than the page reads from AEM: refused, and only that request fails. */
export class ResponseTooLargeError extends Error {
  override readonly name: string = 'ResponseTooLargeError';
  constructor(
    readonly url: string,
    readonly maxBytes: number,
  ) {
    super(`${url} answered more than ${Math.round(maxBytes / 1048576)} MB; the answer was not read`);
  }
}

/** A delete aimed at a path that is not plain and canonical (built from a hostile name): never sent. */
export class UnsafePathError extends Error {
  override readonly name: string = 'UnsafePathError';
  constructor(readonly path: string) {
    super(`Refused to delete "${path}": it is not a plain repository path`);
  }
}

/**
 * Check Health cannot run on this AEM from the page: the package's health script does not answer
 * as itself (an older package, or AEM could not compile it). Neither healthy nor failing: the
 * agents' Test Connection is the proof instead.
 */
export class HealthUnavailableError extends EndpointUnavailableError {
  override readonly name: string = 'HealthUnavailableError';
}

/**
 * Before a secret-bearing write, the target node did not prove to carry the servlet's resource
 * type (missing, unreadable, or another type): nothing was sent.
 */
export class ServletNotProvenError extends Error {
  override readonly name: string = 'ServletNotProvenError';
  constructor(
    readonly path: string,
    readonly expectedType: string,
    readonly found: string,
  ) {
    super(`${path} does not carry ${expectedType} (${found}): the client secret was not sent`);
  }
}

/**
 * The IMS servlet is not bound at the address the page used: Sling's default POST servlet answered.
 * `leftProperties` names form fields still stored on that node after the page's clean-up (empty
 * when the page proved the node clean). The body is kept with the secret masked.
 */
export class ServletNotBoundError extends Error {
  override readonly name: string = 'ServletNotBoundError';
  constructor(
    readonly endpoint: Endpoint,
    readonly status: number,
    readonly body: string,
    readonly leftProperties: string[],
  ) {
    super(`The IMS servlet is not bound at ${endpoint.path} (Sling answered HTTP ${status})`);
  }
}

/** Another Brand Portal IMS configuration exists already (Adobe allows one): nothing was created. */
export class ImsConfigExistsError extends Error {
  override readonly name: string = 'ImsConfigExistsError';
  constructor(readonly title: string) {
    super(`A Brand Portal IMS configuration already exists: ${title}`);
  }
}

/** The IMS configuration a cloud service was to name is gone, and no Brand Portal one is left to name instead. */
export class ImsConfigGoneError extends Error {
  override readonly name: string = 'ImsConfigGoneError';
  constructor(readonly id: string) {
    super(`The IMS configuration ${id} is no longer on the author, and no other Brand Portal one is`);
  }
}

/** One of the package's scripts refused the request itself (its JSON `error` code), with AEM's status. */
export class ScriptRefusalError extends AemHttpError {
  override readonly name: string = 'ScriptRefusalError';
  constructor(
    status: number,
    readonly code: string,
    readonly scriptMessage: string,
    endpoint: string,
  ) {
    super(status, scriptMessage, endpoint);
  }
}

/** AEM lists more entries than the page reads (each is one request): nothing was read one by one. */
export class ListTooLongError extends Error {
  override readonly name: string = 'ListTooLongError';
  constructor(
    readonly count: number,
    readonly limit: number,
    readonly where: string,
  ) {
    super(`${where} lists ${count} entries; at most ${limit} are read`);
  }
}

/**
 * Package Manager did not make the backup package a deletion waits for (its `success:false` and
 * `msg`, or an answer of another shape): nothing was deleted.
 */
export class BackupFailedError extends Error {
  override readonly name: string = 'BackupFailedError';
  constructor(
    /** create, filter or build */
    readonly step: string,
    readonly status: number,
    readonly body: string,
    readonly where: string,
  ) {
    super(`Package Manager did not ${step} the backup package (HTTP ${status})`);
  }
}

/** Every failure above, by its name. */
export interface AemErrors {
  AemHttpError: AemHttpError;
  EndpointUnavailableError: EndpointUnavailableError;
  EndpointNotKnownError: EndpointNotKnownError;
  SessionExpiredError: SessionExpiredError;
  CsrfUnavailableError: CsrfUnavailableError;
  TimeoutError: TimeoutError;
  NetworkError: NetworkError;
  RedirectRefusedError: RedirectRefusedError;
  ResponseTooLargeError: ResponseTooLargeError;
  UnsafePathError: UnsafePathError;
  HealthUnavailableError: HealthUnavailableError;
  ServletNotProvenError: ServletNotProvenError;
  ServletNotBoundError: ServletNotBoundError;
  ImsConfigExistsError: ImsConfigExistsError;
  ImsConfigGoneError: ImsConfigGoneError;
  ScriptRefusalError: ScriptRefusalError;
  BackupFailedError: BackupFailedError;
  ListTooLongError: ListTooLongError;
}

/** Names that also count as a kind: its subclasses. */
const SUBCLASSES: Partial<Record<keyof AemErrors, readonly string[]>> = {
  EndpointUnavailableError: ['EndpointNotKnownError', 'HealthUnavailableError'],
  AemHttpError: ['ScriptRefusalError'],
};

/** The kinds a failure belongs to, its own first, then the kind it is a subclass of; none for any other error. */
export function kindsOf(error: unknown): (keyof AemErrors)[] {
  if (!(error instanceof Error)) return [];
  const own = error.name as keyof AemErrors;
  const parents = (Object.keys(SUBCLASSES) as (keyof AemErrors)[]).filter((k) => SUBCLASSES[k]?.includes(error.name));
  return [own, ...parents];
}

/** Whether `error` is a failure of this kind (or a subclass), whichever bundle made it. */
export function isAemError<K extends keyof AemErrors>(error: unknown, kind: K): error is AemErrors[K] {
  return error instanceof Error && (error.name === kind || Boolean(SUBCLASSES[kind]?.includes(error.name)));
}
