/**
 * Whether only administrators can have written the page's settings: the package's access rule
 * read back (domain/access-rule.ts), and no list of their own on the settings or the endpoints
 * node. Two reads in parallel, made only when overrides exist; a read that fails is no proof.
 */
import { hasOwnRule, isAdministratorsOnlyRule } from '../domain/access-rule';
import { slingJson } from '../contract/aem-names';
import { expectOk, parseJson } from './responses';
import { SETTINGS, type SettingsGuard } from './settings-client';

export const proveSettingsGuarded: SettingsGuard = async (s, settings) => {
  if (hasOwnRule(settings)) return 'rule-missing';
  const read = async (path: string) => {
    const res = await s.fetch(path);
    return res.status === 404 ? undefined : parseJson(await expectOk(res, s.endpoints.settingsAccessRule, path), path);
  };
  try {
    const [rule, endpoints] = await Promise.all([
      read(slingJson(s.endpoints.settingsAccessRule.defaultPath, 1)),
      read(slingJson(`${s.endpoints.settings.defaultPath}/${SETTINGS.endpointsNode}`, 1)),
    ]);
    // A missing rule answers 404 (or is hidden from a user who may not read access lists).
    return isAdministratorsOnlyRule(rule) && !hasOwnRule(endpoints) ? true : 'rule-missing';
  } catch {
    return 'rule-unreadable';
  }
};
