/**
 * `bpsetup probe --bundle FILE`: evidence from a real author, read-only and masked, of what decides
 * this project's writes but only AEM itself can show: the product line and its bundles, the
 * configuration manager's view of every IMS provider and customizer (secrets masked by key and by
 * shape), AEM's IMS console (its scripts, form field names and action addresses, through the
 * probe), the Brand Portal cloud services and agents as stored, and whether Felix health checks
 * answer. `npm run contract:compare -- FILE` turns such a capture into contract differences
 * (cli/evidence-compare.ts). A read that fails is kept with its status: "could not be read".
 */
import { ENDPOINTS } from '../core/contract/endpoints';
import { AGENTS, CONFIG_MANAGER, IMS_OSGI, slingJson } from '../core/contract/aem-names';
import { maskSecrets } from '../core/domain/mask';
import type { NodeTransport } from './node-transport';
import { type ProbeReport, probe } from './probe';

export const EVIDENCE_FORMAT = 'bpsetup-evidence/1';

/** One GET: its address, AEM's status, and the answer as JSON (masked) when it was JSON. */
export interface EvidenceRead {
  path: string;
  status: number;
  json?: unknown;
}

export interface EvidenceCapture {
  format: typeof EVIDENCE_FORMAT;
  capturedAt: string;
  author: string;
  productInfo: EvidenceRead;
  /** The Felix console's bundle list, each as `[symbolic name, version, state]` (the rest is not needed). */
  bundles: EvidenceRead;
  imsProviders: EvidenceRead;
  imsCustomizers: EvidenceRead;
  cloudServices: EvidenceRead;
  legacyCloudServices: EvidenceRead;
  /** The Brand Portal agents (`mp_replication…`) with their `jcr:content`; other agents are left out. */
  agents: EvidenceRead;
  /** Felix health checks (`/system/health`, 6.5 LTS): whether the framework answers here. */
  healthChecks: EvidenceRead;
  /** Every unconfirmed address, the services the page needs, AEM's IMS console and scripts. */
  survey: ProbeReport;
}

/** Felix health checks' executor servlet (LTS release notes: `/systemalive` became `/system/health`). */
export const HEALTH_CHECKS_PATH = '/system/health.json';

const factoryFilter = (factoryPid: string) =>
  `${ENDPOINTS.configManager.defaultPath}/${CONFIG_MANAGER.allPids}.json?${new URLSearchParams({
    [CONFIG_MANAGER.pidFilter]: `(service.factoryPid=${factoryPid})`,
  })}`;

async function read(t: NodeTransport, path: string, keep: (json: unknown) => unknown = (j) => j): Promise<EvidenceRead> {
  try {
    const res = await t.get(path);
    const text = await res.text();
    if (!res.ok) return { path, status: res.status };
    try {
      return { path, status: res.status, json: maskSecrets(keep(JSON.parse(text))) };
    } catch {
      return { path, status: res.status };
    }
  } catch {
    return { path, status: 0 };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `bundles.json`'s `data` as `[symbolicName, version, state]` rows. */
const bundleRows = (json: unknown): unknown =>
  isObject(json) && Array.isArray(json.data)
    ? json.data.filter(isObject).map((b) => [String(b.symbolicName ?? ''), String(b.version ?? ''), String(b.state ?? '')])
    : json;

/** The agents folder without the agents that are not Brand Portal's. */
const brandPortalAgents = (json: unknown): unknown =>
  isObject(json)
    ? Object.fromEntries(Object.entries(json).filter(([name, v]) => name.startsWith(AGENTS.familyPrefix) && isObject(v)))
    : json;

export async function captureEvidence(t: NodeTransport): Promise<EvidenceCapture> {
  return {
    format: EVIDENCE_FORMAT,
    capturedAt: new Date().toISOString(),
    author: t.baseUrl,
    productInfo: await read(t, ENDPOINTS.productInfo.path),
    bundles: await read(t, ENDPOINTS.bundles.path, bundleRows),
    imsProviders: await read(t, factoryFilter(IMS_OSGI.providerPid)),
    imsCustomizers: await read(t, factoryFilter(IMS_OSGI.customizerPid)),
    cloudServices: await read(t, slingJson(ENDPOINTS.cloudConfigRoot.path, 2)),
    legacyCloudServices: await read(t, slingJson(ENDPOINTS.legacyCloudConfigRoot.path, 2)),
    agents: await read(t, slingJson(ENDPOINTS.agentsRoot.path, 2), brandPortalAgents),
    healthChecks: await read(t, HEALTH_CHECKS_PATH, (json) => (isObject(json) ? { overallResult: json.overallResult } : json)),
    survey: await probe(t),
  };
}
