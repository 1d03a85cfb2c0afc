/** The AEM session against a scripted AEM: CSRF tokens, refresh, login expiry, timeouts. */
import { CsrfUnavailableError, NetworkError, SessionExpiredError, TimeoutError } from '../../../core/errors';
import { type AemSession, CSRF_TOKEN_REUSE_MS, createAemSession } from '../../../core/aem/session';
import { browserTransport } from '../../../ui.frontend/src/app/browser-transport';
import { fakeAem, json, text, token } from '../../helpers/fake-aem';

const loggedOut = () => new Response('', { status: 403, headers: { 'X-Reason': 'Authentication Failed' } });
let redirects: number;
let session: AemSession;
beforeEach(() => {
  session = createAemSession({ transport: browserTransport });
  redirects = 0;
  (window.Granite as GraniteStatic).HTTP.handleLoginRedirect = () => {
    redirects++;
  };
});

test('reads send no token; writes share one token for a minute, then fetch a new one', async () => {
  let n = 0;
  const aem = fakeAem({
    'GET /libs/granite/csrf/token.json': () => json({ token: `t${++n}` }),
    'GET /x.json': () => json({}),
    'POST /x': () => text('ok'),
  });
  const now = jest.spyOn(Date, 'now');
  try {
    now.mockReturnValue(1_000_000);
    await session.fetch('/x.json');
    await session.fetch('/x', { method: 'POST', body: 'a=1' });
    await session.fetch('/x', { method: 'POST', body: 'a=2' });
    now.mockReturnValue(1_000_000 + CSRF_TOKEN_REUSE_MS);
    await session.fetch('/x', { method: 'POST', body: 'a=3' });
  } finally {
    now.mockRestore();
  }
  expect(aem.calls.map((c) => `${c.method} ${c.url} ${c.headers.get('CSRF-Token') ?? '-'}`)).toEqual([
    'GET /x.json -',
    'GET /libs/granite/csrf/token.json -',
    'POST /x t1',
    'POST /x t1',
    'GET /libs/granite/csrf/token.json -',
    'POST /x t2',
  ]);
});

test('a refused kept token is replaced by a fresh one for the retry', async () => {
  let n = 0;
  const aem = fakeAem({
    'GET /libs/granite/csrf/token.json': () => json({ token: `t${++n}` }),
    'POST /x': [text('ok'), text('Forbidden', 403), text('ok')],
  });
  await session.fetch('/x', { method: 'POST' });
  expect((await session.fetch('/x', { method: 'POST' })).status).toBe(200);
  expect(aem.writes().map((c) => c.headers.get('CSRF-Token'))).toEqual(['t1', 't1', 't2']);
});

test('a write refused 403 without X-Reason gets one token refresh and one retry', async () => {
  const aem = fakeAem({ 'GET /libs/granite/csrf/token.json': token(), 'POST /x': [text('Forbidden', 403), text('ok')] });
  const res = await session.fetch('/x', { method: 'POST' });
  expect(res.status).toBe(200);
  expect(aem.writes()).toHaveLength(2);
  const twice = fakeAem({ 'GET /libs/granite/csrf/token.json': token(), 'POST /x': [text('Forbidden', 403), text('Forbidden', 403)] });
  expect((await session.fetch('/x', { method: 'POST' })).status).toBe(403);
  expect(twice.writes()).toHaveLength(2);
});

test('an expired session (403 + X-Reason) starts the login redirect and is not retried', async () => {
  const aem = fakeAem({ 'GET /a.json': loggedOut, 'GET /libs/granite/csrf/token.json': loggedOut });
  await expect(session.fetch('/a.json')).rejects.toBeInstanceOf(SessionExpiredError);
  await expect(session.fetch('/w', { method: 'POST' })).rejects.toBeInstanceOf(SessionExpiredError);
  expect(redirects).toBe(2);
  expect(aem.writes()).toEqual([]);
});

test('a blocked token.json stops the write before it is sent', async () => {
  const aem = fakeAem({ 'GET /libs/granite/csrf/token.json': () => text('Not Found', 404, 'text/html') });
  await expect(session.fetch('/w', { method: 'POST' })).rejects.toBeInstanceOf(CsrfUnavailableError);
  expect(aem.writes()).toEqual([]);
});

test('timeouts and dropped connections become typed errors', async () => {
  fakeAem({
    'GET /slow': (call) =>
      new Promise((_resolve, reject) => {
        (call as unknown as { signal?: AbortSignal }).signal?.addEventListener('abort', () => reject(new Error('aborted')));
      }),
  });
  window.fetch = jest.fn(
    (_u, init?: RequestInit) =>
      new Promise<Response>((_r, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
  ) as typeof fetch;
  await expect(session.fetch('/slow', { timeoutMs: 20 })).rejects.toBeInstanceOf(TimeoutError);
  window.fetch = jest.fn(() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
  await expect(session.fetch('/gone')).rejects.toBeInstanceOf(NetworkError);
});

test('each session keeps its own token: another page or author never reuses it', async () => {
  let n = 0;
  const aem = fakeAem({ 'GET /libs/granite/csrf/token.json': () => json({ token: `t${++n}` }), 'POST /x': () => text('ok') });
  const other = createAemSession({ transport: browserTransport });
  await session.fetch('/x', { method: 'POST' });
  await other.fetch('/x', { method: 'POST' });
  await session.fetch('/x', { method: 'POST' });
  expect(aem.writes().map((c) => c.headers.get('CSRF-Token'))).toEqual(['t1', 't2', 't1']);
});

test('the request timeout from the settings applies to that session only', async () => {
  window.fetch = jest.fn(
    (_u, init?: RequestInit) =>
      new Promise<Response>((_r, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
  ) as typeof fetch;
  const slow = createAemSession({ transport: browserTransport, timeoutMs: 5000 });
  session.useRequestTimeout(1);
  const started = session.fetch('/slow').catch((e: unknown) => e);
  await expect(started).resolves.toMatchObject({ ms: 1000 });
  slow.useRequestTimeout(undefined);
  const pending = slow.fetch('/slow', { timeoutMs: 10 }).catch((e: unknown) => e);
  await expect(pending).resolves.toMatchObject({ ms: 10 });
});
