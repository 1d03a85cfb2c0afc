/**
 * Updating a Brand Portal IMS configuration that works never makes it worse: the new values are
 * proven first, in a candidate configuration AEM's Check Health asks a token for, and only then
 * written to the working one. The candidate is deleted on every path. A candidate that gets no
 * token, or an AEM where Check Health cannot run, leaves the working configuration as it was.
 */
import type { AemClient } from '../../core/aem/client';
import { IMS_OSGI } from '../../core/contract/aem-names';
import { explainHealthFailure } from '../../core/domain/explain';
import type { HealthResult, ImsConfig, ImsConfigInput } from '../../core/domain/types';
import { isAemError } from '../../core/errors';
import type { HostFailure } from '../host-result';

/** Not a Brand Portal title (the page's detection looks for "Brand Portal"), so nobody takes it for the real one. */
const candidateTitle = () =>
  `bpsetup candidate ${new Date()
    .toISOString()
    .slice(0, 19)
    .replace(/[^0-9]/g, '')}`;

/** Check Health of a configuration, or undefined when this AEM cannot run it (the package's script does not answer). */
async function healthOf(client: AemClient, config: Pick<ImsConfig, 'id' | 'name' | 'title'>): Promise<HealthResult | undefined> {
  try {
    return await client.checkHealth(config);
  } catch (e) {
    if (isAemError(e, 'HealthUnavailableError')) return undefined;
    throw e;
  }
}

/** Whether the configuration gets a token now: true, false, or undefined when Check Health cannot run here. */
export const getsToken = async (client: AemClient, config: Pick<ImsConfig, 'id' | 'name' | 'title'>): Promise<boolean | undefined> =>
  (await healthOf(client, config))?.healthy;

/** Saves `input` as a candidate, asks Check Health for a token with it, deletes it; a failure says why. */
export async function proveCandidate(client: AemClient, input: ImsConfigInput): Promise<HostFailure | undefined> {
  const id = await client.saveImsConfig({ ...input, title: candidateTitle(), configurationId: undefined });
  let outcome: HostFailure | undefined;
  let error: unknown;
  let pid: string | undefined;
  try {
    const candidate = (await client.listImsConfigs()).find((c) => c.id === id);
    pid = candidate?.pid;
    outcome = candidate
      ? await judge(client, candidate)
      : {
          title: 'The new values could not be proven',
          explanation: 'AEM did not list the candidate configuration.',
          fix: 'Run setup again.',
        };
  } catch (e) {
    error = e;
  }
  const left = await candidateLeft(client, id, pid);
  if (left)
    return {
      title: 'A candidate IMS configuration may be left on this author; the working configuration was left as it is',
      explanation: [left, outcome?.title].filter(Boolean).join(' '),
      fix: 'Check the Adobe IMS Configurations console for a "bpsetup candidate" configuration, delete it, then run setup again.',
    };
  if (error) throw error;
  return outcome;
}

/** Whether the candidate's values get a token: undefined when they do, else why not. */
async function judge(client: AemClient, candidate: ImsConfig): Promise<HostFailure | undefined> {
  const health = await healthOf(client, candidate);
  if (!health)
    return {
      title: 'The new values could not be proven on this AEM, so the working configuration was left as it is',
      explanation:
        "This AEM does not run the package's Check Health script, and setup never replaces a working configuration with values that were not proven.",
      fix: 'Install this package (it ships the health script) and run setup again, or change the configuration in the Adobe IMS Configurations console.',
    };
  if (health.healthy) return undefined;
  const e = explainHealthFailure(health.message);
  return {
    title: `The new values get no token (${e.title}); the working configuration was left as it is`,
    explanation: e.explanation,
    fix: e.fix,
  };
}

/**
 * Deletes the candidate and reads the list back. Answers why it may be left (still listed, or the
 * list could not be read to prove it gone), or undefined once it is proven gone.
 */
async function candidateLeft(client: AemClient, id: string, pid = `${IMS_OSGI.providerPid}.${id}`): Promise<string | undefined> {
  await client.deleteImsConfigsIfPresent([pid]).catch(() => undefined);
  const listed = await client.listImsConfigs().then(
    (list) => list.some((c) => c.id === id),
    () => undefined,
  );
  if (listed === false) return undefined;
  return listed
    ? `The candidate configuration ${pid} could not be deleted.`
    : `The candidate configuration ${pid} was deleted, but the list could not be read to prove it is gone.`;
}
