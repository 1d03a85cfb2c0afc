/**
 * Whether only administrators can have written the page's settings: the package's access rule
 * read back (domain/access-rule.ts), no list of their own on the settings or the endpoints node,
 * and no user holding a grant of their own to write them in Oak's effective access lists (the
 * package's settings-writers script; domain/settings-writers.ts). Three reads in parallel, made
 * only when overrides exist; a read that fails is no proof.
 */
import { hasOwnRule, isAdministratorsOnlyRule } from '../domain/access-rule';
import { otherWriters, settingsWriterEntries } from '../domain/settings-writers';
import { slingJson } from '../contract/aem-names';
import { expectOk, parseJson } from './responses';
import { SETTINGS, type SettingsGuard } from './settings-client';

export const proveSettingsGuarded: SettingsGuard = async (s, settings) => {
  if (hasOwnRule(settings)) return { why: 'rule-missing' };
  const read = async (path: string) => {
    const res = await s.fetch(path);
    return res.status === 404 ? undefined : parseJson(await expectOk(res, s.endpoints.settingsAccessRule, path), path);
  };
  try {
    const [rule, endpoints, effective] = await Promise.all([
      read(slingJson(s.endpoints.settingsAccessRule.defaultPath, 1)),
      read(slingJson(`${s.endpoints.settings.defaultPath}/${SETTINGS.endpointsNode}`, 1)),
      read(s.endpoints.settingsWriters.defaultPath),
    ]);
    // A missing rule answers 404 (or is hidden from a user who may not read access lists).
    if (!isAdministratorsOnlyRule(rule) || hasOwnRule(endpoints)) return { why: 'rule-missing' };
    const entries = settingsWriterEntries(effective);
    if (!entries) return { why: 'rule-unreadable' };
    const writers = otherWriters(entries);
    return writers.length ? { why: 'other-writers', writers } : true;
  } catch {
    return { why: 'rule-unreadable' };
  }
};
