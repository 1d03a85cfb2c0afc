/**
 * The Felix configuration manager and AEM's Crypto Support console (contract [contract: IMS configurations]), for the
 * configurations this emulator keeps: the Felix `.config` files under /apps/system/config, which
 * an update writes back to (as Sling's installer does for configurations from the repository).
 * Administrators only; a POST needs a same-host Referer (Sling's referrer filter), as browsers send.
 *   GET  /system/console/configMgr/<pid>.json          → [configuration] (`*` with ?pidFilter=(key=value))
 *   POST /system/console/configMgr/<pid>  apply, propertylist, one field per property → 302 to the PID
 *   POST /system/console/configMgr/<pid>  apply, delete                              → 200 {"status":true}
 *   POST /system/console/configMgr/[Temporary PID…] apply, factoryPid, propertylist   → 302 to the new PID
 *   POST /system/console/crypto/.json     datum → {"protected": "{…}"}
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { ENDPOINTS } from '../../core/contract/endpoints';
import { parseItemFilter } from '../../core/domain/osgi-filter';
import { CONFIG_MANAGER, CRYPTO, IMS_OSGI } from '../../core/contract/aem-names';
import { PROXY_PIDS } from '../../core/domain/proxies';
import { type FelixValue, formatFelixConfig, parseFelixConfig } from '../../core/domain/felix-config';
import { type EmulatorContext, type Route, exactPath, route } from '../context';
import { protect } from '../crypto';
import { type EmulatorRequest, HttpError, send, sendJson, sendText } from '../http';

const BASE = ENDPOINTS.configManager.path;
const PLACEHOLDER = '[Temporary PID replaced by real PID upon save]';
/** Factory configurations this emulator knows: IMS's two, and the 4.x HTTP client's proxy. */
const FACTORIES = [IMS_OSGI.providerPid, IMS_OSGI.customizerPid, PROXY_PIDS.client4];
const FOLDER = IMS_OSGI.configFolder;

interface StoredConfig {
  pid: string;
  factoryPid?: string;
  file: string;
  props: Record<string, FelixValue>;
}

/** `<factory>.<n>.config` and `<factory>-<n>.config` are both the configuration `<factory>.<n>`. */
function fromFile(file: string, data: Buffer): StoredConfig {
  const bare = file.replace(/\.config$/, '');
  const factoryPid = FACTORIES.find((f) => bare.startsWith(`${f}.`) || bare.startsWith(`${f}-`));
  const pid = factoryPid ? `${factoryPid}.${bare.slice(factoryPid.length + 1)}` : bare;
  return { pid, factoryPid, file, props: parseFelixConfig(data.toString('utf8')) };
}

function listConfigs(ctx: EmulatorContext): StoredConfig[] {
  const names = Object.keys(ctx.repo.get(FOLDER)?.children ?? {}).filter((n) => n.endsWith('.config'));
  return names.map((n) => fromFile(n, ctx.repo.readFile(`${FOLDER}/${n}`) ?? Buffer.alloc(0)));
}

/** One simple filter `(key=value)`, or none: what the page sends (the console refuses `&`). */
function matches(config: StoredConfig, filter: string | null): boolean {
  if (!filter) return true;
  const item = parseItemFilter(filter);
  if (!item) throw new HttpError(400, 'Bad filter');
  const actual = item.key === 'service.pid' ? config.pid : item.key === 'service.factoryPid' ? config.factoryPid : config.props[item.key];
  if (actual === undefined) return false;
  return item.present || (Array.isArray(actual) ? actual : [actual]).some((v) => item.matches(String(v)));
}

/** The console's JSON of one configuration: every property with `value` (or `values`), no metatype. */
function configJson(config: StoredConfig): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config.props)) {
    properties[k] = {
      name: k,
      optional: false,
      is_set: true,
      type: Array.isArray(v) ? { multiple: true } : 1,
      ...(Array.isArray(v) ? { values: v } : { value: v }),
    };
  }
  return {
    pid: config.pid,
    title: config.pid,
    description:
      'This form is automatically generated from existing properties because no property descriptors are available for this configuration.',
    properties,
    ...(config.factoryPid && { factoryPid: config.factoryPid }),
    bundleLocation: '',
    bundle_location: null,
    service_location: '',
  };
}

function guard(ctx: EmulatorContext, req: EmulatorRequest, res: ServerResponse, write: boolean): boolean {
  if (!ctx.sessions.isAdministrator(req.user)) {
    sendText(res, 403, 'Forbidden');
    return false;
  }
  if (write) {
    const referer = req.raw.headers.referer;
    let sameHost = false;
    try {
      sameHost = Boolean(referer) && new URL(String(referer)).host === req.raw.headers.host;
    } catch {
      sameHost = false;
    }
    if (!sameHost) {
      sendText(res, 403, 'Forbidden: the Referer is missing or names another host');
      return false;
    }
  }
  return true;
}

