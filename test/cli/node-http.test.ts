/**
 * The CLI's HTTP exchange over Node's http module (cli/node-http.ts) sends what `fetch` would send
 * (form and multipart bodies with their content types, every header) and answers as `fetch` with
 * `redirect: 'manual'` does: redirects returned, not followed; repeated headers kept; a body over
 * the cap or cut off mid-way is an error, never a short answer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeHttpFetch } from '../../cli/node-http';
import { MAX_RESPONSE_BYTES } from '../../core/aem/fetch';
import { ResponseTooLargeError } from '../../core/errors';

let base: string;
let handle: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => handle(req, Buffer.concat(chunks), res));
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('a form is sent urlencoded with its type, a multipart form with its boundary, and the headers given', async () => {
  const seen: { type?: string; body: string; csrf?: string; length?: string }[] = [];
  handle = (req, body, res) => {
    seen.push({
      type: req.headers['content-type'],
      body: body.toString(),
      csrf: req.headers['csrf-token'] as string,
      length: req.headers['content-length'],
    });
    res.writeHead(201, { 'Content-Type': 'application/json' }).end('{"ok":true}');
  };
  const res = await nodeHttpFetch(`${base}/form`, {
    method: 'POST',
    body: new URLSearchParams({ a: 'b c' }),
    headers: { 'CSRF-Token': 't1' },
  });
  expect([res.status, await res.json()]).toEqual([201, { ok: true }]);
  const multipart = new FormData();
  multipart.append('file', new Blob(['zip bytes']), 'backup.zip');
  await nodeHttpFetch(`${base}/upload`, { method: 'POST', body: multipart });
  expect(seen[0]).toEqual({ type: 'application/x-www-form-urlencoded;charset=UTF-8', body: 'a=b+c', csrf: 't1', length: '5' });
  expect(seen[1].type).toMatch(/^multipart\/form-data; boundary=/);
  expect(seen[1].body).toContain('filename="backup.zip"');
  expect(seen[1].body).toContain('zip bytes');
});

test('a redirect is answered as it came, never followed; repeated headers are all kept', async () => {
  handle = (req, _body, res) => {
    if (req.url === '/elsewhere') throw new Error('the redirect was followed');
    res.writeHead(302, [
      ['Location', '/elsewhere'],
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
    ]);
    res.end();
  };
  const res = await nodeHttpFetch(`${base}/moved`);
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toBe('/elsewhere');
  expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
});

test('an answer over the cap fails, declared or streamed; one cut off mid-way fails too', async () => {
  handle = (req, _body, res) => {
    if (req.url === '/declared') return void res.writeHead(200, { 'Content-Length': String(MAX_RESPONSE_BYTES + 1) }).end();
    if (req.url === '/cut') {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('only part');
      return void setTimeout(() => res.destroy(), 20);
    }
    res.writeHead(200);
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    for (let i = 0; i <= MAX_RESPONSE_BYTES / chunk.length; i++) res.write(chunk);
    res.end();
  };
  await expect(nodeHttpFetch(`${base}/declared`)).rejects.toBeInstanceOf(ResponseTooLargeError);
  await expect(nodeHttpFetch(`${base}/streamed`)).rejects.toBeInstanceOf(ResponseTooLargeError);
  await expect(nodeHttpFetch(`${base}/cut`)).rejects.toThrow(/closed before the whole answer/);
});

test('an abort stops the exchange, and a refused connection is an error', async () => {
  handle = () => undefined; // never answers
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  await expect(nodeHttpFetch(`${base}/hangs`, { signal: controller.signal })).rejects.toThrow(/abort/i);
  await expect(nodeHttpFetch('http://127.0.0.1:9/')).rejects.toThrow(/ECONNREFUSED/);
});

test('a read on a kept-alive connection the server has just closed is sent again on a new one; a write is not', async () => {
  const seen: string[] = [];
  let served = 0;
  handle = (req, _body, res) => {
    seen.push(`${req.method} ${req.url}`);
    // The second request on a connection finds it closed, as a server's keep-alive timeout does.
    if ((req.socket as { served?: number }).served) return void req.socket.destroy();
    (req.socket as { served?: number }).served = ++served;
    res.writeHead(200).end('ok');
  };
  expect(await (await nodeHttpFetch(`${base}/first`)).text()).toBe('ok');
  expect(await (await nodeHttpFetch(`${base}/again`)).text()).toBe('ok');
  expect(seen).toEqual(['GET /first', 'GET /again', 'GET /again']);
  await nodeHttpFetch(`${base}/warm`);
  await expect(nodeHttpFetch(`${base}/write`, { method: 'POST', body: 'x' })).rejects.toThrow(/socket hang up|ECONNRESET/);
  expect(seen.filter((s) => s === 'POST /write')).toHaveLength(1);
});
