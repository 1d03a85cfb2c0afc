/** aemFetch and the AEM client against a scripted AEM: CSRF, refresh, login expiry, timeouts, degrade. */
import * as client from '../../ui.frontend/src/aem/client';
import { AemHttpError, CsrfUnavailableError, EndpointUnavailableError, NetworkError, SessionExpiredError, TimeoutError } from '../../ui.frontend/src/aem/errors';
import { aemFetch } from '../../ui.frontend/src/aem/fetch';
import { fakeAem, json, text, token } from '../helpers/fake-aem';

const loggedOut = () => new Response('', { status: 403, headers: { 'X-Reason': 'Authentication Failed' } });
let redirects: number;
beforeEach(() => {
  redirects = 0;
  (window.Granite as GraniteStatic).HTTP.handleLoginRedirect = () => {
    redirects++;
  };
});

test('reads send no token; writes send a fresh one each time', async () => {
  let n = 0;
  const aem = fakeAem({ 'GET /libs/granite/csrf/token.json': () => json({ token: `t${++n}` }), 'GET /x.json': () => json({}), 'POST /x': () => text('ok') });
  await aemFetch('/x.json');
  await aemFetch('/x', { method: 'POST', body: 'a=1' });
  await aemFetch('/x', { method: 'POST', body: 'a=2' });
  expect(aem.calls.map((c) => `${c.method} ${c.url} ${c.headers.get('CSRF-Token') ?? '-'}`)).toEqual([
    'GET /x.json -',
    'GET /libs/granite/csrf/token.json -',
    'POST /x t1',
    'GET /libs/granite/csrf/token.json -',
    'POST /x t2',
  ]);
});

test('a write refused 403 without X-Reason gets one token refresh and one retry', async () => {
  const aem = fakeAem({ 'GET /libs/granite/csrf/token.json': token(), 'POST /x': [text('Forbidden', 403), text('ok')] });
  const res = await aemFetch('/x', { method: 'POST' });
  expect(res.status).toBe(200);
  expect(aem.writes()).toHaveLength(2);
  const twice = fakeAem({ 'GET /libs/granite/csrf/token.json': token(), 'POST /x': [text('Forbidden', 403), text('Forbidden', 403)] });
  expect((await aemFetch('/x', { method: 'POST' })).status).toBe(403);
  expect(twice.writes()).toHaveLength(2);
});

test('an expired session (403 + X-Reason) starts the login redirect and is not retried', async () => {
  const aem = fakeAem({ 'GET /a.json': loggedOut, 'GET /libs/granite/csrf/token.json': loggedOut });
  await expect(aemFetch('/a.json')).rejects.toBeInstanceOf(SessionExpiredError);
  await expect(aemFetch('/w', { method: 'POST' })).rejects.toBeInstanceOf(SessionExpiredError);
  expect(redirects).toBe(2);
  expect(aem.writes()).toEqual([]);
});

test('a blocked token.json stops the write before it is sent', async () => {
  const aem = fakeAem({ 'GET /libs/granite/csrf/token.json': () => text('Not Found', 404, 'text/html') });
  await expect(aemFetch('/w', { method: 'POST' })).rejects.toBeInstanceOf(CsrfUnavailableError);
  expect(aem.writes()).toEqual([]);
});

test('timeouts and dropped connections become typed errors', async () => {
  fakeAem({
    'GET /slow': (call) =>
      new Promise((_resolve, reject) => {
        (call as unknown as { signal?: AbortSignal }).signal?.addEventListener('abort', () => reject(new Error('aborted')));
      }),
  });
  window.fetch = jest.fn((_u, init?: RequestInit) => new Promise<Response>((_r, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))))) as typeof fetch;
  await expect(aemFetch('/slow', { timeoutMs: 20 })).rejects.toBeInstanceOf(TimeoutError);
  window.fetch = jest.fn(() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
  await expect(aemFetch('/gone')).rejects.toBeInstanceOf(NetworkError);
});

