/**
 * Whether only administrators can have written the page's settings: the package's access rule
 * read back (domain/access-rule.ts), and no list of their own on the settings or the endpoints
 * node. Two reads in parallel, made only when overrides exist; a read that fails is no proof.
 */
import { hasOwnRule, isAdministratorsOnlyRule } from '../domain/access-rule';
import { ENDPOINTS, slingJson } from '../contract/endpoints';
import { aemFetch } from './fetch';
import { expectOk, parseJson } from './responses';
import { SETTINGS, type SettingsGuard } from './settings-client';

export const proveSettingsGuarded: SettingsGuard = async (settings) => {
  if (hasOwnRule(settings)) return 'rule-missing';
  const read = async (path: string) => {
    const res = await aemFetch(path);
    return res.status === 404 ? undefined : parseJson(await expectOk(res, ENDPOINTS.settingsAccessRule, path), path);
  };
  try {
    const [rule, endpoints] = await Promise.all([
      read(slingJson(ENDPOINTS.settingsAccessRule.defaultPath, 1)),
      read(slingJson(`${ENDPOINTS.settings.defaultPath}/${SETTINGS.endpointsNode}`, 1)),
    ]);
    // A missing rule answers 404 (or is hidden from a user who may not read access lists).
    return isAdministratorsOnlyRule(rule) && !hasOwnRule(endpoints) ? true : 'rule-missing';
  } catch {
    return 'rule-unreadable';
  }
};
