/**
 * After every IMS save: read back what AEM stored and compare it with what was sent; where AEM's
 * servlet stored something else (the OAuth form's field names are UNKNOWN), repair the provider's
 * properties through the configuration manager and read it back again. When the repair cannot be
 * made or proven, a configuration this save created is deleted again (proven by one more read),
 * so nothing is left half-written. Never claims more than a read showed. No DOM.
 */
import type { AemSession } from './session';
import { type StoredDifference, oauthRepair, storedDifferences } from '../domain/ims-readback';
import type { ImsConfig, ImsConfigInput } from '../domain/types';
import { type OsgiConfiguration, findProviderConfigurations, readConfiguration, updateConfiguration } from './config-manager-client';
import { deleteImsConfigs, imsConfigFromFelix, listImsConfigs } from './ims-client';

export type ImsSaveProof =
  /** The stored configuration holds every value that was sent. */
  | { kind: 'stored' }
  /** It differed; the configuration manager now holds the values sent (read back). */
  | { kind: 'repaired'; differences: StoredDifference[] }
  /** It differs and could not be repaired; `removed`: the configuration this save created is gone (read back). */
  | { kind: 'differs'; differences: StoredDifference[]; removed: boolean | 'not-created'; reason: unknown }
  /** What AEM stored could not be read, so nothing is claimed. */
  | { kind: 'unread'; reason: unknown };

/**
 * The configuration this save wrote, and only it: by the PID of the file AEM stored; where the
 * configuration manager knows it by another PID, by its name, when exactly one provider has that name.
 * Another integration's provider is never the one repaired.
 */
async function savedProvider(s: AemSession, stored: ImsConfig): Promise<OsgiConfiguration> {
  const byPid = await readConfiguration(s, stored.pid).catch(() => undefined);
  if (byPid) return byPid;
  const named = await findProviderConfigurations(s, stored.name);
  if (named.length === 1) return named[0];
  throw new Error(
    named.length
      ? `${named.length} access-token providers are named ${stored.name}: none is repaired, so no other integration's is changed`
      : `The configuration manager has no access-token provider ${stored.pid} or named ${stored.name}`,
  );
}

async function repair(
  s: AemSession,
  input: ImsConfigInput,
  stored: ImsConfig,
  differences: StoredDifference[],
): Promise<StoredDifference[]> {
  const osgi = await savedProvider(s, stored);
  await updateConfiguration(s, osgi.pid, oauthRepair(input, differences));
  const after = await readConfiguration(s, osgi.pid);
  if (!after) throw new Error(`The configuration ${osgi.pid} could not be read back`);
  return storedDifferences(input, imsConfigFromFelix(stored.file, after.properties));
}

/**
 * `listed`: the configurations as just read (the one-configuration guard reads them after saving);
 * `created`: this save made the configuration (only then may a failed repair delete it).
 */
export async function proveImsSave(
  s: AemSession,
  input: ImsConfigInput,
  id: string,
  created: boolean,
  listed?: ImsConfig[],
): Promise<{ proof: ImsSaveProof; listed?: ImsConfig[] }> {
  let configs: ImsConfig[];
  try {
    configs = listed ?? (await listImsConfigs(s));
  } catch (reason) {
    return { proof: { kind: 'unread', reason } };
  }
  const stored = configs.find((c) => c.id === id);
  if (!stored)
    return { proof: { kind: 'unread', reason: new Error(`Configuration ${id} is not in the list AEM answered`) }, listed: configs };
  const differences = storedDifferences(input, stored);
  if (!differences.length) return { proof: { kind: 'stored' }, listed: configs };
  let reason: unknown;
  if (input.authType === 'oauth') {
    try {
      const left = await repair(s, input, stored, differences);
      if (!left.length) return { proof: { kind: 'repaired', differences }, listed: await listImsConfigs(s).catch(() => undefined) };
      reason = new Error(`Still different after the repair: ${left.map((d) => d.property).join(', ')}`);
    } catch (e) {
      reason = e;
    }
  }
  if (!created) return { proof: { kind: 'differs', differences, removed: 'not-created', reason }, listed: configs };
  let after: ImsConfig[] | undefined;
  try {
    await deleteImsConfigs(s, [stored.pid]);
    after = await listImsConfigs(s);
  } catch {
    after = undefined;
  }
  const removed = Boolean(after && !after.some((c) => c.id === id));
  return { proof: { kind: 'differs', differences, removed, reason }, listed: after ?? configs };
}
