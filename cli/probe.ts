/**
 * `npm run probe`: a read-only survey of a real AEM author (GET and HEAD only; the transport
 * refuses anything else). It tries every INFERRED or UNKNOWN address of the endpoint map, reads
 * the version and the service user the confirmed way, and reads AEM's own IMS console page and the
 * scripts it loads, listing the action URLs and form field names found there. The report suggests
 * address overrides an admin can store in the page's settings node.
 */
import { ENDPOINTS, type Endpoint, type EndpointKey, agentPath, authorizableQuery } from '../core/contract/endpoints';
import { AGENTS, AUTHORIZABLES, CONFIG_MANAGER, IMS_OSGI, KEYSTORE, slingJson } from '../core/contract/aem-names';
import { versionFromProductInfo } from '../core/domain/version';
import type { NodeTransport } from './node-transport';

/** Scripts that hold the answers on a 6.5 author [contract: What `npm run probe` checks on a real author]: read with GET, never copied. */
export const KNOWN_SCRIPTS = [
  '/libs/cq/adobeims-configuration/components/admin/clientlibs/console.js',
  '/libs/granite/security/clientlibs/v2/keystore.js',
  '/libs/cq/gui/components/coral/common/admin/clientlibs/mediaportal.js',
];

export interface EndpointFinding {
  key: EndpointKey;
  confidence: Endpoint['confidence'];
  method: Endpoint['method'];
  path: string;
  /** What was read (POST endpoints are surveyed through their node's JSON). */
  read: string;
  status: number;
  verdict: 'answers' | 'absent' | 'refused' | 'error';
  note: string;
}

export interface PageFinding {
  path: string;
  status: number;
  scripts: string[];
  urls: string[];
  fieldNames: string[];
}

/** One of the services the page relies on beyond the endpoint map's guesses, read without writing. */
export interface ServiceFinding {
  read: string;
  status: number;
  verdict: 'answers' | 'absent' | 'refused' | 'error';
  note: string;
}

export interface ProbeReport {
  probedAt: string;
  author: string;
  version?: string;
  serviceUser?: string;
  endpoints: EndpointFinding[];
  /** The package's health script, the configuration manager and Crypto Support (read-only). */
  services: { healthScript: ServiceFinding; configManager: ServiceFinding; cryptoSupport: ServiceFinding; agentLog: ServiceFinding };
  pages: PageFinding[];
  /** Endpoint → address found in AEM's own scripts that looks like its real address. */
  suggestions: Partial<Record<EndpointKey, string[]>>;
  requests: { total: number; writes: number };
}

