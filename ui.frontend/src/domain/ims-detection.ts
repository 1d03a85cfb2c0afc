/**
 * Which IMS configurations are meant for Brand Portal (pain point 4: "create only one"):
 * a JWT one whose claims carry the Brand Portal metascope, any one a Brand Portal cloud service
 * points at, or one titled for Brand Portal.
 */
import { IMS } from '../aem/endpoints';
import type { ImsConfig } from './types';

export function isBrandPortalImsConfig(config: ImsConfig, referencedIds: readonly string[] = []): boolean {
  if (referencedIds.includes(config.id) || referencedIds.includes(config.pid)) return true;
  if ((config.defaultClaims ?? []).some((c) => c.includes(`${IMS.metascopePrefix}${IMS.brandPortalMetascope}`))) return true;
  return /brand\s*portal/i.test(config.title);
}

export const brandPortalImsConfigs = (configs: ImsConfig[], referencedIds: readonly string[] = []): ImsConfig[] =>
  configs.filter((c) => isBrandPortalImsConfig(c, referencedIds));
