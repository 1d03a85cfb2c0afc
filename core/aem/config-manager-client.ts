/**
 * The Felix configuration manager (contract [contract: IMS configurations]), for one thing only: repairing an IMS
 * provider configuration that AEM's IMS servlet stored differently from what was sent, and reading
 * it back. Administrators only on AEM. Its address is fixed by AEM, never taken from an override.
 */
import type { AemSession } from './session';
import { PROXY_PIDS, type ProxyReading, proxyConfigOf } from '../domain/proxies';
import { ASSET_SOURCING_FLAG, type FlagReading, flagValueOf } from '../domain/contribution';
import { ENDPOINTS } from '../contract/endpoints';
import type { FelixValue } from '../domain/felix-config';
import { CONFIG_MANAGER, IMS_OSGI } from '../contract/aem-names';
import { escapeFilterValue } from '../domain/osgi-filter';
import { AemHttpError } from '../errors';

import { expectOk, parseJson } from './responses';

interface ConsoleProperty {
  value?: FelixValue;
  values?: string[];
}

/** Always the shipped address: the configuration manager takes the client secret in a repair. */
const endpoint = ENDPOINTS.configManager;
const base = () => endpoint.defaultPath;

export interface OsgiConfiguration {
  pid: string;
  factoryPid?: string;
  properties: Record<string, FelixValue>;
}

function fromConsole(raw: { pid?: unknown; factoryPid?: unknown; properties?: Record<string, ConsoleProperty> }): OsgiConfiguration {
  const properties: Record<string, FelixValue> = {};
  for (const [k, p] of Object.entries(raw.properties ?? {})) {
    if (p && typeof p === 'object') properties[k] = p.values ?? p.value ?? '';
  }
  return { pid: String(raw.pid ?? ''), factoryPid: typeof raw.factoryPid === 'string' ? raw.factoryPid : undefined, properties };
}

async function readList(s: AemSession, path: string): Promise<OsgiConfiguration[]> {
  const list = parseJson<unknown>(await expectOk(await s.fetch(path), endpoint, path), path);
  if (!Array.isArray(list)) throw new AemHttpError(200, JSON.stringify(list).slice(0, 300), path);
  return list.map(fromConsole);
}

/** Every access-token provider configuration whose `name` is exactly this one, as ConfigAdmin holds them. */
export async function findProviderConfigurations(s: AemSession, name: string): Promise<OsgiConfiguration[]> {
  const filter = `(${IMS_OSGI.props.name}=${escapeFilterValue(name)})`;
  if (CONFIG_MANAGER.refusedInFilter.test(filter)) return []; // the console refuses such a filter
  const q = new URLSearchParams({ [CONFIG_MANAGER.pidFilter]: filter });
  const found = await readList(s, `${base()}/${CONFIG_MANAGER.allPids}.json?${q}`);
  return found.filter(
    (c) =>
      (c.factoryPid === IMS_OSGI.providerPid || c.pid.startsWith(`${IMS_OSGI.providerPid}.`)) &&
      String(c.properties[IMS_OSGI.props.name] ?? '') === name,
  );
}

export async function readConfiguration(s: AemSession, pid: string): Promise<OsgiConfiguration | undefined> {
  return (await readList(s, `${base()}/${encodeURIComponent(pid)}.json`))[0];
}

/**
 * Sets the given properties of one configuration (the others stay). The console answers 302 to the
 * configuration's page: not followed, and success is only what the read-back shows.
 */
export async function updateConfiguration(s: AemSession, pid: string, properties: Record<string, FelixValue>): Promise<void> {
  const form = new URLSearchParams({ [CONFIG_MANAGER.apply]: 'true', [CONFIG_MANAGER.propertyList]: Object.keys(properties).join(',') });
  for (const [k, v] of Object.entries(properties)) {
    for (const one of Array.isArray(v) ? v : [v]) form.append(k, String(one));
  }
  const path = `${base()}/${encodeURIComponent(pid)}`;
  const res = await s.fetch(path, { method: 'POST', body: form, redirectIsAnswer: true });
  // A browser shows a manual redirect as an opaque answer (status 0); Node shows the 302 itself.
  if (res.type === 'opaqueredirect' || res.status === 302 || res.status === 303) return;
  await expectOk(res, endpoint, path);
}

/**
 * AEM's two HTTP clients' proxy configurations (domain/proxies.ts): the 3.x one, and the 4.x one
 * as a single configuration or as instances of its factory. Reads only; the configuration
 * manager answers administrators alone, so another user gets "could not be read".
 */
export async function readProxyConfigurations(s: AemSession): Promise<ProxyReading> {
  try {
    const q = new URLSearchParams({ [CONFIG_MANAGER.pidFilter]: `(service.factoryPid=${PROXY_PIDS.client4})` });
    const [client3, client4, instances] = await Promise.all([
      readConfiguration(s, PROXY_PIDS.client3),
      readConfiguration(s, PROXY_PIDS.client4),
      readList(s, `${base()}/${CONFIG_MANAGER.allPids}.json?${q}`),
    ]);
    const found = [client3, client4, ...instances].filter((c): c is OsgiConfiguration => Boolean(c));
    return { configs: found.map((c) => proxyConfigOf(c.pid, c.properties)) };
  } catch {
    return { configs: [], unread: true };
  }
}

/** The asset contribution feature flag as stored (none: the version's default), or that it could not be read. */
export async function readContributionFlag(s: AemSession): Promise<FlagReading> {
  try {
    return { stored: flagValueOf((await readConfiguration(s, ASSET_SOURCING_FLAG.pid))?.properties) };
  } catch {
    return { unread: true };
  }
}
