/**
 * Small HTTP helpers for the emulator: request wrapper with a size-limited body parser
 * (urlencoded, multipart via busboy, JSON), cookies, and response writers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import busboy from 'busboy';
import { canonicalPath } from './request-path';

/** Stands for a path with no canonical form: no route and no node matches it, so it answers 404. */
export const UNREACHABLE_PATH = '/\u0000';

export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface UploadedFile {
  filename: string;
  mimeType: string;
  data: Buffer;
}

export interface FormBody {
  fields: Map<string, string[]>;
  files: Map<string, UploadedFile>;
  json?: unknown;
  raw: Buffer;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface EmulatorRequest {
  readonly raw: IncomingMessage;
  readonly method: string;
  readonly url: URL;
  /** Decoded path without query. */
  readonly path: string;
  readonly cookies: Record<string, string>;
  /** The logged-in user id, once authenticated. */
  user?: string;
  /** Lazily parsed body (cached). */
  body(): Promise<FormBody>;
  /** First value of a form field, or of the query parameter when the body has none. */
  param(name: string): Promise<string | undefined>;
  params(name: string): Promise<string[]>;
}

export const isWrite = (method: string): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(method);

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(new HttpError(413, `Request body larger than ${MAX_BODY_BYTES} bytes`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, `Request body larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseMultipart(req: IncomingMessage, raw: Buffer): Promise<FormBody> {
  return new Promise((resolve, reject) => {
    const body: FormBody = { fields: new Map(), files: new Map(), raw };
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: MAX_BODY_BYTES } });
    } catch (e) {
      return reject(new HttpError(400, `Malformed multipart request: ${(e as Error).message}`));
    }
    bb.on('field', (name, value) => body.fields.set(name, [...(body.fields.get(name) ?? []), value]));
    bb.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => body.files.set(name, { filename: info.filename ?? '', mimeType: info.mimeType, data: Buffer.concat(chunks) }));
    });
    bb.on('error', (e: Error) => reject(new HttpError(400, `Malformed multipart request: ${e.message}`)));
    bb.on('close', () => resolve(body));
    bb.end(raw);
  });
}

async function parseBody(req: IncomingMessage): Promise<FormBody> {
  const raw = await readRaw(req);
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) return parseMultipart(req, raw);
  const body: FormBody = { fields: new Map(), files: new Map(), raw };
  if (type.startsWith('application/json')) {
    try {
      body.json = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      throw new HttpError(400, 'Request body is not valid JSON');
    }
  } else if (raw.length) {
    for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) body.fields.set(k, [...(body.fields.get(k) ?? []), v]);
  }
  return body;
}

export function wrapRequest(raw: IncomingMessage): EmulatorRequest {
  const url = new URL(raw.url ?? '/', 'http://emulator.local');
  let cached: Promise<FormBody> | undefined;
  const body = () => (cached ??= parseBody(raw));
  // Canonical once, before any rule: no rule ever sees `//`, `.`/`..` or percent-encoding.
  const canonical = canonicalPath(url.pathname);
  const path = canonical ?? UNREACHABLE_PATH;
  return {
    raw,
    method: (raw.method ?? 'GET').toUpperCase(),
    url,
    path,
    cookies: parseCookies(raw.headers.cookie),
    body,
    async param(name) {
      const fromBody = isWrite(this.method) ? (await body()).fields.get(name)?.[0] : undefined;
      return fromBody ?? url.searchParams.get(name) ?? undefined;
    },
    async params(name) {
      const fromBody = isWrite(this.method) ? (await body()).fields.get(name) : undefined;
      return fromBody ?? url.searchParams.getAll(name);
    },
  };
}

/** Pages (HTML navigations) get redirects; everything else is treated as XHR [contract: Session, CSRF and the page itself]. */
export function wantsHtmlPage(req: EmulatorRequest): boolean {
  const accept = String(req.raw.headers.accept ?? '');
  return req.method === 'GET' && req.path.endsWith('.html') && accept.includes('text/html');
}

export function send(res: ServerResponse, status: number, body: string | Buffer, type: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

export const sendJson = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void =>
  send(res, status, JSON.stringify(value), 'application/json;charset=utf-8', headers);

export const sendText = (res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void =>
  send(res, status, text, 'text/plain;charset=utf-8', headers);

export const sendHtml = (res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void =>
  send(res, status, html, 'text/html;charset=utf-8', headers);

export function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store', ...headers });
  res.end();
}

import { escapeHtml } from '../core/domain/escape-html';

export { escapeHtml };

/** The HTML answer of Sling's POST servlet (HtmlResponse): status, message and path in known ids. */
const heading = (status: number) => (status === 201 ? 'Content created' : status < 300 ? 'Content modified' : 'Error while processing');

/** Sling's HTML status page (the default POST servlet's answer), read by domain/sling-status.ts. */
export function slingHtmlResponse(res: ServerResponse, status: number, message: string, path: string): void {
  sendHtml(
    res,
    status,
    `<html><head><title>${heading(status)} ${escapeHtml(path)}</title></head><body>
<h1>${heading(status)} ${escapeHtml(path)}</h1>
<table><tbody>
<tr><td>Status</td><td><div id="Status">${status}</div></td></tr>
<tr><td>Message</td><td><div id="Message">${escapeHtml(message)}</div></td></tr>
<tr><td>Path</td><td><div id="Path">${escapeHtml(path)}</div></td></tr>
</tbody></table></body></html>`,
  );
}
