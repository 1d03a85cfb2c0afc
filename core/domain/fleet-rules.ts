/**
 * Rules across authors, which no single author can see: the CLI applies them to what it read on
 * each. One Brand Portal tenant serves one author: Adobe says an author "shall only be configured
 * with one Brand Portal tenant" and, with two authors on one tenant (staging and production
 * sharing it), asset contribution's imports fail without a word. Authors that share one
 * repository (a cluster) are one author here, but only where Sling says so. Pure: no I/O.
 */
import { t } from '../i18n';
import type { SetupProblem } from './types';

export interface FleetProblem extends SetupProblem {
  /** The authors it concerns. */
  hosts: string[];
}

/** What Sling says about the instance an address reaches; a part left undefined could not be read. */
export interface InstanceIdentity {
  /** Its Sling ID (Sling's settings printer). */
  slingId?: string;
  /** The Sling IDs Oak discovery lists in its repository: itself and the rest of its cluster. */
  clusterInstances?: string[];
}

export interface FleetHost {
  url: string;
  tenantUrl?: string;
  instance?: InstanceIdentity;
}

/**
 * Whether two authors are one repository: each one's Sling ID is listed in the other's cluster (a
 * copied repository lists its origin, but the origin never lists the copy). The same Sling ID is
 * the same instance reached twice. Undefined where either side could not be read.
 */
export function shareOneRepository(a: InstanceIdentity | undefined, b: InstanceIdentity | undefined): boolean | undefined {
  if (!a?.slingId || !b?.slingId) return undefined;
  if (a.slingId === b.slingId) return true;
  if (!a.clusterInstances || !b.clusterInstances) return undefined;
  return a.clusterInstances.includes(b.slingId) && b.clusterInstances.includes(a.slingId);
}

/** The hosts grouped by the repository they share (a group of one for each host nothing proves shared). */
function repositories(hosts: readonly FleetHost[]): { groups: FleetHost[][]; unproven: boolean } {
  const groups: FleetHost[][] = [];
  let unproven = false;
  for (const host of hosts) {
    const verdicts = groups.map((g) => shareOneRepository(g[0].instance, host.instance));
    const joined = verdicts.indexOf(true);
    if (verdicts.includes(undefined)) unproven = true;
    if (joined >= 0) groups[joined].push(host);
    else groups.push([host]);
  }
  return { groups, unproven };
}

export function fleetProblems(hosts: readonly FleetHost[]): FleetProblem[] {
  const byTenant = new Map<string, FleetHost[]>();
  for (const h of hosts) if (h.tenantUrl) byTenant.set(h.tenantUrl, [...(byTenant.get(h.tenantUrl) ?? []), h]);
  const problems: FleetProblem[] = [];
  for (const [tenant, sharing] of byTenant) {
    if (sharing.length < 2) continue;
    const { groups, unproven } = repositories(sharing);
    if (groups.length < 2) continue;
    const named = groups.map((g) => (g.length > 1 ? t('{0} (one cluster)', g.map((h) => h.url).join(' + ')) : g[0].url));
    const fixes = [
      t(
        "Keep each Brand Portal tenant on one author (give staging its own tenant): with two, asset contribution's imports fail without an error, Adobe says.",
      ),
    ];
    if (unproven)
      fixes.push(
        t(
          "Whether some of them share one repository (a cluster, which counts as one author) could not be read: an administrator can read Sling's settings and /var/discovery/oak.",
        ),
      );
    problems.push({
      id: `tenant-shared-${tenant}`,
      severity: 'error',
      title: t('The tenant {0} is configured on {1} authors: {2}', tenant, String(groups.length), named.join(', ')),
      fix: fixes.join(' '),
      hosts: sharing.map((h) => h.url),
    });
  }
  return problems;
}
