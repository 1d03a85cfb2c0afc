/**
 * Which authors a command runs against, and with which credentials, as `npm run deploy` takes
 * them: `--url` (repeatable) or `AEM_URL`, `AEM_USER` / `AEM_PASSWORD` from the environment, and a
 * hosts file of lines `<url> [user] [password-env-var]`. A password is never a command-line value;
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
}

export class UsageError extends Error {}

/** The only variables a hosts-file line may name for its password. */
export const PASSWORD_VAR = /^AEM_PASSWORD(?:_[A-Z0-9_]+)?$/;

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;
export const isLoopback = (url: string): boolean => LOOPBACK.test(new URL(url).hostname);

const normaliseUrl = (raw: string): string => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`Not a URL: ${scrubText(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`Not an http(s) URL: ${scrubText(raw)}`);
  if (url.username || url.password)
    throw new UsageError(`Put credentials in the environment or the hosts file, not in the URL: ${url.host}`);
  return url.origin + url.pathname.replace(/\/+$/, '');
};

export function parseHostsFile(text: string, env: NodeJS.ProcessEnv): Host[] {
  const hosts: Host[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const content = line.replace(/#.*$/, '').trim();
    if (!content) return;
    const [url, user, passwordVar, ...rest] = content.split(/\s+/);
    if (rest.length) throw new UsageError(`Hosts file line ${i + 1}: expected "<url> [user] [password-env-var]"`);
    if (passwordVar && !PASSWORD_VAR.test(passwordVar))
      throw new UsageError(
        `Hosts file line ${i + 1}: a password variable must be named AEM_PASSWORD or AEM_PASSWORD_<NAME> (not ${passwordVar})`,
      );
    if (passwordVar && env[passwordVar] === undefined)
      throw new UsageError(`Hosts file line ${i + 1}: the environment variable ${passwordVar} is not set`);
    hosts.push({
      url: normaliseUrl(url),
      user: user ?? env.AEM_USER ?? 'admin',
      password: passwordVar ? (env[passwordVar] as string) : (env.AEM_PASSWORD ?? 'admin'),
      passwordVar: passwordVar ?? 'AEM_PASSWORD',
    });
  });
  return hosts;
}

export function hostsFromUrls(urls: string[], env: NodeJS.ProcessEnv): Host[] {
  return urls.map((u) => ({
    url: normaliseUrl(u),
    user: env.AEM_USER ?? 'admin',
    password: env.AEM_PASSWORD ?? 'admin',
    passwordVar: 'AEM_PASSWORD',
  }));
}

/** Credentials travel in the clear over http: only to this machine, or when the user says so. */
export function requireSafeTransport(hosts: readonly Host[], allowHttp: boolean): void {
  const plain = hosts.filter((h) => h.url.startsWith('http:') && !isLoopback(h.url));
  if (plain.length && !allowHttp)
    throw new UsageError(
      `${plain.map((h) => h.url).join(', ')}: plain http would send the AEM password unencrypted. Use https, or pass --allow-http for a trusted network.`,
    );
}