// Every repetition is bounded, so each pattern runs in time linear in the text (a `[^>]+` run
// over a long tag-less page made the scan quadratic), and only the first MAX_SCAN characters are read.
const URL_LITERAL = /["'`](\/(?:libs|apps|bin|etc|conf|system|mnt|home)\/[^"'`\s<>{}]{1,500})["'`]/g;
const FIELD_NAMES = [
  /\bname=["']([\w:.@-]{1,200})["']/g,
  /\.(?:set|append)\(\s{0,20}["']([\w:.@-]{1,200})["']/g,
  /\bname\s{0,20}:\s{0,20}["']([\w:.@-]{1,200})["']/g,
];
const SCRIPT_SRC = /<script\b[^>]{0,500}?\bsrc=["']([^"'>]{1,500})["']/g;
export const MAX_SCAN = 2 * 1024 * 1024;

const unique = (values: Iterable<string>) => [...new Set(values)].sort();
const matchAll = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]);

/** How the probe reads an endpoint without writing: POST endpoints through their node's JSON. */
function readPathFor(endpoint: Endpoint): string {
  if (endpoint.method === 'POST') return slingJson(endpoint.path, 0);
  if (endpoint.path.endsWith('.json') || endpoint.path.endsWith('.html') || endpoint.path.includes('.')) return endpoint.path;
  return slingJson(endpoint.path, 0);
}

function verdictOf(status: number): EndpointFinding['verdict'] {
  if (status >= 200 && status < 400) return 'answers';
  if (status === 404 || status === 405) return 'absent';
  if (status === 401 || status === 403) return 'refused';
  return 'error';
}

async function surveyEndpoint(t: NodeTransport, key: EndpointKey): Promise<EndpointFinding> {
  const e = ENDPOINTS[key] as Endpoint;
  const read = readPathFor(e);
  const base = { key, confidence: e.confidence, method: e.method, path: e.path, read };
  try {
    const res = await t.get(read);
    const body = await res.text();
    let note = '';
    if (e.method === 'POST' && res.ok) {
      const type = (JSON.parse(body) as Record<string, unknown>)['sling:resourceType'];
      note = type
        ? `node present, resource type ${String(type)}; whether the servlet takes it needs one real save`
        : 'node present without a resource type';
    } else if (!res.ok) note = `HTTP ${res.status}`;
    return { ...base, status: res.status, verdict: verdictOf(res.status), note };
  } catch (err) {
    return { ...base, status: 0, verdict: 'error', note: (err as Error).message };
  }
}

/** Script sources, address literals and form field names in a page or script (its first MAX_SCAN characters). */
export function scanText(whole: string, isScript: boolean): Pick<PageFinding, 'scripts' | 'urls' | 'fieldNames'> {
  const text = whole.slice(0, MAX_SCAN);
  return {
    scripts: isScript ? [] : unique(matchAll(text, SCRIPT_SRC).filter((s) => s.startsWith('/'))),
    urls: unique(matchAll(text, URL_LITERAL)),
    fieldNames: unique(FIELD_NAMES.flatMap((p) => matchAll(text, p))),
  };
}

async function surveyPage(t: NodeTransport, path: string, isScript: boolean): Promise<PageFinding> {
  const res = await t.get(path).catch(() => undefined);
  const text = res && res.ok ? await res.text() : '';
  return { path, status: res?.status ?? 0, ...scanText(text, isScript) };
}

/** Which found addresses look like the real one of an UNKNOWN endpoint. */
function suggest(urls: string[]): ProbeReport['suggestions'] {
  // Addresses only: the page adds its own query parameters, and overrides are plain paths.
  const pick = (test: RegExp) => unique(urls.filter((u) => test.test(u) && !u.includes('/unverified/')).map((u) => u.split(/[?#]/)[0]));
  const out: ProbeReport['suggestions'] = {};
  const add = (key: EndpointKey, found: string[]) => {
    if (found.length) out[key] = found;
  };
  add('publicKey', pick(/public.?key|\.crt\b|download/i));
  add('imsConfigUpdate', pick(/imsconfigurations\/update|configurations.*update/i));
  add('imsConfigDelete', pick(/imsconfigurations\/delete|configurations.*delete/i));
  return out;
}

/** What a service's answer means: a note, and whether it shows the service runs when the status alone would not. */
type Describe = (status: number, body: string) => { note: string; runs?: boolean };

async function readService(t: NodeTransport, read: string, describe: Describe): Promise<ServiceFinding> {
  try {
    const res = await t.get(read);
    const { note, runs } = describe(res.status, await res.text());
    return { read, status: res.status, verdict: runs ? 'answers' : verdictOf(res.status), note };
  } catch (err) {
    return { read, status: 0, verdict: 'error', note: (err as Error).message };
  }
}

const jsonError = (body: string): string | undefined => {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error : undefined;
  } catch {
    return undefined;
  }
};

/** Whether the package's health script runs: asked with no name it answers its own 400, and asks IMS for nothing. */
const healthScriptNote: Describe = (status, body) => {
  const error = jsonError(body);
  if (status === 400 && error === 'missing-name') return { note: 'installed and compiled: Check Health runs from the page', runs: true };
  if (status === 403 && error === 'not-administrator') return { note: 'installed; answers administrators only: probe as an administrator' };
  if (status === 200) return { note: "the node is there but not its scripts (an older package): Sling's default rendering answered" };
  if (status === 404) return { note: 'the package is not installed here' };
  if (status >= 500) return { note: "AEM could not run the script (often a compile error: see AEM's error.log)" };
  return { note: `HTTP ${status}` };
};

/** The configuration manager and Crypto Support: reachable to an administrator, or not. */
const consoleNote =
  (what: string): Describe =>
  (status) => ({
    note:
      status === 200 ? `${what} reachable (admin)` : status === 401 || status === 403 ? `${what} refused to this user` : `HTTP ${status}`,
  });

/** A Brand Portal agent's log (INFERRED address): whether it answers as a log, for a blocked queue's last error. */
const agentLogNote: Describe = (status, body) =>
  status === 200 && / - (INFO|ERROR|WARN|DEBUG) - /.test(body)
    ? { note: "answers as the agent's log: the whole-setup check shows a blocked queue's last error from it", runs: true }
    : { note: status === 200 ? 'answers, but not as a log: a blocked queue is explained without its last error' : `HTTP ${status}` };

/** The first Brand Portal agent's log, or a finding that says there is no agent to ask. */
async function probeAgentLog(t: NodeTransport): Promise<ServiceFinding> {
  const list = slingJson(ENDPOINTS.agentsRoot.path, 1);
  const res = await t.get(list).catch(() => undefined);
  const names = res?.ok ? Object.keys(((await res.json().catch(() => ({}))) as Record<string, unknown>) ?? {}) : [];
  const agent = names.find((n) => n.startsWith(AGENTS.namePrefix));
  if (!agent) return { read: list, status: res?.status ?? 0, verdict: 'absent', note: 'no Brand Portal agent on this author to ask' };
  return readService(t, `${agentPath(ENDPOINTS, agent)}${AGENTS.logSelector}`, agentLogNote);
}

async function probeServices(t: NodeTransport): Promise<ProbeReport['services']> {
  const configFilter = new URLSearchParams({ [CONFIG_MANAGER.pidFilter]: `(${IMS_OSGI.props.name}=bpsetup-probe)` });
  return {
    healthScript: await readService(t, ENDPOINTS.checkHealth.defaultPath, healthScriptNote),
    configManager: await readService(
      t,
      `${ENDPOINTS.configManager.defaultPath}/${CONFIG_MANAGER.allPids}.json?${configFilter}`,
      consoleNote('configuration manager'),
    ),
    cryptoSupport: await readService(t, ENDPOINTS.cryptoProtect.defaultPath.replace(/\/\.json$/, ''), consoleNote('Crypto Support')),
    agentLog: await probeAgentLog(t),
  };
}

export async function probe(t: NodeTransport): Promise<ProbeReport> {
  const productInfo = await t.get(ENDPOINTS.productInfo.path).catch(() => undefined);
  const version = productInfo?.ok ? versionFromProductInfo(await productInfo.json().catch(() => undefined)) : undefined;
  const users = await t
    .get(authorizableQuery(ENDPOINTS, ENDPOINTS.systemUsersRoot.path, AUTHORIZABLES.systemUserType, KEYSTORE.serviceUser))
    .catch(() => undefined);
  const hits = users?.ok ? ((await users.json().catch(() => ({}))) as { hits?: { 'jcr:path'?: string }[] }).hits : undefined;
  const serviceUser = hits?.[0]?.['jcr:path'];

  const keys = (Object.keys(ENDPOINTS) as EndpointKey[]).filter((k) => ENDPOINTS[k].confidence !== 'CONFIRMED');
  const endpoints: EndpointFinding[] = [];
  for (const key of keys) endpoints.push(await surveyEndpoint(t, key));

  const services = await probeServices(t);
  const consolePage = await surveyPage(t, ENDPOINTS.imsConsole.path, false);
  const scripts = unique([...consolePage.scripts.filter((s) => /adobeims|ims|granite|cq\/gui/i.test(s)).slice(0, 25), ...KNOWN_SCRIPTS]);
  const pages = [consolePage];
  for (const script of scripts) pages.push(await surveyPage(t, script, true));
  const urls = unique(pages.flatMap((p) => p.urls));

  return {
    probedAt: new Date().toISOString(),
    author: t.baseUrl,
    version,
    serviceUser,
    endpoints,
    services,
    pages,
    suggestions: suggest(urls),
    requests: { total: t.exchanges.length, writes: t.exchanges.filter((x) => x.method !== 'GET' && x.method !== 'HEAD').length },
  };
}

/** The override an admin pastes to apply the suggestions (curl is a CSRF-safe agent on AEM). */
export function overrideCommand(report: ProbeReport, user: string): string | undefined {
  const pairs = Object.entries(report.suggestions).map(([k, v]) => [k, (v as string[])[0]] as const);
  if (!pairs.length) return undefined;
  const fields = pairs.map(([k, v]) => `-F '${k}=${v}'`).join(' ');
  return `curl -u ${user} ${fields} ${report.author}${ENDPOINTS.settings.defaultPath}/endpoints`;
}
