/**
 * aemFetch: the one way the panel talks to AEM. `fetch` gets none of what `$.ajax` gets on an
 * AEM page, so this adds it: context path, a fresh CSRF token on every write (refreshed and
 * retried once when AEM rejects it), the login redirect on an expired session, timeouts, and
 * typed errors. Secrets in request bodies are never logged here or anywhere.
 */
import { isSlingStatusPage } from '../domain/sling-status';
import { ENDPOINTS, HTTP } from './endpoints';
import { CsrfUnavailableError, NetworkError, SessionExpiredError, TimeoutError } from './errors';

export const DEFAULT_TIMEOUT_MS = 30000;
let requestTimeoutMs = DEFAULT_TIMEOUT_MS;

/** The time each request may take: the page settings' `requestTimeoutSeconds`, else 30 s. */
export function useRequestTimeout(seconds: number | undefined): void {
  requestTimeoutMs = seconds ? seconds * 1000 : DEFAULT_TIMEOUT_MS;
}

export interface AemRequestInit extends RequestInit {
  timeoutMs?: number;
  /**
   * A write that carries a secret (client secret, private key, keystore password): sent at most
   * once, and again only after a confirmed CSRF-token rejection, when the servlet never saw it.
   */
  sendOnce?: boolean;
}

/**
 * Where requests go and what an expired session does: the browser page (Granite's context path,
 * cookies, the login redirect) by default; the CLI sets a Node transport (its author URL, HTTP
 * Basic credentials). The same client, rules and explanations serve both.
 */
export interface AemTransport {
  /** The URL to request for a repository path. */
  externalize(path: string): string;
  fetch(url: string, init: RequestInit): Promise<Response>;
  /** Called once the session is known to be gone, before SessionExpiredError is thrown. */
  sessionExpired(): void;
}

const granite = () => (typeof window === 'undefined' ? undefined : window.Granite);

export const browserTransport: AemTransport = {
  externalize: (path) => granite()?.HTTP?.externalize(path) ?? path,
  fetch: (url, init) => fetch(url, { credentials: 'same-origin', cache: 'no-store', ...init }),
  sessionExpired() {
    const http = granite()?.HTTP;
    if (http) http.handleLoginRedirect();
    else window.location.assign(`${ENDPOINTS.loginPage.path}?${HTTP.loginResourceParam}=${encodeURIComponent(window.location.pathname)}`);
  },
};

let transport: AemTransport = browserTransport;

/** Points the client at another author (the CLI does, once per process). */
export function useTransport(next: AemTransport): void {
  transport = next;
}

const externalize = (path: string): string => transport.externalize(path);

const isLoggedOut = (res: Response) => res.status === 403 && res.headers.get(HTTP.reasonHeader) === HTTP.authFailedReason;

function sessionExpired(): never {
  forgetCsrfToken(); // the next session has its own tokens
  transport.sessionExpired();
  throw new SessionExpiredError();
}

async function send(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await transport.fetch(url, { ...init, signal: controller.signal });
  } catch (e) {
    if (controller.signal.aborted) throw new TimeoutError(timeoutMs);
    throw new NetworkError(e);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Granite's own csrf.js keeps one token and renews it every few minutes (tokens live minutes,
 * contract 2.1); the page keeps one for a minute, and a refused token is replaced at once.
 */
export const CSRF_TOKEN_REUSE_MS = 60_000;
let kept: { token: string; at: number } | undefined;

/** Drops the kept token (a new session, or a test that starts over). */
export function forgetCsrfToken(): void {
  kept = undefined;
}

async function tokenForWrite(timeoutMs: number, fresh: boolean): Promise<string> {
  if (!fresh && kept && Date.now() - kept.at < CSRF_TOKEN_REUSE_MS) return kept.token;
  const token = await csrfToken(timeoutMs);
  kept = { token, at: Date.now() };
  return token;
}

/** A token straight from AEM's token servlet. */
export async function csrfToken(timeoutMs = requestTimeoutMs): Promise<string> {
  const res = await send(externalize(ENDPOINTS.csrfToken.path), { method: 'GET' }, timeoutMs);
  if (isLoggedOut(res)) sessionExpired();
  if (!res.ok) throw new CsrfUnavailableError(res.status);
  let token: unknown;
  try {
    token = ((await res.json()) as { token?: unknown }).token;
  } catch {
    throw new CsrfUnavailableError(res.status);
  }
  if (typeof token !== 'string' || !token) throw new CsrfUnavailableError(res.status);
  return token;
}

/**
 * The CSRF filter refused the request before any servlet ran: 403, no X-Reason (that is an expired
 * session), and not a Sling status page (a servlet's own 403 answer).
 */
export async function isCsrfRejection(res: Response): Promise<boolean> {
  if (res.status !== 403 || res.headers.get(HTTP.reasonHeader)) return false;
  return !isSlingStatusPage(await res.clone().text());
}

export async function aemFetch(path: string, init: AemRequestInit = {}): Promise<Response> {
  const { timeoutMs = requestTimeoutMs, sendOnce = false, ...rest } = init;
  const method = (rest.method ?? 'GET').toUpperCase();
  const write = !['GET', 'HEAD'].includes(method);
  const attempt = async (freshToken: boolean) => {
    const headers = new Headers(rest.headers);
    if (write) headers.set(HTTP.csrfHeader, await tokenForWrite(timeoutMs, freshToken));
    return send(externalize(path), { ...rest, method, headers }, timeoutMs);
  };
  let res = await attempt(false);
  if (isLoggedOut(res)) sessionExpired();
  // A write refused with 403 and no X-Reason: a stale token. One refresh, one retry (contract 2.1);
  // a secret-bearing write only when the refusal is certainly the CSRF filter's.
  if (write && res.status === 403 && (!sendOnce || (await isCsrfRejection(res)))) {
    res = await attempt(true);
    if (isLoggedOut(res)) sessionExpired();
  }
  return res;
}

/** Reads a body as JSON when it is JSON, as text otherwise. */
export async function readBody(res: Response): Promise<{ json?: unknown; text: string }> {
  const text = await res.text();
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      return { json: JSON.parse(text), text };
    } catch {
      return { text };
    }
  }
  return { text };
}
