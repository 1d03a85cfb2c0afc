/**
 * The Brand Portal tenant URL [contract: Credential formats]
 * [contract: Brand Portal cloud service and agents]: https, a host, nothing after it. Normalised
 * to the origin (lower-case host, no trailing slash). Unusual hosts are a warning, not a block:
 * beta and regional hosts exist.
 */
import { t } from '../i18n';
import type { CloudConfig } from './types';
import type { Verdict } from './validate';

export const BRAND_PORTAL_HOST = /^[a-z0-9-]+\.brand-portal\.adobe\.com$/;

export interface TenantVerdict extends Verdict {
  /** `https://<tenant>.brand-portal.adobe.com`, when the value is usable. */
  normalised?: string;
  tenant?: string;
}

export function validateTenantUrl(value: string): TenantVerdict {
  const raw = (value ?? '').trim();
  if (!raw) return { error: t('Enter the Brand Portal address, for example https://yourcompany.brand-portal.adobe.com.') };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return { error: t('This is not a web address: use https://<tenant>.brand-portal.adobe.com.') };
  }
  if (url.protocol !== 'https:') return { error: t('The Brand Portal address must use https.') };
  if (url.username || url.password) return { error: t('The Brand Portal address must not contain a user name or password.') };
  if (url.port) return { error: t('The Brand Portal address must not name a port.') };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return { error: t('Use the address only, without a path: {0}', url.origin) };
  }
  if (!/^[a-z0-9.-]+$/.test(url.hostname) || !url.hostname.includes('.')) return { error: t('The host name is not valid.') };
  const normalised = url.origin;
  const tenant = url.hostname.split('.')[0];
  if (!/^https:\/\//i.test(raw)) return { normalised, tenant, warning: t('https:// was added: {0}', normalised) };
  if (!BRAND_PORTAL_HOST.test(url.hostname))
    return { normalised, tenant, warning: t('This is not a *.brand-portal.adobe.com address; use it only if Adobe gave it to you.') };
  return { normalised, tenant };
}

/**
 * A tenant address checked once, where an admin typed it (or as AEM stores it): the normalised
 * origin and the tenant's id. Passed on as a value across the page (Connect hands it to step 6)
 * and never checked again.
 */
export interface TenantAddress {
  readonly url: string;
  readonly tenant: string;
}

/** The address a verdict found usable (a field's own check), or nothing. */
export const addressOf = (v: TenantVerdict): TenantAddress | undefined =>
  v.normalised && v.tenant ? { url: v.normalised, tenant: v.tenant } : undefined;

/** The address when the text is usable; `validateTenantUrl` says why when it is not. */
export const tenantAddress = (text: string): TenantAddress | undefined => addressOf(validateTenantUrl(text));

/**
 * A Brand Portal tenant's own address (`https://<tenant>.brand-portal.adobe.com`). Any other host
 * (a typo such as `brandportal`, a company site) is used only once the admin confirms it: a save
 * creates a cloud service and four agents that publish there at once.
 */
export function isBrandPortalAddress(normalised: string): boolean {
  try {
    return BRAND_PORTAL_HOST.test(new URL(normalised).hostname);
  } catch {
    return false;
  }
}

/** The tenant address of each configuration, normalised where it is usable (as stored otherwise), once each. */
export const tenantUrlsOf = (configs: readonly CloudConfig[]): string[] => [
  ...new Set(configs.map((c) => validateTenantUrl(c.tenantUrl).normalised ?? c.tenantUrl)),
];

/** The cloud configuration the agents belong to (the current, non-legacy one) and its tenant, when usable. */
export function currentTenant(configs: readonly CloudConfig[]): { config: CloudConfig; url: string; tenant: string } | undefined {
  const config = configs.find((c) => !c.legacy);
  const v = config ? validateTenantUrl(config.tenantUrl) : undefined;
  return config && v?.normalised && v.tenant ? { config, url: v.normalised, tenant: v.tenant } : undefined;
}
