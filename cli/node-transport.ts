/**
 * The Node side of talking to an AEM author (probe now, the CLI later): HTTP Basic credentials,
 * a timeout per request, and a read-only switch that refuses any method but GET and HEAD before a
 * byte leaves. The password is held here only, never logged or put in a report.
 */
export interface Credentials {
  user: string;
  password: string;
}

export interface TransportOptions {
  baseUrl: string;
  credentials: Credentials;
  timeoutMs?: number;
  /** Refuse every write: the probe's guarantee, enforced where requests are made. */
  readOnly?: boolean;
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

  async request(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Response> {
    const upper = method.toUpperCase();
    if (this.options.readOnly && upper !== 'GET' && upper !== 'HEAD') throw new ReadOnlyViolation(`Read-only: ${upper} ${path} was not sent`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 20000);
    const started = Date.now();
    try {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method: upper,
        body: init.body,
        redirect: 'manual',
        signal: controller.signal,
        headers: { Authorization: this.authorization, 'User-Agent': 'bpsetup-probe', ...init.headers },
      });
      this.exchanges.push({ method: upper, path, status: res.status, contentType: res.headers.get('content-type') ?? '', ms: Date.now() - started });
      return res;
    } finally {
      clearTimeout(timer);
    }
  }

  get(path: string): Promise<Response> {
    return this.request('GET', path);
  }
}