/** A posted value typed like the one it replaces (Felix types by metatype; this is the nearest). */
function typedValue(values: string[], before: FelixValue | undefined): FelixValue {
  if (Array.isArray(before) || values.length > 1) return values;
  const v = values[0] ?? '';
  if (typeof before === 'boolean') return v === 'true';
  if (typeof before === 'number') return Number(v);
  return v;
}

async function apply(ctx: EmulatorContext, req: EmulatorRequest, res: ServerResponse, pid: string): Promise<void> {
  const existing = listConfigs(ctx).find((c) => c.pid === pid);
  if ((await req.param(CONFIG_MANAGER.delete)) !== undefined) {
    if (existing) ctx.repo.change((tx) => tx.remove(`${FOLDER}/${existing.file}`));
    return sendJson(res, 200, { status: true });
  }
  const list = await req.param(CONFIG_MANAGER.propertyList);
  if (list === undefined) return sendText(res, 400, 'Bad Request');
  let target = existing;
  if (!target && pid === PLACEHOLDER) {
    const factoryPid = await req.param(CONFIG_MANAGER.factoryPid);
    if (!factoryPid) return sendText(res, 400, 'Bad Request');
    const n = randomUUID();
    target = { pid: `${factoryPid}.${n}`, factoryPid, file: `${factoryPid}.${n}.config`, props: {} };
  }
  // A PID with no configuration yet gets one on apply, as Felix does (com.day.commons.httpclient).
  target ??= { pid, file: `${pid}.config`, props: {} };
  const props = { ...target.props };
  for (const name of list
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)) {
    const values = await req.params(name);
    if (!values.length || (values.length === 1 && values[0] === '')) delete props[name];
    else props[name] = typedValue(values, props[name]);
  }
  const file = target.file;
  ctx.repo.change((tx) => {
    tx.ensure(FOLDER, 'nt:folder', 'sling:Folder');
    tx.writeFile(`${FOLDER}/${file}`, Buffer.from(formatFelixConfig(props)), 'text/plain');
  });
  res.writeHead(302, { Location: `${BASE}/${encodeURIComponent(target.pid)}` }).end();
}

export function configManagerRoutes(ctx: EmulatorContext): Route[] {
  const base = BASE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return [
    route('GET', new RegExp(`^${base}/(.+)\\.json$`), (req, res, match) => {
      if (!guard(ctx, req, res, false)) return;
      const pid = decodeURIComponent(match[1]);
      const filter = req.url.searchParams.get(CONFIG_MANAGER.pidFilter);
      if (CONFIG_MANAGER.refusedInFilter.test(pid) || (filter && CONFIG_MANAGER.refusedInFilter.test(filter)))
        return sendText(res, 400, 'Bad Request');
      const found = listConfigs(ctx).filter((c) => (pid === CONFIG_MANAGER.allPids || c.pid === pid) && matches(c, filter));
      sendJson(res, 200, found.map(configJson));
    }),
    route('POST', new RegExp(`^${base}/(.+)$`), async (req, res, match) => {
      if (!guard(ctx, req, res, true)) return;
      const pid = decodeURIComponent(match[1]);
      if (!pid || CONFIG_MANAGER.refusedInFilter.test(pid)) return sendText(res, 400, 'Bad Request');
      if ((await req.param(CONFIG_MANAGER.apply)) === undefined) return sendText(res, 400, 'Bad Request');
      await apply(ctx, req, res, pid);
    }),
    // The console page itself (what the probe reads to see it is reachable).
    route('GET', exactPath(ENDPOINTS.cryptoProtect.path.replace(/\/\.json$/, '')), (req, res) => {
      if (!guard(ctx, req, res, false)) return;
      send(
        res,
        200,
        '<!DOCTYPE html><html><head><title>Crypto Support</title></head><body><form method="post"><input name="datum"></form></body></html>',
        'text/html;charset=utf-8',
      );
    }),
    route('POST', exactPath(ENDPOINTS.cryptoProtect.path), async (req, res) => {
      if (!guard(ctx, req, res, true)) return;
      const datum = await req.param(CRYPTO.datum);
      if (!datum) return sendText(res, 400, 'Bad Request');
      sendJson(res, 200, { [CRYPTO.protectedKey]: protect(ctx.repo, datum) });
    }),
  ];
}
