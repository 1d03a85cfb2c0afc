/**
 * AEM versions and the feature gates that depend on them [contract: Version and feature gates]: OAuth Server-to-Server
 * from 6.5.21.0 (Adobe's IMS page says SP20; we gate on SP21 and say so), or 6.5 SP11+ with the
 * IMS compatibility hotfix; the Developer Console Brand Portal flow from 6.5.4 / 6.4.8 / 6.3.3.8.
 */

import { PRODUCT_INFO } from '../contract/aem-names';
import { printerLines } from './console-printer';

export type Version = [number, number, number, number];

export function parseVersion(text: string): Version | undefined {
  const m = /^\s*(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text ?? '');
  if (!m) return undefined;
  // 6.5 LTS may name itself by its service pack (`6.5.2.LTS`, `6.5.2 LTS`): SP n ships as the
  // 6.6.n quickstart (contract section 7), so it is read as that line, never as 6.5.2.
  if (m[1] === '6' && m[2] === '5' && LTS_WORD.test(text)) return [6, 6, Number(m[3] ?? 0), 0];
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
}

const LTS_WORD = /(?:^|[\s.(_-])LTS(?:$|[\s.)_-])/i;

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

const atLeast = (v: Version, min: string) => compareVersions(v, parseVersion(min) as Version) >= 0;

/** Whether a version text is at least `min`; undefined when the text names no version. */
export function versionAtLeast(text: string | undefined, min: string): boolean | undefined {
  const v = text ? parseVersion(text) : undefined;
  return v ? atLeast(v, min) : undefined;
}

export type OauthSupport = 'native' | 'withHotfix' | 'unsupported';

/** Whether this AEM can hold an OAuth Server-to-Server IMS configuration. */
export function oauthSupport(v: Version): OauthSupport {
  if (v[0] !== 6 || v[1] < 5) return 'unsupported';
  if (v[1] > 5 || atLeast(v, '6.5.21.0')) return 'native';
  if (atLeast(v, '6.5.11.0')) return 'withHotfix';
  return 'unsupported';
}

/** Whether this AEM has the Adobe Developer Console (IMS) Brand Portal flow at all. */
export function developerConsoleFlowSupported(v: Version): boolean {
  if (v[0] === 6 && v[1] === 5) return atLeast(v, '6.5.4.0');
  if (v[0] === 6 && v[1] === 4) return atLeast(v, '6.4.8.0');
  if (v[0] === 6 && v[1] === 3) return atLeast(v, '6.3.3.8');
  return v[0] > 6 || (v[0] === 6 && v[1] > 5);
}

/**
 * The version in the Felix product-info printer's answer [contract: Version and feature gates]: a JSON array of text lines,
 * or `{"value": [...]}` on older consoles; the line after "Installed Products" reads
 * `Adobe Experience Manager (6.5.N.0)`.
 */
export function versionFromProductInfo(json: unknown): string | undefined {
  const text = printerLines(json);
  const heading = text.findIndex((l) => l.includes(PRODUCT_INFO.heading));
  for (const line of heading >= 0 ? text.slice(heading + 1) : text) {
    const m = PRODUCT_INFO.productLine.exec(line);
    if (!m || !parseVersion(m[1])) continue;
    const number = m[1].replace(/\.$/, '');
    // A line that says LTS anywhere keeps the word with the number (6.5.2 is not 6.5 LTS SP2).
    return LTS_WORD.test(line) && !LTS_WORD.test(number) && parseVersion(number)?.[1] === 5 ? `${number} LTS` : number;
  }
  return undefined;
}

export const formatVersion = (v: Version): string => v.join('.');

/**
 * AEM 6.5 LTS reports a 6.6.x quickstart (contract [contract: IMS configurations]): OAuth native, JWT configurations
 * can only be migrated, never created.
 */
export const isLts = (v: Version): boolean => v[0] === 6 && v[1] === 6;

/** The version as an admin knows it: "6.5 LTS (6.6.1.0)" for the LTS line, the number otherwise. */
export function displayVersion(text: string): string {
  const v = parseVersion(text);
  // A text that says LTS itself is shown as it is.
  return v && isLts(v) && !LTS_WORD.test(text) ? `6.5 LTS (${text})` : text;
}

/**
 * A product line that may be 6.5 LTS without saying so: 6.5.0 to 6.5.9 (LTS names its service packs
 * with these numbers; contract section 7). Only then are the bundles asked.
 */
export function ltsAmbiguous(version: string): boolean {
  const v = parseVersion(version);
  return Boolean(v && v[0] === 6 && v[1] === 5 && v[2] <= 9 && !LTS_WORD.test(version));
}

/** The same number, said to be 6.5 LTS (parseVersion then reads it as the 6.6 line). */
export const asLts = (version: string): string => `${version} LTS`;

export interface BundleVersion {
  symbolicName: string;
  version: string;
}

/**
 * 6.5 LTS by its bundles (contract section 7, thresholds INFERRED): Oak 1.60 or later, or any
 * `V660` qualifier, is the LTS line; Oak 1.22 with `CQ650` qualifiers the classic one. Undefined
 * when the list names no Oak.
 */
export function isLtsByBundles(bundles: readonly BundleVersion[]): boolean | undefined {
  if (bundles.some((b) => /V660/i.test(b.version))) return true;
  const oak = bundles.find((b) => b.symbolicName === 'org.apache.jackrabbit.oak-core');
  const v = oak && /^(\d+)\.(\d+)/.exec(oak.version);
  if (!v) return undefined;
  return Number(v[1]) > 1 || Number(v[2]) >= 60;
}
