/**
 * The read-only whole-setup check, the same as the page's Check health button: read the setup,
 * run Check Health (or learn it is unavailable) and the agents' Test Connection, then summarise.
 */
import type { AemClient } from '../../core/aem/client';
import type { OverridesInForce } from '../../core/aem/setup-facts';
import type { Endpoints } from '../../core/contract/endpoints';
import { isAemError } from '../../core/errors';
import { summariseFacts } from '../../core/domain/consistency';
import { explainWithGuards } from '../../core/domain/explain-guard';
import { explainRequestError } from '../../core/domain/explain-request';
import type { SetupFacts } from '../../core/domain/state';
import type { SetupProblem } from '../../core/domain/types';
import { deriveSetupState } from '../../core/domain/state';
import { currentTenant } from '../../core/domain/tenant';
import { connectedAgents } from '../../core/domain/agents';
import { networkOf, reportedOverrides } from '../../core/domain/diagnostics';
import type { HostFailure, HostResult } from '../host-result';
import { proveSettingsGuarded } from '../../core/aem/settings-guard';
import { runTestPublish } from '../../core/aem/test-publish';
import { publishingAgents, testPublishProblems } from '../../core/domain/test-publish';

/** The author cannot be reached or refuses the credentials: nothing else can be said about it. */
export function unreachable(error: unknown, endpoints: Endpoints): HostFailure | undefined {
  if (isAemError(error, 'SessionExpiredError'))
    return {
      reason: 'authentication',
      title: 'AEM refused the credentials',
      explanation: 'The user name or password was not accepted (or the user has no session).',
      fix: 'Check AEM_USER and AEM_PASSWORD, or the password variable the hosts file names.',
    };
  if (isAemError(error, 'NetworkError') || isAemError(error, 'TimeoutError')) {
    const p = explainRequestError(error, endpoints);
    return { reason: 'unreachable', title: p.title, explanation: p.explanation, fix: p.fix };
  }
  return undefined;
}

/** A host that answers, but not as AEM (asked when even the version could not be read). */
export async function notAnAuthor(client: AemClient, versionError: unknown): Promise<HostFailure | undefined> {
  const e = client.session.endpoints;
  const identity = versionError ? await client.authorIdentity() : 'aem';
  if (identity === 'aem') {
    // AEM, but perhaps a publish instance: its run modes say so (where an administrator may read them).
    const modes = await client.runModes();
    if (!modes?.includes('publish') || modes.includes('author')) return undefined;
    return {
      reason: 'publish',
      title: 'A publish instance, not an author',
      explanation: `Its run modes are ${modes.join(', ')} (${e.slingSettings.path}). Brand Portal is set up on the author, which publishes to Brand Portal and to this instance; nothing here was judged.`,
      fix: "Use the author's own address (run mode author), for example http://author.example:4502.",
    };
  }
  if (identity === 'login-page')
    return {
      reason: 'authentication',
      title: 'Not signed in: a sign-in page answered',
      explanation: `A sign-in page answered ${e.csrfToken.path} instead of AEM (a single sign-on proxy or a login page in front of the author), so nothing was read.`,
      fix: "Use the author's own address, which takes AEM_USER and AEM_PASSWORD, or sign-in credentials that proxy accepts.",
    };
  return {
    reason: 'not-aem',
    title: 'Not an AEM author, or not reachable as one',
    explanation: `This address answers, but not as AEM: neither ${e.productInfo.path} nor ${e.csrfToken.path} answered as they do on every AEM. Nothing it answered says anything about Brand Portal.`,
    fix: "Use the author's own address (for example http://author.example:4502), not a web server, a Dispatcher or a publish instance's.",
  };
}

export const failureOf = (error: unknown, endpoints: Endpoints): HostFailure => {
  const p = explainWithGuards(error, endpoints);
  return { title: p.title, explanation: p.explanation, fix: p.fix, status: p.raw?.status };
};

export interface Inspection {
  facts: SetupFacts;
  /** The author could not be reached or refused the credentials: nothing was judged. */
  unreachable?: HostFailure;
  /** A check itself failed (for example Check Health answered an error). */
  failure?: HostFailure;
  overrides?: OverridesInForce;
  /** Parts this user may not run or read (a check run by a user who is not an administrator). */
  unread?: SetupProblem[];
  /** The addresses the reads used. */
  endpoints: Endpoints;
}

