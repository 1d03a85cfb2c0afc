import { readFileSync } from 'node:fs';
import { parseDocview } from '../../emulator/docview';
import { nodeToJson } from '../../emulator/routes/sling-get';

/**
 * A scripted `fetch` for jsdom tests of the AEM client: answers by method and path, and records
 * every call (method, URL, headers, body) so tests can check what was, and was not, sent.
 */
export interface RecordedCall {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
}

type Responder = (call: RecordedCall) => Response | Promise<Response>;

export function fakeAem(routes: Record<string, Responder | Response[]>): { calls: RecordedCall[]; writes: () => RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const queues = new Map<string, Response[]>();
  window.fetch = jest.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: RecordedCall = {
      method: (init.method ?? 'GET').toUpperCase(),
      url: String(input),
      headers: new Headers(init.headers),
      body: init.body,
    };
    calls.push(call);
    const key = `${call.method} ${call.url.split('?')[0]}`;
    const route = routes[key] ?? routes[`${call.method} ${call.url}`];
    if (!route) return new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/html' } });
    if (Array.isArray(route)) {
      if (!queues.has(key)) queues.set(key, [...route]);
      const next = queues.get(key)?.shift();
      if (!next) throw new Error(`no more scripted answers for ${key}`);
      return next;
    }
    return route(call);
  }) as typeof fetch;
  return { calls, writes: () => calls.filter((c) => !['GET', 'HEAD'].includes(c.method)) };
}

export const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });
export const text = (value: string, status = 200, type = 'text/plain') =>
  new Response(value, { status, headers: { 'Content-Type': type } });
export const token =
  (t = 'tok') =>
  () =>
    json({ token: t });

/** Where the scripted author keeps the Brand Portal IMS service user (an Oak-style node name). */
export const SERVICE_USER = '/home/users/system/k3Xv9_QmT0aLbNcRdSeF';

/** The Felix product-info printer's answer for a version [contract: Users and the keystore]. */
export const productInfoJson = (version: string) =>
  json(['Adobe Experience Manager', '', 'Installed Products', `  Adobe Experience Manager (${version})`]);

/** The service-user lookup every keystore read starts with. */
export const serviceUserQuery = () =>
  json({ success: true, results: 1, hits: [{ 'jcr:path': SERVICE_USER, 'rep:authorizableId': 'brandportal-imsconfig-service' }] });

/**
 * The settings' access rule exactly as the package installs it (its `_rep_policy.xml`, rendered as
 * Sling's JSON for an administrator), and the settings-writers script's answer for it: the reads
 * that let address overrides apply.
 */
export function packagedSettingsRule(): Record<string, Responder> {
  const file = `${__dirname}/../../ui.content/src/main/content/jcr_root/conf/bpsetup/_rep_policy.xml`;
  const rule = nodeToJson(parseDocview(readFileSync(file, 'utf8')), 1, '/conf/bpsetup/rep:policy', true);
  // The package's settings-writers read: the same rule's entries, nothing granted above it.
  const entries = Object.entries(rule)
    .filter(([, ace]) => typeof ace === 'object' && ace !== null)
    .map(([, ace]) => {
      const a = ace as Record<string, unknown>;
      const principal = String(a['rep:principalName']);
      return {
        path: '/conf/bpsetup',
        principal,
        group: principal === 'everyone' ? null : true,
        allow: a['jcr:primaryType'] === 'rep:GrantACE',
        privileges: [a['rep:privileges']].flat().map(String),
      };
    });
  return {
    'GET /conf/bpsetup/rep:policy.1.json': () => json(rule),
    'GET /conf/bpsetup/settings/endpoints.1.json': () => json({ 'jcr:primaryType': 'nt:unstructured' }),
    'GET /apps/bpsetup/settings-writers.json': () => json({ entries }),
  };
}
