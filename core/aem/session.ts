/**
 * The AEM session: the one way the page, the CLI and the tests talk to one author. `fetch` gets
 * none of what `$.ajax` gets on an AEM page, so the session adds it: the transport's context path
 * or author URL, a CSRF token on every write (refreshed and retried once when AEM rejects it), the
 * login redirect on an expired session, timeouts, typed errors. It also owns what belongs to one
 * author: the endpoint map in force (the shipped one, or a frozen copy with the administrator's
 * overrides), the request timeout from the page settings, and lookups made once (the service
 * user's path). The page makes one session; the CLI one per author. Nothing else keeps state.
 */
import { ENDPOINTS, type EndpointKey, type Endpoints, withOverrides } from '../contract/endpoints';
import { HTTP } from '../contract/aem-names';
import { CsrfUnavailableError, SessionExpiredError } from '../errors';
import { type AemRequestInit, type AemTransport, DEFAULT_TIMEOUT_MS, isCsrfRejection, isLoggedOut, send } from './fetch';

/**
 * Granite's own csrf.js keeps one token and renews it every few minutes (tokens live minutes,
 * [contract: Session, CSRF and the page itself]); a session keeps one for a minute, and a refused
 * token is replaced at once.
 */
export const CSRF_TOKEN_REUSE_MS = 60_000;

/** The overrides the session applied, and those it refused (reported, never applied). */
export interface OverridesApplied {
  applied: EndpointKey[];
  refused: string[];
}

export interface AemSession {
  /** The endpoint map in force: frozen; replaced, never changed, when overrides apply. */
  readonly endpoints: Endpoints;
  /** What the last overrides applied and refused. */
  readonly overrides: OverridesApplied;
  /**
   * Applies the overrides found in the page settings (to the shipped map, so they replace earlier
   * ones). Answers whether anything changed; lookups made with the old addresses are forgotten.
   */
  useOverrides(found: Record<string, unknown>): boolean;
  /** The time each request may take: the page settings' `requestTimeoutSeconds`, else 30 s. */
  useRequestTimeout(seconds: number | undefined): void;
  /** A request to AEM: a CSRF token on writes, the timeout, the size cap, no redirects, login expiry. */
  fetch(path: string, init?: AemRequestInit): Promise<Response>;
  /** `load`'s answer, asked once per session and key; a failure is asked again next time. */
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export interface AemSessionOptions {
  /** Where requests go: the page's browser transport (ui.frontend/src/app), the CLI's Node transport for an author URL. */
  transport: AemTransport;
  timeoutMs?: number;
}

export function createAemSession({ transport, timeoutMs = DEFAULT_TIMEOUT_MS }: AemSessionOptions): AemSession {
  let endpoints = ENDPOINTS;
  let overrides: OverridesApplied = { applied: [], refused: [] };
  let overridesKey = '{}';
  let requestTimeoutMs = timeoutMs;
  let kept: { token: string; at: number } | undefined;
  const lookups = new Map<string, Promise<unknown>>();

  const sessionExpired = (): never => {
    kept = undefined; // the next session has its own tokens
    transport.sessionExpired();
    throw new SessionExpiredError();
  };

  const csrfToken = async (): Promise<string> => {
    const where = endpoints.csrfToken.path;
    const res = await send(transport, transport.externalize(where), { method: 'GET' }, requestTimeoutMs);
    if (isLoggedOut(res)) sessionExpired();
    if (!res.ok) throw new CsrfUnavailableError(res.status, where);
    let token: unknown;
    try {
      token = ((await res.json()) as { token?: unknown }).token;
    } catch {
      throw new CsrfUnavailableError(res.status, where);
    }
    if (typeof token !== 'string' || !token) throw new CsrfUnavailableError(res.status, where);
    return token;
  };

  const tokenForWrite = async (fresh: boolean): Promise<string> => {
    if (!fresh && kept && Date.now() - kept.at < CSRF_TOKEN_REUSE_MS) return kept.token;
    const token = await csrfToken();
    kept = { token, at: Date.now() };
    return token;
  };

  return {
    get endpoints() {
      return endpoints;
    },
    get overrides() {
      return overrides;
    },
    useOverrides(found) {
      const key = JSON.stringify(found);
      if (key === overridesKey) return false;
      const next = withOverrides(found);
      overridesKey = key;
      endpoints = next.endpoints;
      overrides = { applied: next.applied, refused: next.refused };
      lookups.clear();
      return true;
    },
    useRequestTimeout(seconds) {
      requestTimeoutMs = seconds ? seconds * 1000 : timeoutMs;
    },
    async fetch(path, init = {}) {
      const { timeoutMs: ms = requestTimeoutMs, sendOnce = false, redirectIsAnswer = false, ...rest } = init;
      const method = (rest.method ?? 'GET').toUpperCase();
      const write = !['GET', 'HEAD'].includes(method);
      const attempt = async (freshToken: boolean) => {
        const headers = new Headers(rest.headers);
        if (write) headers.set(HTTP.csrfHeader, await tokenForWrite(freshToken));
        return send(transport, transport.externalize(path), { ...rest, method, headers }, ms, redirectIsAnswer);
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
    },
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      const known = lookups.get(key) as Promise<T> | undefined;
      if (known) return known;
      const loading = load();
      lookups.set(key, loading);
      loading.catch(() => lookups.get(key) === loading && lookups.delete(key));
      return loading;
    },
  };
}
