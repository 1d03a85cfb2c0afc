/**
 * The page's own settings on the author, in a node our package never overwrites
 * (`/conf/bpsetup/settings`): the IMS configuration the admin marked for Brand Portal, and address
 * overrides (child node `endpoints`) an admin applies from the probe's findings. Written through
 * Sling's default POST servlet, as any admin could with curl.
 */
import type { AemSession } from './session';
import type { GuardVerdict, UnguardedOverrides } from '../domain/types';
import { slingJson } from '../contract/aem-names';

import { expectOk, parseJson } from './responses';

export const SETTINGS = {
  markedImsConfig: 'brandPortalImsConfig',
  endpointsNode: 'endpoints',
  requestTimeout: 'requestTimeoutSeconds',
} as const;

/** A slow author may need longer than the default 30 s per request; more than 10 minutes helps nobody. */
export const REQUEST_TIMEOUT_RANGE = { min: 1, max: 600 } as const;

export interface PageSettings {
  markedImsConfig?: string;
  /** Only while the settings are proven writable by administrators alone; otherwise empty. */
  endpointOverrides: Record<string, unknown>;
  /** Overrides found but not applied, because that proof failed: the names, and why. */
  unguarded?: UnguardedOverrides;
  /** Seconds each request to AEM may take, when an admin set it (Sling stores it as text or a number). */
  requestTimeoutSeconds?: number;
}

function timeoutSeconds(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= REQUEST_TIMEOUT_RANGE.min && n <= REQUEST_TIMEOUT_RANGE.max ? n : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Proves that only administrators can have written the settings (aem/settings-guard.ts), or says
 * why not. Asked only when overrides exist; the page fetches it as a part, the CLI imports it.
 */
export type SettingsGuard = (s: AemSession, settings: Record<string, unknown>) => Promise<GuardVerdict>;

/** Absent settings are the normal case (404): nothing marked, no overrides. Without `guard` no override applies. */
export async function readSettings(s: AemSession, guard?: SettingsGuard): Promise<PageSettings> {
  const e = s.endpoints.settings;
  const res = await s.fetch(slingJson(e.defaultPath, 1));
  if (res.status === 404) return { endpointOverrides: {} };
  const json = parseJson<Record<string, unknown>>(await expectOk(res, e), e.defaultPath);
  const marked = json[SETTINGS.markedImsConfig];
  const endpoints = json[SETTINGS.endpointsNode];
  const found = isObject(endpoints)
    ? Object.fromEntries(Object.entries(endpoints).filter(([k, v]) => !k.startsWith('jcr:') && !isObject(v)))
    : {};
  const named = Object.keys(found).filter((k) => Object.prototype.hasOwnProperty.call(s.endpoints, k));
  const unreadable = { why: 'rule-unreadable' } as const;
  const verdict: GuardVerdict = !named.length || (guard ? await guard(s, json).catch(() => unreadable) : unreadable);
  return {
    markedImsConfig: typeof marked === 'string' && marked ? marked : undefined,
    endpointOverrides: verdict === true ? found : {},
    ...(verdict !== true && { unguarded: { keys: named, ...verdict } }),
    requestTimeoutSeconds: timeoutSeconds(json[SETTINGS.requestTimeout]),
  };
}

/** Marks the IMS configuration Brand Portal uses (until a cloud service references one). */
export async function markImsConfig(s: AemSession, pid: string): Promise<void> {
  const e = s.endpoints.settings;
  const form = new URLSearchParams({ [SETTINGS.markedImsConfig]: pid });
  await expectOk(await s.fetch(e.defaultPath, { method: 'POST', body: form }), e);
}