export async function inspect(client: AemClient, previous?: SetupFacts): Promise<Inspection> {
  const reading = await client.readSetupFacts(previous, undefined, proveSettingsGuarded);
  const endpoints = client.session.endpoints;
  const fatal = [reading.errors.imsConfigs, reading.errors.cloud, reading.errors.version]
    .map((e) => unreachable(e, endpoints))
    .find(Boolean);
  if (fatal) return { facts: reading.facts, unreachable: fatal, overrides: reading.overrides, endpoints };
  const stranger = await notAnAuthor(client, reading.errors.version);
  if (stranger) return { facts: reading.facts, unreachable: stranger, overrides: reading.overrides, endpoints };
  const [health, agentTests, publishing] = await Promise.all([
    client.checkActiveHealth(reading.facts),
    client.testTenantAgents(reading.facts, (e) => explainRequestError(e, endpoints).title),
    client.readPublishingHealth(reading.facts),
  ]);
  const now = new Date().toISOString();
  return {
    facts: {
      ...reading.facts,
      health: health.health,
      healthUnavailable: Boolean(health.unavailable),
      healthCheckedAt: health.health ? now : undefined,
      agentTests,
      agentsTestedAt: agentTests.length ? now : undefined,
      ...publishing,
    },
    // Check Health is the package's administrators-only script: for anyone else it could not run, which proves nothing either way.
    ...(notAdministrator(health.error)
      ? { unread: [healthNeedsAdministrator(endpoints)] }
      : { failure: health.error ? failureOf(health.error, endpoints) : undefined }),
    overrides: reading.overrides,
    endpoints,
  };
}

const notAdministrator = (error: unknown): boolean => isAemError(error, 'AemHttpError') && error.status === 403;

const healthNeedsAdministrator = (e: Endpoints): SetupProblem => ({
  id: 'health-not-administrator',
  severity: 'unknown',
  title: `Check Health could not be run: ${e.checkHealth.path} answers members of administrators only`,
  fix:
    'Run check as an administrator for Check Health to prove the token; ' +
    'Test Connection on the agents still says whether they reach Brand Portal.',
});

/** Turns an inspection into the host's verdict (exit 0 healthy, 1 problems). */
export function verdict(url: string, command: string, inspection: Inspection): HostResult {
  const { facts } = inspection;
  const read = summariseFacts(facts, inspection.endpoints);
  const summary = {
    ...read,
    problems: [...read.problems, ...(inspection.unread ?? [])],
    healthy: read.healthy && !inspection.unread?.length,
  };
  const state = deriveSetupState(facts);
  const healthyCheck = Boolean(state.active && facts.health?.id === state.active.id && facts.health.healthy);
  const connected = connectedAgents(facts);
  const healthy = summary.healthy && !inspection.failure;
  const found = inspection.failure || summary.problems.some((p) => p.severity === 'error');
  return {
    url,
    command,
    // 1: something is wrong; 2: nothing found wrong, but a part could not be read (so not judged).
    exit: healthy ? 0 : found ? 1 : 2,
    version: facts.version,
    tenantUrl: currentTenant(facts.cloudConfigs ?? [])?.url,
    network: networkOf(facts),
    healthy,
    problems: summary.problems,
    tokenProvenBy: healthyCheck ? 'checkHealth' : connected ? 'agentTest' : 'nothing',
    agentsConnected: connected,
    changes: [],
    failure: inspection.failure,
    ...overridesOf(inspection),
  };
}

/** The settings' address overrides, where there are any: what check reads is steered by them. */
function overridesOf({ overrides, endpoints }: Inspection): Pick<HostResult, 'addressOverrides'> {
  if (!overrides || (!overrides.applied.length && !overrides.refused.length && !overrides.unguarded)) return {};
  return { addressOverrides: reportedOverrides(overrides, endpoints) };
}

/** The answer for an author that could not be judged at all (exit 2). */
export const unreachableResult = (url: string, command: string, failure: HostFailure): HostResult => ({
  url,
  command,
  exit: 2,
  changes: [],
  failure,
});

/**
 * `check`, and with a progress callback (`--publish-test`) the opt-in test publish after it: a
 * refusal is a problem (exit 1) with the agent's error and its fix.
 */
export async function check(client: AemClient, url: string, publishTest?: (text: string) => void): Promise<HostResult> {
  const inspection = await inspect(client);
  if (inspection.unreachable) return unreachableResult(url, 'check', inspection.unreachable);
  const result = verdict(url, 'check', inspection);
  if (!publishTest) return result;
  const outcome = await runTestPublish(client.session, publishingAgents(inspection.facts), {
    explain: (e) => explainRequestError(e, inspection.endpoints).title,
    onProgress: (p) =>
      publishTest(p.stage === 'publishing' ? `test publish: ${p.delivered} of ${p.total} delivered` : `test publish: ${p.stage}`),
  });
  const problems = [...(result.problems ?? []), ...testPublishProblems(outcome)];
  const found = problems.some((p) => p.severity === 'error');
  const unknown = problems.some((p) => p.severity === 'unknown');
  return {
    ...result,
    problems,
    testPublish: outcome,
    exit: found ? 1 : result.exit === 0 && unknown ? 2 : result.exit,
    healthy: result.healthy && outcome.verdict === 'published',
  };
}
