/**
 * Rules across authors, which no single author can see: the CLI applies them to what it read on
 * each. One Brand Portal tenant must serve one author: with two (staging and production sharing
 * a tenant), asset contribution's imports fail without a word, Adobe's FAQ says. Pure: no I/O.
 */
import { t } from '../i18n';
import type { SetupProblem } from './types';

export interface FleetProblem extends SetupProblem {
  /** The authors it concerns. */
  hosts: string[];
}

export function fleetProblems(hosts: readonly { url: string; tenantUrl?: string }[]): FleetProblem[] {
  const byTenant = new Map<string, string[]>();
  for (const h of hosts) if (h.tenantUrl) byTenant.set(h.tenantUrl, [...(byTenant.get(h.tenantUrl) ?? []), h.url]);
  return [...byTenant]
    .filter(([, urls]) => urls.length > 1)
    .map(([tenant, urls]) => ({
      id: `tenant-shared-${tenant}`,
      severity: 'warning',
      title: t('The tenant {0} is configured on {1} authors: {2}', tenant, String(urls.length), urls.join(', ')),
      fix: t(
        "Keep each Brand Portal tenant on one author (give staging its own tenant): with two, asset contribution's imports fail without an error, Adobe says.",
      ),
      hosts: urls,
    }));
}
