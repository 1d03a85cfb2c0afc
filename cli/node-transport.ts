/**
 * The Node side of talking to an AEM author (probe now, the CLI later): HTTP Basic credentials,
 * a timeout per request (body included), a size cap per answer, no redirect followed, and a
 * read-only switch that refuses any method but GET and HEAD before a byte leaves.
 * The password is held here only, never logged or put in a report.
 */
import type { AemTransport } from '../core/aem/fetch';
import { nodeHttpFetch } from './node-http';

export interface Credentials {
  user: string;
  password: string;
}

export interface TransportOptions {
  baseUrl: string;
  credentials: Credentials;
  timeoutMs?: number;
  /** Refuse every write: the probe's and `check`'s guarantee, enforced where requests are made. */
  readOnly?: boolean;
  /** With readOnly, the one address that may still take a POST (`check --publish-test`: the package's test publish). */
  writablePath?: string;
  userAgent?: string;
}

export interface ExchangeRecord {
  method: string;
  path: string;
  status: number;
  contentType: string;
  ms: number;
}

export class ReadOnlyViolation extends Error {}

export class NodeTransport {
  readonly baseUrl: string;
  readonly exchanges: ExchangeRecord[] = [];
  private readonly authorization: string;

  constructor(private readonly options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.authorization = `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}`;
  }

  async request(method: string, path: string, init: RequestInit = {}): Promise<Response> {
    const upper = method.toUpperCase();
    const writable = upper === 'POST' && this.options.writablePath !== undefined && path === this.options.writablePath;
    if (this.options.readOnly && upper !== 'GET' && upper !== 'HEAD' && !writable)
      throw new ReadOnlyViolation(`Read-only: ${upper} ${path} was not sent`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 20000);
    init.signal?.addEventListener('abort', () => controller.abort());
    const headers = new Headers(init.headers);
    headers.set('Authorization', this.authorization);
    if (!headers.has('User-Agent')) headers.set('User-Agent', this.options.userAgent ?? 'bpsetup');
    // Sling's referrer filter wants a same-host Referer on writes, as a browser sends from the author's pages.
    if (upper !== 'GET' && upper !== 'HEAD' && !headers.has('Referer')) headers.set('Referer', `${this.baseUrl}/`);
    const started = Date.now();
    try {
      // Inside the timer: a body that trickles in is stopped too; a huge one fails this request only.
      const res = await nodeHttpFetch(`${this.baseUrl}${path}`, { ...init, method: upper, signal: controller.signal, headers });
      this.exchanges.push({
        method: upper,
        path,
        status: res.status,
        contentType: res.headers.get('content-type') ?? '',
        ms: Date.now() - started,
      });
      return res;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The page's AEM client over this transport: the same calls, rules and explanations. */
  forClient(): AemTransport {
    return {
      externalize: (path) => `${this.baseUrl}${path}`,
      fetch: (url, init) => this.request(init.method ?? 'GET', url.slice(this.baseUrl.length), init),
      // No login page to send anyone to: the client's SessionExpiredError says "bad credentials".
      sessionExpired: () => undefined,
    };
  }

  get(path: string): Promise<Response> {
    return this.request('GET', path);
  }
}
