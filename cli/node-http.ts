/**
 * One HTTP exchange over Node's own http/https modules, answered as a Fetch `Response` whose body
 * is already in memory. The CLI runs every author in a worker thread of its own, and Node's
 * `fetch` costs each thread a fifth of a second of CPU before its first byte (it loads undici and
 * compiles its WebAssembly parser); this does the same exchange without either. Like the
 * transport's `fetch` with `redirect: 'manual'`, a 3xx is returned as it came, never followed.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { MAX_RESPONSE_BYTES } from '../core/aem/fetch';
import { ResponseTooLargeError } from '../core/errors';

/** The body as bytes and the content type it implies (a form, multipart, text), as fetch would send them. */
async function encodedBody(url: string, init: RequestInit): Promise<{ bytes?: Buffer; contentType?: string }> {
  if (init.body === undefined || init.body === null) return {};
  const encoded = new Request(url, { method: 'POST', body: init.body });
  return { bytes: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type') ?? undefined };
}

function responseHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

const NO_BODY = new Set([101, 204, 205, 304]);

export async function nodeHttpFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const target = new URL(url);
  const headers = new Headers(init.headers);
  const { bytes, contentType } = await encodedBody(url, init);
  if (contentType && !headers.has('content-type')) headers.set('content-type', contentType);
  if (bytes) headers.set('content-length', String(bytes.byteLength));
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const signal = init.signal ?? undefined;
  const method = init.method ?? 'GET';
  const exchange = (retried: boolean): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      const req = request(target, { method, headers: Object.fromEntries(headers), signal }, (res) => {
        const declared = Number(res.headers['content-length'] ?? '');
        const chunks: Buffer[] = [];
        let size = 0;
        const tooLarge = () => {
          res.destroy();
          reject(new ResponseTooLargeError(url, MAX_RESPONSE_BYTES));
        };
        if (declared > MAX_RESPONSE_BYTES) return tooLarge();
        res.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > MAX_RESPONSE_BYTES) return tooLarge();
          chunks.push(chunk);
        });
        // Cut off mid-answer (a reset, or the timeout's abort): nothing more will come.
        const cutOff = (why: string) =>
          reject(new Error(`The connection closed before the whole answer from ${target.host} arrived (${why})`));
        res.on('error', (e) => cutOff(e.message));
        res.on('close', () => {
          if (!res.complete) cutOff('closed');
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const body = NO_BODY.has(status) ? null : Buffer.concat(chunks);
          resolve(new Response(body, { status, statusText: res.statusMessage ?? '', headers: responseHeaders(res.headers) }));
        });
      });
      req.on('error', (e: NodeJS.ErrnoException) => {
        // A kept-alive connection the server had just closed: Node's documented case for sending a
        // read again on a new connection (a write is never sent twice).
        const stale = req.reusedSocket && e.code === 'ECONNRESET';
        if (stale && !retried && (method === 'GET' || method === 'HEAD')) resolve(exchange(true));
        else reject(e);
      });
      req.end(bytes);
    });
  return exchange(false);
}
