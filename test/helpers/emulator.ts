/**
 * Test helpers: an in-process emulator on a free port with the built content package, and a
 * tiny HTTP client that talks to it as a browser or an XHR would. Paths in tests are the literal
 * ones of the contract document, never taken from the panel's endpoint map.
 */
import { randomBytes } from 'node:crypto';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import type { EmulatorOptions } from '../../emulator/context';
import { builtPackagePath } from '../../emulator/paths';

/** One control secret for every emulator this test process starts, so fixtures need only a URL. */
export const TEST_CONTROL_SECRET = randomBytes(12).toString('hex');

export function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  return startEmulator({
    port: 0,
    dataDir: null,
    packageZip: builtPackagePath(),
    quiet: true,
    controlSecret: TEST_CONTROL_SECRET,
    ...options,
  });
}

/** A request to an emulator's /__emulator control routes, with this run's secret. */
export function controlFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('X-Emulator-Secret', TEST_CONTROL_SECRET);
  return fetch(url, { ...init, headers });
}

/**
 * Sets the emulator's injected faults (it must run with `faults: true`), or clears them all when
 * `body` is null; answers the control route's response.
 */
export function setFaults(url: string, body: unknown): Promise<Response> {
  return controlFetch(
    `${url}/__emulator/faults`,
    body === null ? { method: 'DELETE' } : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
  );
}

export interface Client {
  cookie: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, body: URLSearchParams | FormData | string, headers?: Record<string, string>): Promise<Response>;
  /** A write with a fresh CSRF token, as the AEM session sends it. */
  write(path: string, body: URLSearchParams | FormData | string, headers?: Record<string, string>): Promise<Response>;
  csrfToken(): Promise<string>;
}

export function client(baseUrl: string, cookie = ''): Client {
  const c: Client = {
    cookie,
    get: (path, headers = {}) => fetch(`${baseUrl}${path}`, { redirect: 'manual', headers: { Cookie: c.cookie, ...headers } }),
    post: (path, body, headers = {}) =>
      fetch(`${baseUrl}${path}`, { method: 'POST', body, redirect: 'manual', headers: { Cookie: c.cookie, ...headers } }),
    async csrfToken() {
      const res = await c.get('/libs/granite/csrf/token.json');
      if (res.status !== 200) throw new Error(`token.json answered ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    },
    async write(path, body, headers = {}) {
      return c.post(path, body, { 'CSRF-Token': await c.csrfToken(), ...headers });
    },
  };
  return c;
}

/** Logs in through j_security_check and returns a client holding the session cookie. */
export async function loggedIn(baseUrl: string, user = 'admin', password = 'admin'): Promise<Client> {
  const res = await fetch(`${baseUrl}/libs/granite/core/content/login.html/j_security_check`, {
    method: 'POST',
    body: new URLSearchParams({ j_username: user, j_password: password, _charset_: 'UTF-8' }),
    redirect: 'manual',
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return client(baseUrl, cookie);
}

/** Every node and its properties, the emulator's own data aside: to compare before and after an action. */
export const repositoryText = (emu: RunningEmulator): string =>
  [...emu.context.repo.walk('/')]
    .filter(([p]) => !p.startsWith('/var/emulator'))
    .map(([p, n]) => `${p} ${JSON.stringify(n.props)}`)
    .join('\n');
