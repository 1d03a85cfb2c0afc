/** Login page, j_security_check and logout [contract: Session, CSRF and the page itself]. */
import { ENDPOINTS } from '../../core/contract/endpoints';
import { HTTP } from '../../core/contract/aem-names';
import { type EmulatorContext, type Route, exactPath, route } from '../context';
import { escapeHtml, redirect, sendHtml, sendText } from '../http';
import { coralHead } from '../render/coral-head';

const START_PAGE = '/aem/start.html';

export const loginPageUrl = (resource: string): string =>
  `${ENDPOINTS.loginPage.path}?${HTTP.loginResourceParam}=${encodeURIComponent(resource)}`;

const SAME_ORIGIN = 'http://author.invalid';

/**
 * Only same-origin paths are followed after login (no open redirect): no whitespace or control
 * character (browsers drop tabs and newlines, so `/<tab>/host` becomes `//host`), no backslash,
 * and the path must resolve to this origin.
 */
export function safeResource(value: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  if (!value || !value.startsWith('/') || value.startsWith('//') || /[\u0000-\u0020\u007f\\]/.test(value)) return START_PAGE;
  const url = new URL(value, SAME_ORIGIN);
  // `/.//host` resolves to the path `//host`, which a browser reads as another host.
  return url.origin === SAME_ORIGIN && !url.pathname.startsWith('//') ? `${url.pathname}${url.search}${url.hash}` : START_PAGE;
}

function loginPage(resource: string, failed: boolean): string {
  return `<!DOCTYPE html>
<html lang="en" class="coral--light">
<head><meta charset="utf-8"><title>Adobe Experience Manager</title>${coralHead()}</head>
<body class="coral--light">
<main class="emulator-login" style="max-width:360px;margin:10vh auto;padding:32px;background:#fff;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.15)">
  <h1 class="coral-Heading coral-Heading--2">Welcome to Adobe Experience Manager</h1>
  <p class="coral-Body--S">Local AEM author emulator</p>
  ${failed ? '<coral-alert variant="error" id="login-error"><coral-alert-content>User name and password do not match</coral-alert-content></coral-alert>' : ''}
  <form id="login" action="${ENDPOINTS.loginSubmit.path}" method="POST" accept-charset="UTF-8">
    <input type="hidden" name="_charset_" value="UTF-8">
    <input type="hidden" name="${HTTP.loginResourceParam}" value="${escapeHtml(resource)}">
    <p><label for="username">User name</label><br><input is="coral-textfield" id="username" name="${HTTP.usernameField}" autocomplete="username" aria-required="true"></p>
    <p><label for="password">Password</label><br><input is="coral-textfield" id="password" name="${HTTP.passwordField}" type="password" autocomplete="current-password" aria-required="true"></p>
    <button is="coral-button" variant="cta" id="submit-button" type="submit">Sign In</button>
  </form>
</main>
</body></html>`;
}

export function loginRoutes(ctx: EmulatorContext): Route[] {
  return [
    route(
      'GET',
      exactPath(ENDPOINTS.loginPage.path),
      (req, res) => {
        const resource = safeResource(req.url.searchParams.get(HTTP.loginResourceParam) ?? undefined);
        sendHtml(res, 200, loginPage(resource, req.url.searchParams.get('j_reason') === 'invalid_login'));
      },
      { anonymous: true },
    ),

    route(
      'POST',
      exactPath(ENDPOINTS.loginSubmit.path),
      async (req, res) => {
        const user = (await req.param(HTTP.usernameField)) ?? '';
        const password = (await req.param(HTTP.passwordField)) ?? '';
        const resource = safeResource(await req.param(HTTP.loginResourceParam));
        const token = ctx.sessions.login(user, password);
        const html = String(req.raw.headers.accept ?? '').includes('text/html');
        if (!token) {
          if (html) return redirect(res, `${loginPageUrl(resource)}&j_reason=invalid_login`);
          return sendText(res, 403, 'Invalid login', { [HTTP.reasonHeader]: HTTP.authFailedReason });
        }
        const cookie = `${HTTP.loginCookie}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax`;
        if (html) return redirect(res, resource, { 'Set-Cookie': cookie });
        return sendText(res, 200, 'OK', { 'Set-Cookie': cookie });
      },
      { anonymous: true, csrfExempt: true },
    ),

    route(
      'GET',
      /^\/system\/sling\/logout(\.html)?$/,
      (req, res) => {
        ctx.sessions.logout(req.cookies[HTTP.loginCookie]);
        redirect(res, ENDPOINTS.loginPage.path, { 'Set-Cookie': `${HTTP.loginCookie}=; Path=/; Max-Age=0` });
      },
      { anonymous: true },
    ),

    route('GET', /^\/$/, (_req, res) => redirect(res, START_PAGE), { anonymous: true }),
  ];
}
