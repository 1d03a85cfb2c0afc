/**
 * Whether a host answers as AEM at all, asked only when a read that every AEM answers failed: Granite's
 * CSRF token servlet is on every AEM and answers a signed-in user JSON with a token [contract:
 * Session, CSRF and the page itself]. A 404, or an answer that is not that JSON, means another
 * server answered: a web server, a Dispatcher that blocks /libs, a wrong port. Then nothing it
 * answered says anything about Brand Portal: no part is "missing" there. A sign-in page answering
 * instead (a single sign-on proxy, a login page in front of AEM) means "not signed in".
 */
import type { AemSession } from './session';
import { isAemError } from '../errors';

export type AuthorIdentity = 'aem' | 'not-aem' | 'login-page';

/** A sign-in form: a password field (AEM's own login page posts to j_security_check). */
const LOGIN_FORM = /<input[^>]+type\s*=\s*["']?password|j_security_check/i;

export async function authorIdentity(s: AemSession): Promise<AuthorIdentity> {
  try {
    const res = await s.fetch(s.endpoints.csrfToken.path);
    const text = await res.text();
    if (LOGIN_FORM.test(text)) return 'login-page';
    if (!res.ok) return 'not-aem';
    let body: { token?: unknown } | undefined;
    try {
      body = JSON.parse(text) as { token?: unknown };
    } catch {
      return 'not-aem';
    }
    return typeof body?.token === 'string' ? 'aem' : 'not-aem';
  } catch (e) {
    // Unreachable, timed out or signed out: said by the caller's own explanation, not judged here.
    if (isAemError(e, 'NetworkError') || isAemError(e, 'TimeoutError') || isAemError(e, 'SessionExpiredError')) throw e;
    return 'not-aem';
  }
}
