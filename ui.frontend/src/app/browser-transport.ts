/**
 * The page's transport to AEM: the browser's fetch on the author's origin (its session cookie,
 * never a cached answer), Granite's externalize for the context path, and Granite's login
 * redirect once the session is gone. The CLI and the tests bring their own (core/aem/fetch.ts).
 */
import type { AemTransport } from '../../../core/aem/fetch';
import { ENDPOINTS } from '../../../core/contract/endpoints';
import { HTTP } from '../../../core/contract/aem-names';

export const browserTransport: AemTransport = {
  externalize: (path) => window.Granite?.HTTP?.externalize(path) ?? path,
  fetch: (url, init) => fetch(url, { credentials: 'same-origin', cache: 'no-store', ...init }),
  sessionExpired() {
    const http = window.Granite?.HTTP;
    if (http) http.handleLoginRedirect();
    else window.location.assign(`${ENDPOINTS.loginPage.path}?${HTTP.loginResourceParam}=${encodeURIComponent(window.location.pathname)}`);
  },
};
