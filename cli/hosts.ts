/**
 * Which authors a command runs against, and with which credentials, as `npm run deploy` takes
 * them: `--url` (repeatable) or `AEM_URL`, `AEM_USER` / `AEM_PASSWORD` from the environment, and a
 * hosts file of lines `<url> [user] [password-env-var] [tenant=<tenant-url>]`. A password is never a command-line value;
 * in the hosts file a host names the environment variable that holds its password, and only one
 * whose name starts with AEM_PASSWORD (so a line can never send another secret, such as the client
 * secret, as Basic credentials). Plain http is for this machine only unless --allow-http says so.
 */
import { scrubText } from '../core/domain/mask';

export interface Host {
  url: string;
  user: string;
  password: string;
  /** The environment variable the password came from. */
  passwordVar?: string;
  /** `setup`: this author's own Brand Portal tenant (`tenant=<url>` on its hosts-file line), as written. */
  tenantUrl?: string;
}

export class UsageError extends Error {}

/** A hosts-file word naming the author's own Brand Portal tenant for `setup`. */
const TENANT_PREFIX = 'tenant=';

/** The only variables a hosts-file line may name for its password. */
export const PASSWORD_VAR = /^AEM_PASSWORD(?:_[A-Z0-9_]+)?$/;

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;
export const isLoopback = (url: string): boolean => LOOPBACK.test(new URL(url).hostname);

/**
 * An author's base address from any address of it a user pastes (a console page copied from the
 * browser, with its path and query): the origin, with a note saying what was dropped.
 */
export function normaliseUrl(raw: string, notes: string[] = []): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`Not a URL: ${scrubText(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`Not an http(s) URL: ${scrubText(raw)}`);
  if (url.username || url.password)
    throw new UsageError(`Put credentials in the environment or the hosts file, not in the URL: ${url.host}`);
  const dropped = `${url.pathname.replace(/^\/+$/, '')}${url.search}${url.hash}`;
  if (dropped) notes.push(`${url.origin}: using the author's base address (${scrubText(dropped)} is not part of it)`);
  return url.origin;
}

/**
 * The AEM user and password for a host. Without AEM_USER / AEM_PASSWORD, AEM's out-of-the-box
 * admin/admin is used only for an author on this machine (an emulator, a local quickstart), and
 * said so; any other author needs them set.
 */
function credentialsFor(
  url: string,
  user: string | undefined,
  password: string | undefined,
  notes: string[],
): { user: string; password: string } {
  if (user !== undefined && password !== undefined) return { user, password };
  if (!isLoopback(url))
    throw new UsageError(
      `${url}: set AEM_USER and AEM_PASSWORD (or a password variable in the hosts file); admin/admin is assumed only for an author on this machine.`,
    );
  notes.push(
    `${url}: AEM_USER / AEM_PASSWORD not set, using AEM's default ${user ?? 'admin'}/${password === undefined ? 'admin' : '(the given password)'} for this local author`,
  );
  return { user: user ?? 'admin', password: password ?? 'admin' };
}

export function parseHostsFile(text: string, env: NodeJS.ProcessEnv, notes: string[] = []): Host[] {
  const hosts: Host[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const content = line.replace(/#.*$/, '').trim();
    if (!content) return;
    const words = content.split(/\s+/);
    const tenants = words.filter((w) => w.startsWith(TENANT_PREFIX)).map((w) => w.slice(TENANT_PREFIX.length));
    const [url, user, passwordVar, ...rest] = words.filter((w) => !w.startsWith(TENANT_PREFIX));
    if (rest.length || tenants.length > 1 || tenants.includes(''))
      throw new UsageError(`Hosts file line ${i + 1}: expected "<url> [user] [password-env-var] [tenant=<tenant-url>]"`);
    if (passwordVar && !PASSWORD_VAR.test(passwordVar))
      throw new UsageError(
        `Hosts file line ${i + 1}: a password variable must be named AEM_PASSWORD or AEM_PASSWORD_<NAME> (not ${passwordVar})`,
      );
    if (passwordVar && env[passwordVar] === undefined)
      throw new UsageError(`Hosts file line ${i + 1}: the environment variable ${passwordVar} is not set`);
    const base = normaliseUrl(url, notes);
    hosts.push({
      url: base,
      ...credentialsFor(base, user ?? env.AEM_USER, passwordVar ? env[passwordVar] : env.AEM_PASSWORD, notes),
      passwordVar: passwordVar ?? 'AEM_PASSWORD',
      ...(tenants.length && { tenantUrl: tenants[0] }),
    });
  });
  return hosts;
}

export function hostsFromUrls(urls: string[], env: NodeJS.ProcessEnv, notes: string[] = []): Host[] {
  return urls.map((u) => {
    const url = normaliseUrl(u, notes);
    return { url, ...credentialsFor(url, env.AEM_USER, env.AEM_PASSWORD, notes), passwordVar: 'AEM_PASSWORD' };
  });
}

/** Credentials travel in the clear over http: only to this machine, or when the user says so. */
export function requireSafeTransport(hosts: readonly Host[], allowHttp: boolean): void {
  const plain = hosts.filter((h) => h.url.startsWith('http:') && !isLoopback(h.url));
  if (plain.length && !allowHttp)
    throw new UsageError(
      `${plain.map((h) => h.url).join(', ')}: plain http would send the AEM password unencrypted. Use https, or pass --allow-http for a trusted network.`,
    );
}
