/**
 * Updating a Brand Portal IMS configuration that works never makes it worse: the new values are
 * proven first, in a candidate configuration AEM's Check Health asks a token for, and only then
 * written to the working one. The candidate is deleted on every path. A candidate that gets no
 * token, or an AEM where Check Health cannot run, leaves the working configuration as it was.
 */
import type { AemClient } from '../../core/aem/client';
import { IMS_OSGI } from '../../core/contract/aem-names';
import { explainHealthFailure } from '../../core/domain/explain';
import type { ImsConfig, ImsConfigInput } from '../../core/domain/types';
import { isAemError } from '../../core/errors';
import type { HostFailure } from '../host-result';

/** Not a Brand Portal title (the page's detection looks for "Brand Portal"), so nobody takes it for the real one. */
const candidateTitle = () =>
  `bpsetup candidate ${new Date()
    .toISOString()
    .slice(0, 19)
    .replace(/[^0-9]/g, '')}`;

/** Whether the configuration gets a token now: true, false, or undefined when Check Health cannot run here. */
export async function getsToken(client: AemClient, config: Pick<ImsConfig, 'id' | 'name' | 'title'>): Promise<boolean | undefined> {
  try {
    return (await client.checkHealth(config)).healthy;
  } catch (e) {
    if (isAemError(e, 'HealthUnavailableError')) return undefined;
    throw e;
  }
}

/** Saves `input` as a candidate, asks Check Health for a token with it, deletes it; a failure says why. */
export async function proveCandidate(client: AemClient, input: ImsConfigInput): Promise<HostFailure | undefined> {
  const id = await client.saveImsConfig({ ...input, title: candidateTitle(), configurationId: undefined });
  let candidate: ImsConfig | undefined;
  try {
    candidate = (await client.listImsConfigs()).find((c) => c.id === id);
    if (!candidate)
      return {
        title: 'The new values could not be proven',
        explanation: 'AEM did not list the candidate configuration.',
        fix: 'Run setup again.',
      };
    const health = await client
      .checkHealth(candidate)
      .catch((e: unknown) => (isAemError(e, 'HealthUnavailableError') ? undefined : Promise.reject(e)));
    if (!health)
      return {
        title: 'The new values could not be proven on this AEM, so the working configuration was left as it is',
        explanation:
          "This AEM does not run the package's Check Health script, and setup never replaces a working configuration with values that were not proven.",
        fix: 'Install this package (it ships the health script) and run setup again, or change the configuration in the Adobe IMS Configurations console.',
      };
    if (!health.healthy) {
      const e = explainHealthFailure(health.message);
      return {
        title: `The new values get no token (${e.title}); the working configuration was left as it is`,
        explanation: e.explanation,
        fix: e.fix,
      };
    }
    return undefined;
  } finally {
    await client.deleteImsConfigsIfPresent([candidate?.pid ?? `${IMS_OSGI.providerPid}.${id}`]).catch(() => undefined);
  }
}
