/**
 * Who besides administrators may write the page's settings, from the entries of Oak's effective
 * access lists on them (the package's settings-writers script). Oak evaluates a user's own entries
 * before any group's, wherever they stand, so a user granted writing on /conf or / writes the
 * settings whatever the package's deny for everyone on /conf/bpsetup says; group entries above the
 * package's rule are stopped by that deny (access-rule.ts proves the rule itself). Pure: no I/O.
 */
import { ADMINISTRATORS, EVERYONE } from './access-rule';

/** One entry as the script lists it; `group` is null where no user or group has that name. */
export interface SettingsWriterEntry {
  path: string;
  principal: string;
  group: boolean | null;
  allow: boolean;
  privileges: string[];
}

/** Privileges that write content or the access list itself (which grants the rest). */
const WRITING = new Set([
  'jcr:all',
  'rep:write',
  'jcr:write',
  'jcr:modifyProperties',
  'jcr:addChildNodes',
  'jcr:removeNode',
  'jcr:removeChildNodes',
  'jcr:modifyAccessControl',
]);

const isEntry = (v: unknown): v is SettingsWriterEntry => {
  const e = v as Partial<SettingsWriterEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.path === 'string' &&
    typeof e.principal === 'string' &&
    (typeof e.group === 'boolean' || e.group === null) &&
    typeof e.allow === 'boolean' &&
    Array.isArray(e.privileges)
  );
};

/** The script's answer, or undefined when it is not one (then nothing is proven). */
export function settingsWriterEntries(json: unknown): SettingsWriterEntry[] | undefined {
  const entries = (json as { entries?: unknown } | null)?.entries;
  return Array.isArray(entries) && entries.every(isEntry) ? entries : undefined;
}

/**
 * The principals other than administrators whose own entry grants writing: users, and names no
 * user or group has (an outside identity provider's user, say), which are not assumed to be groups.
 */
export function otherWriters(entries: readonly SettingsWriterEntry[]): string[] {
  const writers = entries.filter(
    (e) =>
      e.allow &&
      e.group !== true &&
      e.principal !== EVERYONE &&
      e.principal !== ADMINISTRATORS &&
      e.principal !== 'admin' &&
      e.privileges.some((p) => WRITING.has(p)),
  );
  return [...new Set(writers.map((e) => `${e.principal} (${e.path})`))];
}
