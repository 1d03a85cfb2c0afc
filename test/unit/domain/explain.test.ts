/** Health failures and request failures in plain words, with the fix. */
import { ENDPOINTS } from '../../../core/contract/endpoints';
import {
  AemHttpError,
  CsrfUnavailableError,
  EndpointNotKnownError,
  EndpointUnavailableError,
  ServletNotBoundError,
  NetworkError,
  SessionExpiredError,
  TimeoutError,
} from '../../../core/errors';
import { explainHealthFailure, parseProviderFailure } from '../../../core/domain/explain';
import { explainWithGuards } from '../../../core/domain/explain-guard';
import { explainRequestError } from '../../../core/domain/explain-request';

const provider = (status: number, body: object) =>
  `com.adobe.granite.auth.oauth.AccessTokenProvider failed to get access token from authorization server status: ${status} response: ${JSON.stringify(body)}`;

test('the provider text is parsed into status and IMS body', () => {
  expect(parseProviderFailure(provider(400, { error: 'invalid_scope' }))).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
  expect(parseProviderFailure('no structure')).toEqual({ raw: 'no structure' });
});

test.each<[string, string, string]>([
  [
    provider(401, { error: 'invalid_client', error_description: 'invalid client_secret parameter' }),
    'rejected the client ID or client secret',
    'Copy the client ID and client secret again',
  ],
  [
    provider(400, { error: 'invalid_client', error_description: 'aud does not match the client_id' }),
    'does not match the credential',
    'organization ID',
  ],
  [provider(400, { error: 'invalid_scope' }), 'lacks the Brand Portal scope', 'add the Brand Portal API'],
  [
    provider(400, { error: 'invalid_signature', error_description: 'The certificate registered for this integration expired on 2025' }),
    'could not verify the signature',
    'create a new certificate if it expired',
  ],
  [provider(400, { error: 'invalid_token', error_description: 'JWT token is expired' }), 'expired or unreadable', 'clock'],
  [provider(400, { error: 'bad_request' }), 'malformed', 'exactly as the Developer Console'],
  [provider(400, { foo: 1 }), 'failed to get an access token', 'save the configuration again'],
  [provider(503, {}), 'not answering properly', 'status.adobe.com'],
  [
    'com.adobe.granite.auth.oauth.AccessTokenProvider failed to get access token from authorization server: java.net.UnknownHostException: ims-na1.adobelogin.com',
    'cannot reach Adobe IMS',
    'proxy or firewall',
  ],
  [
    'com.adobe.granite.auth.oauth.AccessTokenProvider failed to get access token from authorization server: No private key with alias "x"',
    'private key is missing',
    'Certificate step',
  ],
])('%s', (message, title, fix) => {
  const e = explainHealthFailure(message);
  expect(e.title).toContain(title);
  expect(e.fix).toContain(fix);
});

test('request failures: each kind explained, with retry only where nothing was half-written', () => {
  const unavailable = explainRequestError(new EndpointUnavailableError(ENDPOINTS.checkHealth, 404), ENDPOINTS);
  expect(unavailable).toMatchObject({ retry: false, console: { href: '/libs/cq/adobeims-configuration/content/configurations.html' } });
  expect(unavailable.explanation).toContain('/apps/bpsetup/health.json answered HTTP 404');
  const unknown = explainWithGuards(new EndpointNotKnownError(ENDPOINTS.publicKey), ENDPOINTS);
  expect(unknown).toMatchObject({ retry: false, title: 'The page does not know where this AEM offers this action' });
  expect(unknown.explanation).toContain('nothing was sent');
  expect(explainRequestError(new EndpointUnavailableError(ENDPOINTS.systemUsersRoot, 405), ENDPOINTS).console?.href).toBe(
    '/security/users.html',
  );
  expect(explainRequestError(new EndpointUnavailableError(ENDPOINTS.agentsRoot, 404), ENDPOINTS).console?.href).toBe(
    '/etc/replication/agents.author.html',
  );
  expect(explainRequestError(new CsrfUnavailableError(404, ENDPOINTS.csrfToken.path), ENDPOINTS).fix).toContain('Dispatcher');
  expect(explainRequestError(new SessionExpiredError(), ENDPOINTS).retry).toBe(false);
  expect(explainRequestError(new TimeoutError(30000), ENDPOINTS).retry).toBe(true);
  expect(explainRequestError(new NetworkError(), ENDPOINTS).title).toContain('did not reach AEM');
  const clean = explainWithGuards(new ServletNotBoundError(ENDPOINTS.imsConfigUpdate, 200, '<div id="Status">200</div>', []), ENDPOINTS);
  expect(clean).toMatchObject({ retry: false, console: { href: '/libs/cq/adobeims-configuration/content/configurations.html' } });
  expect(clean.explanation).toContain('nothing of the form, the client secret included, is left there');
  const dirty = explainWithGuards(new ServletNotBoundError(ENDPOINTS.imsConfigUpdate, 200, '', ['clientSecret', 'apiKey']), ENDPOINTS);
  expect(dirty.explanation).toContain('still stored at /apps/bpsetup/ims/update: clientSecret, apiKey');
  expect(dirty.explanation).toContain('CRXDE');
  const refused = explainRequestError(new AemHttpError(400, 'Missing required parameter: apiKey', '/apps/bpsetup/ims/update'), ENDPOINTS);
  expect(refused).toMatchObject({ explanation: 'Missing required parameter: apiKey', raw: { status: 400 }, retry: true });
  const sling = explainRequestError(
    new AemHttpError(403, '<div id="Message">The keystore password is not correct.</div>', '/x.ks.html'),
    ENDPOINTS,
  );
  expect(sling.title).toContain('403');
  expect(explainRequestError(new AemHttpError(500, 'boom', '/x'), ENDPOINTS).fix).toContain('error.log');
});
