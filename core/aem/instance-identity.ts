/**
 * Which instance an address reaches, from what Sling itself says: its run modes and Sling ID (the
 * settings printer, administrators only) and the cluster it belongs to (Oak discovery's node per
 * instance under /var/discovery/oak/clusterInstances). Reads only; a read that fails leaves its
 * part undefined ("could not be read"), never empty.
 */
import { runModesFromSlingSettings, slingIdFromSlingSettings } from '../domain/console-printer';
import type { InstanceIdentity } from '../domain/fleet-rules';
import { parseJson } from './responses';
import type { AemSession } from './session';

/** Sling's settings printer as JSON, or undefined where it cannot be read (not an administrator, no console). */
async function slingSettings(s: AemSession): Promise<unknown> {
  const e = s.endpoints.slingSettings;
  try {
    const res = await s.fetch(e.path);
    return res.ok ? parseJson<unknown>(await res.text(), e.path) : undefined;
  } catch {
    return undefined;
  }
}

/** The instance's run modes from Sling's settings printer (administrators); undefined when they cannot be read. */
export async function runModes(s: AemSession): Promise<string[] | undefined> {
  return runModesFromSlingSettings(await slingSettings(s));
}

/** The Sling IDs Oak discovery lists in this repository (every instance of its cluster), where readable. */
async function clusterInstances(s: AemSession): Promise<string[] | undefined> {
  const e = s.endpoints.clusterInstances;
  try {
    const res = await s.fetch(e.path);
    if (!res.ok) return undefined;
    const listing = parseJson<Record<string, unknown>>(await res.text(), e.path);
    if (!listing || typeof listing !== 'object') return undefined;
    return Object.entries(listing)
      .filter(([name, value]) => !name.includes(':') && value !== null && typeof value === 'object')
      .map(([name]) => name)
      .sort();
  } catch {
    return undefined;
  }
}

export async function instanceIdentity(s: AemSession): Promise<InstanceIdentity> {
  const [settings, cluster] = await Promise.all([slingSettings(s), clusterInstances(s)]);
  return { slingId: slingIdFromSlingSettings(settings), clusterInstances: cluster };
}
