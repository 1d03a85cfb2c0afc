/**
 * Which authors a command runs against, and with which credentials, as `npm run deploy` takes
 * them: `--url` (repeatable) or `AEM_URL`, `AEM_USER` / `AEM_PASSWORD` from the environment, and a
 * hosts file of lines `<url> [user] [password-env-var]`. A password is never a command-line value;
 * in the hosts file a host names the environment variable that holds its password.
 */
export interface Host {
  url: string;
  user: string;
  password: string;
}

export class UsageError extends Error {}

const normaliseUrl = (raw: string): string => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`Not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`Not an http(s) URL: ${raw}`);
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
    if (passwordVar && env[passwordVar] === undefined)
      throw new UsageError(`Hosts file line ${i + 1}: the environment variable ${passwordVar} is not set`);
    hosts.push({
      url: normaliseUrl(url),
      user: user ?? env.AEM_USER ?? 'admin',
      password: passwordVar ? (env[passwordVar] as string) : (env.AEM_PASSWORD ?? 'admin'),
    });
  });
  return hosts;
}

export function hostsFromUrls(urls: string[], env: NodeJS.ProcessEnv): Host[] {
  return urls.map((u) => ({ url: normaliseUrl(u), user: env.AEM_USER ?? 'admin', password: env.AEM_PASSWORD ?? 'admin' }));
}
