/**
 * AEM's outgoing HTTP for Brand Portal and Adobe IMS: AEM has two HTTP clients, each with its own
 * proxy configuration, the 3.x API's (`com.day.commons.httpclient`: `proxy.host` is `host:port`)
 * and the 4.x API's (`org.apache.http.proxyconfigurator`: `proxy.host`, `proxy.port`), and Adobe
 * says both must be set where a proxy is used [contract: Brand Portal cloud service and agents].
 * Read-only (the configuration manager, administrators); never the proxy password. Pure: no I/O.
 */
import { t } from '../i18n';
import type { FelixValue } from './felix-config';
import type { SetupProblem } from './types';

export const PROXY_PIDS = { client3: 'com.day.commons.httpclient', client4: 'org.apache.http.proxyconfigurator' } as const;

export interface ProxyConfig {
  /** Which HTTP client the configuration is for. */
  client: '3.x' | '4.x';
  pid: string;
  enabled: boolean;
  /** `host:port` (the 3.x form), when a host is set. */
  address?: string;
  /** A proxy user is set (the password is never read out). */
  withUser: boolean;
  exceptions: string[];
}

/** What the whole-setup check read: the configurations found (none: that client goes direct), or that it could not read them. */
export interface ProxyReading {
  configs: ProxyConfig[];
  unread?: boolean;
}

const text = (v: FelixValue | undefined) => (Array.isArray(v) ? String(v[0] ?? '') : v === undefined ? '' : String(v)).trim();
const list = (v: FelixValue | undefined) =>
  (Array.isArray(v) ? v.map(String) : text(v) ? text(v).split(',') : []).map((s) => s.trim()).filter(Boolean);

/** One proxy configuration from the console's properties (the 4.x factory's instances have their own PIDs). */
export function proxyConfigOf(pid: string, props: Record<string, FelixValue>): ProxyConfig {
  const client = pid === PROXY_PIDS.client3 ? '3.x' : '4.x';
  const host = text(props['proxy.host']);
  const port = text(props['proxy.port']);
  const address = host ? (client === '4.x' && port && port !== '-1' && !host.includes(':') ? `${host}:${port}` : host) : undefined;
  return {
    client,
    pid,
    enabled: props['proxy.enabled'] === true || text(props['proxy.enabled']) === 'true',
    ...(address && { address }),
    withUser: Boolean(text(props['proxy.user'])),
    exceptions: list(props['proxy.exceptions']),
  };
}

/** Where each client sends Brand Portal's and IMS's requests: the proxy, or direct. */
export const proxyOf = (reading: ProxyReading, client: ProxyConfig['client']): ProxyConfig | undefined =>
  reading.configs.find((c) => c.client === client && c.enabled && c.address);

/** One client through a proxy and the other direct, or two different proxies: said, with the fix. */
export function proxyProblems(reading: ProxyReading): SetupProblem[] {
  if (reading.unread) return [];
  const p3 = proxyOf(reading, '3.x');
  const p4 = proxyOf(reading, '4.x');
  if (p3 && p4 && p3.address !== p4.address)
    return [
      {
        id: 'proxy-differ',
        severity: 'warning',
        title: t("AEM's two HTTP clients use different proxies: {0} and {1}", p3.address as string, p4.address as string),
        fix: t('Set the same proxy in {0} and {1}, unless the network needs both.', PROXY_PIDS.client3, PROXY_PIDS.client4),
      },
    ];
  if (Boolean(p3) !== Boolean(p4)) {
    const [set, unset] = p3 ? [PROXY_PIDS.client3, PROXY_PIDS.client4] : [PROXY_PIDS.client4, PROXY_PIDS.client3];
    return [
      {
        id: 'proxy-one-client',
        severity: 'warning',
        title: t("Only one of AEM's HTTP clients uses the proxy ({0}); the other ({1}) connects directly", set, unset),
        fix: t(
          'Some AEM features use the 3.x client and others the 4.x one, Adobe says: set the proxy (host, port, user) in both, or in neither when AEM may connect directly.',
        ),
      },
    ];
  }
  return [];
}

/** The outgoing connections Brand Portal publishing needs: the tenant and the IMS server, on 443. */
export function hostsToAllow(tenantUrl: string | undefined, authServerUrl: string | undefined): string[] {
  const hosts = [tenantUrl, authServerUrl]
    .map((u) => {
      try {
        return u ? new URL(u).host : undefined;
      } catch {
        return undefined;
      }
    })
    .filter((h): h is string => Boolean(h));
  return [...new Set(hosts)].map((h) => (h.includes(':') ? h : `${h}:443`));
}
