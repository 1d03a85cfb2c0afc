/**
 * A capture (cli/evidence.ts) turned into facts the contract depends on, each named after the
 * section of docs/aem-contract.md it settles, and two captures compared fact by fact: a real
 * author's against the emulator's. Values an author makes its own (ids, tenant names, hosts,
 * digits of versions and dates) are reduced to their shape first, so only what the contract
 * relies on can differ. Pure.
 */
import { IMS_OSGI, IMS_PARAMS } from '../core/contract/aem-names';
import type { EvidenceCapture, EvidenceRead } from './evidence';

export interface EvidenceFact {
  id: string;
  /** The section of docs/aem-contract.md this fact settles. */
  contract: string;
  value: string;
}

export interface EvidenceDifference {
  id: string;
  contract: string;
  author: string;
  emulator: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (values: Iterable<string>) => [...new Set(values)].sort().join(', ') || '(none)';

/** What a read says when it has no JSON to judge: the status is the fact. */
const unread = (r: EvidenceRead) => (r.status === 0 ? 'could not be read (no answer)' : `could not be read (HTTP ${r.status})`);

/** A value reduced to its shape: digits, hex runs and host names of one author do not count. */
export function shapeOf(value: string): string {
  return value
    .replace(/https?:\/\/[^/\s"']+/g, '<origin>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>')
    .replace(/\b[0-9a-f]{16,}\b/gi, '<hex>')
    .replace(/\d+/g, 'N');
}

const VERSION = 'Version and feature gates';
const IMS = 'IMS configurations';
const CONSOLES = 'OSGi consoles (administrators only)';
const CLOUD = 'Brand Portal cloud service and agents';
const PROBE = 'What `npm run probe` checks on a real author';

/** The bundles whose generation decides what the emulator must match (Sling, Oak, Felix, FileVault, AEM's IMS and replication). */
export const KEY_BUNDLES = [
  'org.apache.sling.api',
  'org.apache.sling.servlets.get',
  'org.apache.sling.servlets.post',
  'org.apache.sling.scripting.jsp',
  'org.apache.jackrabbit.oak-core',
  'org.apache.jackrabbit.vault',
  'org.apache.felix.framework',
  'org.apache.felix.webconsole',
  'com.adobe.granite.auth.oauth',
  'com.adobe.granite.auth.ims',
  'com.day.cq.replication',
];

interface OsgiEntry {
  pid: string;
  properties: Record<string, unknown>;
}

/** The configuration manager's list as entries whose property values are plain (`value` or `values`). */
function osgiEntries(r: EvidenceRead): OsgiEntry[] | undefined {
  if (!Array.isArray(r.json)) return undefined;
  return r.json.filter(isObject).map((e) => ({
    pid: String(e.pid ?? ''),
    properties: Object.fromEntries(
      Object.entries(isObject(e.properties) ? e.properties : {}).map(([k, p]) => [k, isObject(p) ? (p.values ?? p.value) : p]),
    ),
  }));
}

const text = (v: unknown) => (Array.isArray(v) ? v.map(String).join(',') : v === undefined || v === null ? '' : String(v));

/** The `jcr:content` of each child of a `.2.json` folder read, by child name. */
function contents(r: EvidenceRead): Json[] | undefined {
  if (!isObject(r.json)) return undefined;
  return Object.values(r.json)
    .filter(isObject)
    .map((node) => (isObject(node['jcr:content']) ? node['jcr:content'] : {}));
}

/** How a reference names an IMS configuration: by which of its provider's values (the contract leaves it open). */
function referenceKind(reference: string, providers: OsgiEntry[], cloudImsConfigs: string[]): string {
  if (!reference) return '(empty)';
  const kinds: string[] = [];
  if (cloudImsConfigs.includes(reference)) kinds.push("the cloud service's imsConfig");
  for (const p of providers) {
    if (reference === p.pid) kinds.push('provider PID');
    else if (p.pid.endsWith(`.${reference}`)) kinds.push('the PID after the factory PID');
    if (reference === text(p.properties[IMS_OSGI.props.name])) kinds.push('provider name');
    if (reference === text(p.properties[IMS_OSGI.props.title])) kinds.push('provider title');
  }
  return kinds.length ? list(kinds) : 'none of the providers';
}

export function evidenceFacts(c: EvidenceCapture): EvidenceFact[] {
  const facts: EvidenceFact[] = [];
  const add = (id: string, contract: string, value: string) => facts.push({ id, contract, value });

  // Version and feature gates: the product line's text and the bundles' generation.
  // The console's product information is a list of lines; the product's own line carries the version.
  const lines = Array.isArray(c.productInfo.json) ? c.productInfo.json.map(String) : undefined;
  const productLine = lines?.find((l) => /\(\d/.test(l))?.trim() ?? '(no line with a version)';
  add('product-info line', VERSION, lines ? shapeOf(productLine.slice(0, 200)) : unread(c.productInfo));
  const bundles = Array.isArray(c.bundles.json) ? (c.bundles.json as unknown[][]) : undefined;
  for (const name of KEY_BUNDLES) {
    const row = bundles?.find((b) => Array.isArray(b) && b[0] === name);
    add(`bundle ${name}`, VERSION, bundles ? (row ? `${String(row[1])} (${String(row[2])})` : 'absent') : unread(c.bundles));
  }

  // IMS configurations as ConfigAdmin holds them.
  const providers = osgiEntries(c.imsProviders);
  const customizers = osgiEntries(c.imsCustomizers);
  add(
    'IMS provider property names',
    CONSOLES,
    providers ? list(providers.flatMap((p) => Object.keys(p.properties))) : unread(c.imsProviders),
  );
  add(
    'IMS customizer property names',
    CONSOLES,
    customizers ? list(customizers.flatMap((p) => Object.keys(p.properties))) : unread(c.imsCustomizers),
  );
  if (providers && customizers) {
    const types = new Set(customizers.map((x) => text(x.properties[IMS_OSGI.props.customizerType])));
    add(
      'provider/customizer pairing',
      IMS,
      list(
        providers.map((p) => {
          const type = text(p.properties[IMS_OSGI.props.tokenRequestCustomizerType]);
          return !type ? 'provider without a pairing type' : types.has(type) ? 'paired' : 'pairing type matches no customizer';
        }),
      ),
    );
    add('pairing value shape', IMS, list(providers.map((p) => shapeOf(text(p.properties[IMS_OSGI.props.tokenRequestCustomizerType])))));
    add('token validator type', IMS, list(providers.map((p) => shapeOf(text(p.properties[IMS_OSGI.props.validatorType])) || '(none)')));
    add('authorization grants', IMS, list(providers.map((p) => text(p.properties[IMS_OSGI.props.grants]) || '(none)')));
    add('provider name shape', IMS, list(providers.map((p) => shapeOf(text(p.properties[IMS_OSGI.props.name])))));
  }

  // AEM's IMS console: which of the form's names the endpoint map posts appear in its pages and scripts.
  const fields = new Set(c.survey.pages.flatMap((p) => p.fieldNames));
  const posted = [
    IMS_PARAMS.title,
    IMS_PARAMS.authServerUrl,
    IMS_PARAMS.apiKey,
    IMS_PARAMS.clientSecret,
    IMS_PARAMS.authType,
    IMS_PARAMS.orgId,
    IMS_PARAMS.scope,
  ];
  add('IMS form names seen in the console', IMS, list(posted.filter((n) => fields.has(n))));
  add(
    'IMS console action addresses',
    IMS,
    list(
      c.survey.pages
        .flatMap((p) => p.urls)
        .filter((u) => /imsconfiguration/i.test(u))
        .map((u) => shapeOf(u.split(/[?#]/)[0])),
    ),
  );
  for (const e of c.survey.endpoints) add(`endpoint ${e.key}`, PROBE, e.verdict);
  for (const [name, s] of Object.entries(c.survey.services)) add(`service ${name}`, PROBE, s.verdict);

  // The Brand Portal cloud service and its agents as stored.
  const clouds = contents(c.cloudServices);
  add('cloud service property names', CLOUD, clouds ? list(clouds.flatMap((x) => Object.keys(x))) : unread(c.cloudServices));
  const cloudImsConfigs = (clouds ?? []).map((x) => text(x.imsConfig)).filter(Boolean);
  if (clouds) {
    add('cloud service resource type', CLOUD, list(clouds.map((x) => text(x['sling:resourceType']))));
    add('cloud service template', CLOUD, list(clouds.map((x) => text(x['cq:template']))));
    add('cloud service OAuth scopes', CLOUD, list(clouds.map((x) => text(x.oauthScopes))));
    if (providers) add("cloud service's imsConfig names", CLOUD, list(cloudImsConfigs.map((r) => referenceKind(r, providers, []))));
  }
  const agents = contents(c.agents);
  add('agent property names', CLOUD, agents ? list(agents.flatMap((x) => Object.keys(x))) : unread(c.agents));
  if (agents) {
    add(
      'agent transport address shape',
      CLOUD,
      list(agents.map((x) => shapeOf(text(x.transportUri)).replace(/_[a-z0-9-]+$/i, '_<tenant>'))),
    );
    add('agent user', CLOUD, list(agents.map((x) => text(x.userId) || '(none)')));
    add('agent serialization type', CLOUD, list(agents.map((x) => text(x.serializationType) || '(none)')));
    if (providers)
      add(
        "agent's accessTokenProviderName names",
        CLOUD,
        list(agents.map((x) => referenceKind(text(x.accessTokenProviderName), providers, cloudImsConfigs))),
      );
  }
  add('Felix health checks (/system/health)', VERSION, c.healthChecks.status === 200 ? 'answers' : unread(c.healthChecks));
  return facts;
}

/** Every fact whose value differs between a real author's capture and the emulator's, or that only one of them has. */
export function compareEvidence(author: EvidenceCapture, emulator: EvidenceCapture): EvidenceDifference[] {
  const mine = new Map(evidenceFacts(author).map((f) => [f.id, f]));
  const theirs = new Map(evidenceFacts(emulator).map((f) => [f.id, f]));
  const ids = [...new Set([...mine.keys(), ...theirs.keys()])];
  return ids.flatMap((id) => {
    const a = mine.get(id);
    const e = theirs.get(id);
    if (a?.value === e?.value) return [];
    return [{ id, contract: (a ?? e)?.contract ?? '', author: a?.value ?? '(not captured)', emulator: e?.value ?? '(not captured)' }];
  });
}