describe('client', () => {
  test('listImsConfigs reads the folder, then each provider file, ignoring other configs', async () => {
    fakeAem({
      'GET /apps/system/config.1.json': () =>
        json({ 'jcr:primaryType': 'nt:folder', 'com.adobe.granite.auth.oauth.accesstoken.provider.abc.config': {}, 'com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl.abc.config': {}, 'org.apache.sling.Other.config': {} }),
      'GET /apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider.abc.config': () =>
        text('auth.token.provider.title="Brand\\ Portal"\nauth.token.provider.client.id="cid"\nauth.token.provider.authorization.grants="client_credentials"\nauth.token.provider.scope="openid,AdobeID"\nauth.token.provider.orgId="O@AdobeOrg"\n'),
    });
    expect(await client.listImsConfigs()).toEqual([
      expect.objectContaining({ id: 'abc', pid: 'com.adobe.granite.auth.oauth.accesstoken.provider.abc', title: 'Brand Portal', clientId: 'cid', authType: 'oauth', scopes: ['openid', 'AdobeID'], orgId: 'O@AdobeOrg' }),
    ]);
  });

  test('saveImsConfig sends the contract parameters and answers the id; an HTML answer is "not bound"', async () => {
    const aem = fakeAem({ 'GET /libs/granite/csrf/token.json': token(), 'POST /apps/bpsetup/ims/update': [text('new-id\n'), text('<html>Content modified</html>', 200, 'text/html')] });
    const input = { authType: 'jwt' as const, title: ' Brand Portal ', authServerUrl: 'https://ims-na1.adobelogin.com/', clientId: 'cid', clientSecret: 's', orgId: 'O@AdobeOrg', technicalAccountId: 'T@techacct.adobe.com', jwtPayload: '{"exp":1}', keyAlias: 'bp' };
    expect(await client.saveImsConfig(input)).toBe('new-id');
    const body = Object.fromEntries(new URLSearchParams(String(aem.writes()[0].body)));
    expect(body).toEqual({ cloudServiceName: 'Adobe Brand Portal', keypairAliases: 'bp', keypairAlias: 'bp', newKeypairAlias: 'bp', title: 'Brand Portal', authServerUrl: 'https://ims-na1.adobelogin.com', apiKey: 'cid', clientSecret: 's', jwtClaims: '{"exp":1}' });
    await expect(client.saveImsConfig(input)).rejects.toBeInstanceOf(AemHttpError);
    const oauth = Object.fromEntries(client.imsConfigForm({ ...input, authType: 'oauth', scopes: ['openid', 'AdobeID'], configurationId: 'x' }));
    expect(oauth).toEqual({ authType: 'oauth', title: 'Brand Portal', authServerUrl: 'https://ims-na1.adobelogin.com', apiKey: 'cid', clientSecret: 's', orgId: 'O@AdobeOrg', scope: 'openid,AdobeID', configurationId: 'x' });
  });

  test('an UNKNOWN endpoint answering 404/405 degrades; a JSON 404 is a real error', async () => {
    fakeAem({ 'GET /apps/bpsetup/unverified/check-health.json': [text('<html>404</html>', 404, 'text/html'), json({ error: 'No IMS configuration x' }, 404)], 'GET /apps/bpsetup/unverified/product-info.json': () => text('', 405, 'text/html') });
    await expect(client.checkHealth('x')).rejects.toBeInstanceOf(EndpointUnavailableError);
    await expect(client.checkHealth('x')).rejects.toBeInstanceOf(AemHttpError);
    await expect(client.productInfo()).rejects.toBeInstanceOf(EndpointUnavailableError);
  });

  test('keystore: a Sling error page is an error; the private key travels as a file part', async () => {
    const aem = fakeAem({
      'GET /libs/granite/csrf/token.json': token(),
      // A 403 is retried once with a fresh token (it may be a stale CSRF token), then reported.
      'POST /home/users/system/brandportal-imsconfig-service.ks.html': [
        text('<div id="Status">403</div><div id="Message">The keystore password is not correct.</div>', 403, 'text/html'),
        text('<div id="Status">403</div><div id="Message">The keystore password is not correct.</div>', 403, 'text/html'),
        text('<div id="Status">200</div>', 200, 'text/html'),
      ],
    });
    await expect(client.addKeyPair('bp', 'wrong', 'KEY', 'CERT')).rejects.toMatchObject({ status: 403 });
    await client.addKeyPair('bp', 'right', 'KEY', 'CERT');
    expect(aem.writes()).toHaveLength(3);
    const form = aem.writes()[2].body as FormData;
    expect(form.get(':operation')).toBe('add');
    expect(form.get('pk')).toBeInstanceOf(Blob);
    expect(form.get('cert-chain')).toBeInstanceOf(Blob);
  });
});
