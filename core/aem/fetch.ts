/**
 * The request plumbing the AEM session (session.ts) is built on, without state: where requests
 * go (the transport), one request with its timeout, size cap and redirect refusal, and how AEM
 * says that a session ended or a CSRF token was refused. Secrets in request bodies are never
 * logged here or anywhere.
 */
import { isSlingStatusPage } from '../domain/sling-status';
import { HTTP } from '../contract/aem-names';
import { NetworkError, RedirectRefusedError, ResponseTooLargeError, TimeoutError, isAemError } from '../errors';

/** The time each request may take unless the page settings say otherwise (`requestTimeoutSeconds`). */
export const DEFAULT_TIMEOUT_MS = 30000;

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
 * Where requests go and what an expired session does: the page brings the browser's
 * (ui.frontend/src/app/browser-transport.ts: Granite's context path, cookies, the login redirect),
 * the CLI a Node one (its author URL, HTTP Basic credentials). The same client, rules and
 * explanations serve both.
 */
export interface AemTransport {
  /** The URL to request for a repository path. */
  externalize(path: string): string;
  fetch(url: string, init: RequestInit): Promise<Response>;
  /** Called once the session is known to be gone, before SessionExpiredError is thrown. */
  sessionExpired(): void;
}

/** Status 403 with X-Reason "Authentication Failed": the session is gone (not a refusal). */
export const isLoggedOut = (res: Response): boolean => res.status === 403 && res.headers.get(HTTP.reasonHeader) === HTTP.authFailedReason;

/**
 * One request, never following a redirect (another origin's answer must never drive a write, and a
 * 307 would repost the form elsewhere), its whole body read within the timeout and the size cap.
 */
export async function send(
  transport: AemTransport,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  redirectIsAnswer = false,
): Promise<Response> {
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
    if (isAemError(e, 'RedirectRefusedError') || isAemError(e, 'ResponseTooLargeError')) throw e;
    if (controller.signal.aborted) throw new TimeoutError(timeoutMs);
    throw new NetworkError(e);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The CSRF filter refused the request before any servlet ran: 403, no X-Reason (that is an expired
 * session), and not a Sling status page (a servlet's own 403 answer).
 */
export async function isCsrfRejection(res: Response): Promise<boolean> {
  if (res.status !== 403 || res.headers.get(HTTP.reasonHeader)) return false;
  return !isSlingStatusPage(await res.clone().text());
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
