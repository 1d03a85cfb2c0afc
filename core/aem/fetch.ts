/**
 * aemFetch: the one way the panel talks to AEM. `fetch` gets none of what `$.ajax` gets on an
 * AEM page, so this adds it: context path, a fresh CSRF token on every write (refreshed and
 * retried once when AEM rejects it), the login redirect on an expired session, timeouts, and
 * typed errors. Secrets in request bodies are never logged here or anywhere.
 */
import { isSlingStatusPage } from '../domain/sling-status';
import { ENDPOINTS, HTTP } from '../contract/endpoints';
import {
  CsrfUnavailableError,
  NetworkError,
  RedirectRefusedError,
  ResponseTooLargeError,
  SessionExpiredError,
  TimeoutError,
} from '../errors';

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
  /**
   * A 3xx is this call's success answer (the configuration manager's apply): it is returned, never
   * followed. Every other request treats a redirect as an error (RedirectRefusedError).
   */
  redirectIsAnswer?: boolean;
}

/** Larger answers fail that request only: no AEM answer the page reads comes near it. */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** A redirect, as a browser shows it with `redirect: 'manual'` (opaque, status 0) or as Node shows it. */
export const isRedirect = (res: Response): boolean => res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400);

/**
 * Reads the whole body (so a timeout around this covers a trickling body too), refusing more than
 * `maxBytes`, and answers an equivalent response whose body is already in memory.
 */
export async function readWholeBody(res: Response, url: string, maxBytes = MAX_RESPONSE_BYTES): Promise<Response> {
  const declared = Number(res.headers.get('content-length') ?? '');
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(url, maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new ResponseTooLargeError(url, maxBytes);
      }
      chunks.push(value);
    }
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  const empty = res.status === 204 || res.status === 205 || res.status === 304;
  return new Response(empty ? null : body, { status: res.status, statusText: res.statusText, headers: res.headers });
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

/**
 * One request, never following a redirect (another origin's answer must never drive a write, and a
 * 307 would repost the form elsewhere), its whole body read within the timeout and the size cap.
 */
async function send(url: string, init: RequestInit, timeoutMs: number, redirectIsAnswer = false): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await transport.fetch(url, { ...init, redirect: 'manual', signal: controller.signal });
    if (isRedirect(res)) {
      await res.body?.cancel().catch(() => undefined);
      if (redirectIsAnswer) return res;
      throw new RedirectRefusedError(url, res.status, res.headers.get('location') ?? '');
    }
    return await readWholeBody(res, url);
  } catch (e) {
    if (e instanceof RedirectRefusedError || e instanceof ResponseTooLargeError) throw e;
    if (controller.signal.aborted) throw new TimeoutError(timeoutMs);
    throw new NetworkError(e);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Granite's own csrf.js keeps one token and renews it every few minutes (tokens live minutes,
 * [contract: Session, CSRF and the page itself]); the page keeps one for a minute, and a refused token is replaced at once.
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
  const { timeoutMs = requestTimeoutMs, sendOnce = false, redirectIsAnswer = false, ...rest } = init;
  const method = (rest.method ?? 'GET').toUpperCase();
  const write = !['GET', 'HEAD'].includes(method);
  const attempt = async (freshToken: boolean) => {
    const headers = new Headers(rest.headers);
    if (write) headers.set(HTTP.csrfHeader, await tokenForWrite(timeoutMs, freshToken));
    return send(externalize(path), { ...rest, method, headers }, timeoutMs, redirectIsAnswer);
  };
  let res = await attempt(false);
  if (isLoggedOut(res)) sessionExpired();
  // A write refused with 403 and no X-Reason: a stale token. One refresh, one retry [contract: Session, CSRF and the page itself];
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
