/** The AEM session against hostile answers: redirects are never followed, a trickling body times out, a huge one is refused. */
import { ReadableStream } from 'node:stream/web';
import { updateConfiguration } from '../../../core/aem/config-manager-client';
import { deleteAuthorizable, deleteNode } from '../../../core/aem/brand-portal-client';
import { RedirectRefusedError, ResponseTooLargeError, TimeoutError, UnsafePathError } from '../../../core/errors';
import { MAX_RESPONSE_BYTES } from '../../../core/aem/fetch';
import { type AemSession, createAemSession } from '../../../core/aem/session';
import { browserTransport } from '../../../ui.frontend/src/app/browser-transport';
import { ENDPOINTS } from '../../../core/contract/endpoints';
import { explainRequestError } from '../../../core/domain/explain-request';
import { explainWithGuards } from '../../../core/domain/explain-guard';
import { fakeAem, json, text } from '../../helpers/fake-aem';

let session: AemSession;
beforeEach(() => {
  session = createAemSession({ transport: browserTransport });
});

const redirectTo = (status: number, location: string) => new Response(null, { status, headers: { Location: location } });

test.each([301, 302, 303, 307, 308])('a %i is refused, not followed, and a write that got it sends nothing more', async (status) => {
  const aem = fakeAem({
    'GET /libs/granite/csrf/token.json': () => json({ token: 't' }),
    'GET /conf/x.json': () => redirectTo(status, 'https://elsewhere.example/capture'),
    'POST /apps/bpsetup/ims/update': () => redirectTo(status, 'https://elsewhere.example/capture'),
  });
  await expect(session.fetch('/conf/x.json')).rejects.toBeInstanceOf(RedirectRefusedError);
  await expect(session.fetch('/apps/bpsetup/ims/update', { method: 'POST', body: 'a=1', sendOnce: true })).rejects.toBeInstanceOf(
    RedirectRefusedError,
  );
  // Every request asked the browser not to follow; nothing went to the other origin.
  expect((window.fetch as jest.Mock).mock.calls.every(([, init]) => (init as RequestInit).redirect === 'manual')).toBe(true);
  expect(aem.calls.map((c) => c.url)).not.toContainEqual(expect.stringContaining('elsewhere'));
  expect(aem.writes()).toHaveLength(1);
});

test("the browser's opaque redirect is refused and explained with a fix", async () => {
  window.fetch = jest.fn(async () => {
    const res = new Response(null, { status: 200 });
    Object.defineProperty(res, 'type', { value: 'opaqueredirect' });
    Object.defineProperty(res, 'status', { value: 0 });
    return res;
  }) as typeof fetch;
  const error = await session.fetch('/etc/replication/agents.author.1.json').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RedirectRefusedError);
  const problem = explainRequestError(error, ENDPOINTS);
  expect(problem.title).toMatch(/redirect/);
  expect(problem.explanation).toMatch(/not shown by the browser/);
  expect(problem.raw?.where).toBe('/etc/replication/agents.author.1.json');
});

test('a redirect location with credentials is echoed without the password', () => {
  const problem = explainRequestError(new RedirectRefusedError('/x', 302, 'https://ops:hunter2secret@proxy.example/login'), ENDPOINTS);
  expect(problem.explanation).toContain('https://ops:[masked]@proxy.example/login');
  expect(problem.explanation).not.toContain('hunter2secret');
});

test("the configuration manager's 302 is its answer: returned, not followed", async () => {
  const aem = fakeAem({
    'GET /libs/granite/csrf/token.json': () => json({ token: 't' }),
    'POST /system/console/configMgr/some.pid': () => redirectTo(302, 'http://localhost:4502/system/console/configMgr'),
  });
  await expect(updateConfiguration(session, 'some.pid', { a: 'b' })).resolves.toBeUndefined();
  expect(aem.calls.map((c) => c.url)).toEqual(['/libs/granite/csrf/token.json', '/system/console/configMgr/some.pid']);
});

test('the timeout covers the whole body: headers on time, a body that trickles, is a timeout', async () => {
  window.fetch = jest.fn(async (_u: unknown, init?: RequestInit) => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"a":'));
        init?.signal?.addEventListener('abort', () => controller.error(new Error('aborted')));
      },
    });
    return new Response(body as unknown as BodyInit, { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  await expect(session.fetch('/slow.json', { timeoutMs: 50 })).rejects.toBeInstanceOf(TimeoutError);
});

test('an answer over the cap fails that request only, declared or streamed', async () => {
  const big = new Uint8Array(MAX_RESPONSE_BYTES + 1);
  fakeAem({
    'GET /declared.json': () => new Response('{}', { headers: { 'Content-Length': String(MAX_RESPONSE_BYTES + 5) } }),
    'GET /streamed.json': () => new Response(big),
    'GET /small.json': () => json({ ok: true }),
  });
  await expect(session.fetch('/declared.json')).rejects.toBeInstanceOf(ResponseTooLargeError);
  await expect(session.fetch('/streamed.json')).rejects.toBeInstanceOf(ResponseTooLargeError);
  expect(await (await session.fetch('/small.json')).json()).toEqual({ ok: true });
  expect(explainRequestError(new ResponseTooLargeError('/streamed.json', MAX_RESPONSE_BYTES), ENDPOINTS).explanation).toMatch(/10 MB/);
});

test('a whole answer keeps status, headers and text', async () => {
  fakeAem({ 'GET /t': () => text('hello', 201, 'text/html') });
  const res = await session.fetch('/t');
  expect([res.status, res.headers.get('content-type'), await res.text()]).toEqual([201, 'text/html', 'hello']);
});

test('a delete aimed at a non-canonical path is refused before anything is sent, and explained', async () => {
  const aem = fakeAem({ 'GET /libs/granite/csrf/token.json': () => json({ token: 't' }) });
  for (const path of ['/conf/a/..\\..\\content\\victim', '/home/users/mac/acme/%2e%2e/admin', '/etc/x?y', 'relative']) {
    await expect(deleteNode(session, path)).rejects.toBeInstanceOf(UnsafePathError);
    await expect(deleteAuthorizable(session, path)).rejects.toBeInstanceOf(UnsafePathError);
  }
  expect(aem.calls).toHaveLength(0);
  const problem = explainWithGuards(new UnsafePathError('/etc/x?y'), ENDPOINTS);
  expect(problem).toMatchObject({ title: expect.stringMatching(/not deleted/), retry: false });
});
