/**
 * The Brand Portal cloud-service save under the keeper rule of one-ims-config.ts, so that the
 * service and its agents name the one IMS configuration that stays. Another creator (a second
 * `setup`, an admin's page) may delete the configuration this run chose between its choice and
 * its save, or just after it: the configurations are read right before the save and right after
 * it, and a service that names one no longer there is saved again naming the keeper. Agents AEM
 * wrote from a deleted configuration are pointed at the one the service names.
 */
import type { AemSession } from './session';
import { type CloudConfigSave, listCloudConfigs, saveCloudConfig, setAgentTokenProvider } from './brand-portal-client';
import { listImsConfigs } from './ims-client';
import { brandPortalImsConfigs, identifiedBy } from '../domain/ims-detection';
import { linkTarget } from '../domain/ims-keeper';
import { agentsOfGoneProvider } from '../domain/agents';
import type { ImsConfig, ReplicationAgent } from '../domain/types';
import { ImsConfigGoneError } from '../errors';

/** Saves again after the first: each follows a deletion another creator made; two are plenty. */
const MAX_SAVES_AGAIN = 2;

export interface LinkedSave {
  /** What the cloud service names after the save (the configuration's id). */
  imsConfig: string;
  /** Set when the chosen configuration was gone and the service names the keeper instead. */
  relinkedFrom?: string;
  /** The IMS configurations as read after the save (for relinkAgents). */
  listed: ImsConfig[];
}

export interface LinkOptions {
  /** The configuration the admin marked on the page (see ims-detection). */
  markedId?: string;
  /** The configurations as the caller read them a moment ago: the read before the save is skipped. */
  listed?: ImsConfig[];
}

/**
 * What to name now: the chosen reference as it was given (an id or a PID) while its configuration
 * is there, else the keeper's id. Throws when none is left to name.
 */
function target(listed: readonly ImsConfig[], chosen: string, markedId?: string): string {
  const found = linkTarget(listed, chosen, brandPortalImsConfigs([...listed], [], markedId).configs);
  if (!found) throw new ImsConfigGoneError(chosen);
  return identifiedBy(found, chosen) ? chosen : found.id;
}

/** The service of this tenant, as listed after its first save (a save again edits it: AEM refuses a second create). */
async function savedPath(s: AemSession, tenantUrl: string): Promise<string | undefined> {
  return (await listCloudConfigs(s, 'current')).find((c) => c.tenantUrl === tenantUrl)?.path;
}

export async function saveCloudConfigLinked(s: AemSession, input: CloudConfigSave, o: LinkOptions = {}): Promise<LinkedSave> {
  let listed = o.listed ?? (await listImsConfigs(s));
  let named = target(listed, input.imsConfig, o.markedId);
  await saveCloudConfig(s, { ...input, imsConfig: named });
  for (let again = 0; again < MAX_SAVES_AGAIN; again++) {
    // Only files not read before are read again: one request when nothing changed.
    listed = await listImsConfigs(s, listed);
    const now = target(listed, named, o.markedId);
    if (now === named) break;
    named = now;
    await saveCloudConfig(s, { ...input, item: input.item ?? (await savedPath(s, input.tenantUrl)), imsConfig: named });
  }
  return { imsConfig: named, listed, ...(named !== input.imsConfig && { relinkedFrom: input.imsConfig }) };
}

/**
 * The agents that name a configuration no longer on the author (`listed`: read after the save) get
 * the one the cloud service names; answers the names of the agents changed. Agents naming an
 * existing configuration, even another one, are left alone: that is a choice to report, not to undo.
 */
export async function relinkAgents(
  s: AemSession,
  agents: readonly ReplicationAgent[],
  listed: readonly ImsConfig[],
  imsConfig: string,
): Promise<string[]> {
  const gone = agentsOfGoneProvider(agents, listed);
  for (const agent of gone) await setAgentTokenProvider(s, agent.name, imsConfig);
  return gone.map((a) => a.name);
}
