/**
 * `bpsetup setup`: the page's OAuth walkthrough without a browser, idempotent. It reads the author,
 * writes only what differs from the configuration (an IMS configuration, or the admin's mark of an
 * existing one; the Brand Portal cloud service), waits for the agents, then runs the read-only
 * check. A second run changes nothing. `--dry-run` lists the writes and sends none.
 * `migrate` moves the Brand Portal JWT configuration to OAuth, keeping its id.
 */
import type { AemClient } from '../../core/aem/client';
import type { Endpoints } from '../../core/contract/endpoints';
import { proveSettingsGuarded } from '../../core/aem/settings-guard';
import { checkAgents } from '../../core/domain/agents';
import { agentsOfGoneProvider } from '../../core/domain/ims-keeper';
import { explainHealthFailure } from '../../core/domain/explain';
import { deriveSetupState, type SetupFacts } from '../../core/domain/state';
import { currentTenant, validateTenantUrl } from '../../core/domain/tenant';
import type { ImsConfig, ImsConfigInput } from '../../core/domain/types';
import type { Change, Difference, HostFailure, HostResult } from '../host-result';
import { type SetupConfig, imsDifferences, imsInputOf } from '../setup-config';
import { getsToken, proveCandidate } from './proven-update';
import { type ReplacementOutcome, replaceTenant } from '../../core/aem/tenant-replacement';
import { waitingSummary } from '../../core/aem/agent-removal';
import { type TenantReplacement, planTenantReplacement } from '../../core/domain/tenant-replacement';
import { failureOf, inspect, notAnAuthor, unreachable, unreachableResult, verdict } from './inspect';
import { isAemError } from '../../core/errors';

export interface SetupOptions {
  config: SetupConfig;
  clientSecret: string;
  dryRun: boolean;
  /** Send the secret again even when everything else matches (a rotated secret). */
  updateSecret: boolean;
  /** The author publishes to another tenant, and the admin says to replace it (never done unasked). */
  replaceTenant?: boolean;
  progress: (text: string) => void;
  /** Set on the one fresh start after another run created the IMS configuration first. */
  startedAgain?: boolean;
}

/** The changes a run lists when it creates the IMS configuration, and the cloud service. */
const CREATE_IMS = 'create the IMS configuration';
const CREATE_CLOUD = 'create the Brand Portal cloud service';
const CREATES = [CREATE_IMS, CREATE_CLOUD];

/** A create refused because another run made the same thing first (AEM answers 409 for an existing cloud service). */
const createdMeanwhile = (e: unknown, endpoints: Endpoints): boolean =>
  isAemError(e, 'ImsConfigExistsError') ||
  (isAemError(e, 'AemHttpError') && e.status === 409 && e.endpoint === endpoints.cloudConfigCreate.path);

class Stop extends Error {
  constructor(readonly failure: HostFailure) {
    super(failure.title);
  }
}

export async function setup(client: AemClient, url: string, o: SetupOptions, command = 'setup'): Promise<HostResult> {
  const endpoints = client.session.endpoints;
  const changes: Change[] = [];
  const act: Act = async (action, path, write, differences) => {
    changes.push({ action, path, ...(differences && { differences }), ...(o.dryRun ? { planned: true } : {}) });
    o.progress(`${o.dryRun ? 'would ' : ''}${action}`);
    return o.dryRun ? undefined : write();
  };
  try {
    const reading = await client.readSetupFacts(
      { imsConfigs: [], hotfixConfirmed: o.config.hotfixInstalled },
      undefined,
      proveSettingsGuarded,
    );
    const fatal = [reading.errors.imsConfigs, reading.errors.cloud].map((e) => unreachable(e, endpoints)).find(Boolean);
    if (fatal) return unreachableResult(url, command, fatal);
    // Before any failed read is explained as AEM's: a host that is not AEM answers every read wrongly.
    const stranger = await notAnAuthor(client, reading.errors.version);
    if (stranger) return unreachableResult(url, command, stranger);
    if (reading.errors.imsConfigs || reading.errors.cloud)
      throw new Stop(failureOf(reading.errors.imsConfigs ?? reading.errors.cloud, endpoints));
    let facts: SetupFacts = reading.facts;
    const state = deriveSetupState(facts);
    if (!state.oauthAvailable) {
      throw new Stop({
        title:
          state.oauth === 'unknown' ? 'The AEM version cannot be read' : `AEM ${facts.version ?? ''} cannot use OAuth Server-to-Server`,
        explanation:
          'JWT no longer gets tokens from Adobe (not after March 1, 2026), so only OAuth Server-to-Server can connect Brand Portal.',
        fix:
          state.oauth === 'withHotfix'
            ? 'Install Adobe\'s IMS compatibility hotfix and set "hotfixInstalled": true, or update to 6.5.21.'
            : 'Update AEM to 6.5.21 or later (or to SP11+ with the IMS compatibility hotfix).',
      });
    }

    // 1. The one Brand Portal IMS configuration.
    const created = await imsStep(client, facts, o, command, act);
    if (!o.dryRun) facts = (await client.readSetupFacts(facts, undefined, proveSettingsGuarded)).facts;
    const active = deriveSetupState(facts).active;
    if (command === 'migrate') {
      if (o.dryRun) return { url, command, exit: 0, version: facts.version, changes };
      const inspection = await inspect(client, facts);
      return inspection.unreachable
        ? unreachableResult(url, command, inspection.unreachable)
        : { ...verdict(url, command, inspection), changes };
    }

    // 2. Check Health where this AEM has it; a known failure stops here (the agents would fail too).
    if (active && !o.dryRun) {
      o.progress('checking the IMS configuration');
      const health = await client.checkHealth(active).catch(() => undefined);
      if (health && !health.healthy) {
        const e = explainHealthFailure(health.message);
        // The file's values match what AEM holds, so a refused secret is the one AEM stored: rotated since.
        const rotated = /invalid_client/.test(health.message) && !o.updateSecret;
        const fix = rotated
          ? `${e.fix} If the secret was rotated in the Developer Console, run setup again with --update-secret to send the new one.`
          : e.fix;
        // A configuration this run created whose secret got no token is not left behind: nothing else uses it yet.
        const left = created === active.id ? await removeCreated(client, active, act) : '';
        throw new Stop({ title: e.title, explanation: `${e.explanation}${left}`, fix: created === active.id && rotated ? e.fix : fix });
      }
    }

    // 3. The Brand Portal cloud service, one tenant per author.
    const tenant = validateTenantUrl(o.config.tenantUrl);
    const current = currentTenant(facts.cloudConfigs ?? []);
    const imsId = active?.id ?? '(the new IMS configuration)';
    if ((facts.cloudConfigs ?? []).some((c) => c.legacy) || (facts.cloudConfigs ?? []).length > 1) {
      throw new Stop({
        title: 'A legacy or second Brand Portal configuration exists',
        explanation: 'Brand Portal allows one tenant per author.',
        fix: 'Use "Reset Brand Portal publishing" on the setup page, then run setup again.',
      });
    }
    if (current && current.url !== tenant.normalised) {
      const plan = planTenantReplacement(
        current.config,
        tenant.normalised as string,
        facts.agents ?? [],
        endpoints,
        facts.cloudConfigs ?? [],
      );
      if (!o.replaceTenant || !plan)
        throw new Stop({
          title: `This author publishes to ${current.url}`,
          explanation: `Brand Portal allows one tenant per author; setup replaces it only when told to. It would remove ${
            plan?.removes.length ? plan.removes.join(', ') : 'no agent'
          } once the agents of ${tenant.normalised} connect.`,
          fix: 'Run setup again with --replace-tenant if the tenant really changes (add --dry-run to see the plan first).',
        });
      const outcome = await act(
        `replace the tenant ${current.url} with ${plan.to.url}, then remove ${plan.removes.length ? plan.removes.join(', ') : 'no agent'}`,
        endpoints.cloudConfigCreate.path,
        () =>
          replaceTenant(
            client.session,
            plan,
            { title: current.config.title, imsConfig: imsId, publicFolderPublish: current.config.publicFolderPublish },
            o.progress,
          ),
      );
      if (outcome && outcome.status !== 'replaced') throw new Stop(replacementStop(outcome, plan));
      if (outcome?.left.length)
        throw new Stop({
          title: 'Old agents are still there after their deletion',
          explanation: `Read back: ${outcome.left.join(', ')}. Backup package: ${outcome.backup.path}.`,
          fix: 'Delete them in the replication console, or run setup again with --replace-tenant.',
        });
      if (outcome?.backup)
        changes.push({ action: `backup package of the removed agents: ${outcome.backup.path}`, path: outcome.backup.path });
      if (o.dryRun) return { url, command, exit: 0, version: facts.version, changes };
      o.progress('testing the agents');
      const inspection = await inspect(client, facts);
      if (inspection.unreachable) return unreachableResult(url, command, inspection.unreachable);
      return { ...verdict(url, command, inspection), changes };
    }
    // AEM creates the tenant's agents on a cloud-service save: one missing means save it again.
    const agentsMissing = current && checkAgents(facts.agents ?? [], current.url, current.tenant).some((c) => !c.agent);
    // What the service names, and the configurations as last read (after its save, when it is saved).
    let linked = { imsConfig: current?.config.imsConfig ?? imsId, listed: facts.imsConfigs };
    if (!current || (active && current.config.imsConfig !== active.id && current.config.imsConfig !== active.pid) || agentsMissing) {
      const cloudPath = client.session.endpoints.cloudConfigCreate.path;
      const saved = await act(current ? 'save the Brand Portal cloud service again' : CREATE_CLOUD, cloudPath, () =>
        // The keeper rule right before and after the save: another run may delete the chosen configuration meanwhile.
        client.saveCloudConfigLinked(
          {
            item: current?.config.path,
            title: current?.config.title ?? o.config.cloudTitle,
            tenantUrl: tenant.normalised as string,
            imsConfig: imsId,
            // An existing cloud service keeps what its admin set; a new one takes the file's choice.
            publicFolderPublish: current ? current.config.publicFolderPublish : o.config.publicFolderPublish,
          },
          { markedId: facts.markedImsConfig, listed: facts.imsConfigs },
        ),
      );
      if (saved) linked = saved;
      if (saved?.relinkedFrom)
        changes.push({
          action: `name ${saved.imsConfig} in the cloud service: ${saved.relinkedFrom} was deleted meanwhile`,
          path: cloudPath,
        });
      if (!o.dryRun) {
        o.progress('waiting for the replication agents');
        await client.waitForAgents(tenant.normalised as string, tenant.tenant as string);
      }
    }
    // Agents AEM wrote from a configuration deleted since take their token from the one the service names.
    const agentsNow = o.dryRun ? (facts.agents ?? []) : await client.listAgents();
    const tenantAgents = checkAgents(agentsNow, tenant.normalised as string, tenant.tenant as string).flatMap((c) =>
      c.agent ? [c.agent] : [],
    );
    for (const agent of agentsOfGoneProvider(tenantAgents, linked.listed))
      await act(
        `point ${agent.name} at the IMS configuration ${linked.imsConfig} (it named ${agent.tokenProviderName}, since deleted)`,
        agent.path,
        () => client.setAgentTokenProvider(agent.name, linked.imsConfig),
      );
    if (o.dryRun) return { url, command, exit: 0, version: facts.version, changes };

    // 4. The read-only check proves the result.
    o.progress('testing the agents');
    const inspection = await inspect(client, facts);
    if (inspection.unreachable) return unreachableResult(url, command, inspection.unreachable);
    return { ...verdict(url, command, inspection), changes };
  } catch (e) {
    // Another run (a second CLI, an admin's page) created the IMS configuration or the cloud service
    // between this run's read and its save, and this save did not happen: start again once from a
    // fresh read, which finds what the other made and goes on with it (as a second run of the same file does).
    if (createdMeanwhile(e, endpoints) && !o.startedAgain) {
      o.progress('another run created it first: reading again');
      const again = await setup(client, url, { ...o, startedAgain: true }, command);
      return { ...again, changes: [...changes.filter((c) => !CREATES.includes(c.action)), ...again.changes] };
    }
    const failure = e instanceof Stop ? e.failure : (unreachable(e, endpoints) ?? failureOf(e, endpoints));
    return { url, command, exit: unreachable(e, endpoints) ? 2 : 1, changes, failure };
  }
}

type Act = <T>(action: string, path: string, write: () => Promise<T>, differences?: Difference[]) => Promise<T | undefined>;

/** The one IMS configuration, created, updated or left; answers the id of one this run created and kept. */
async function imsStep(client: AemClient, facts: SetupFacts, o: SetupOptions, command: string, act: Act): Promise<string | undefined> {
  const state = deriveSetupState(facts);
  const bp = state.brandPortalConfigs;
  if (bp.length > 1)
    throw new Stop({
      title: `${bp.length} Brand Portal IMS configurations`,
      explanation: 'Adobe requires exactly one.',
      fix: 'Keep one in step 4 of the setup page, then run setup again.',
    });
  const existing = bp[0];
  if (command === 'migrate') {
    if (!existing)
      throw new Stop({
        title: 'No Brand Portal IMS configuration to migrate',
        explanation: 'Nothing on this author is recognised as the Brand Portal configuration.',
        fix: 'Run setup instead.',
      });
    if (existing.authType === 'oauth') return; // already migrated: nothing to write
    await act('migrate the IMS configuration to OAuth (same id)', client.session.endpoints.imsConfigUpdate.path, () =>
      provenSave(client, imsInputOf(o.config, o.clientSecret, existing.id), false),
    );
    return;
  }
  if (existing?.authType === 'jwt')
    throw new Stop({
      title: 'The Brand Portal IMS configuration uses JWT, which Adobe switched off',
      explanation: 'It cannot get tokens any more.',
      fix: 'Run "bpsetup migrate" with the same configuration file.',
    });
  if (existing) {
    const differences = imsDifferences(existing, o.config);
    if (!differences.length && !o.updateSecret) return;
    const input = imsInputOf(o.config, o.clientSecret, existing.id);
    const shown = differences.length ? differences : [{ property: 'client secret', from: '(stored)', to: '(the one given now)' }];
    await act(
      'update the IMS configuration',
      client.session.endpoints.imsConfigUpdate.path,
      async () => {
        // A configuration that works (or may: Check Health cannot say) keeps working until the new values are proven.
        if ((await getsToken(client, existing)) !== false) {
          o.progress('proving the new values in a candidate configuration');
          const failure = await proveCandidate(client, input);
          if (failure) throw new Stop(failure);
        }
        await provenSave(client, input, false);
      },
      shown,
    );
    return;
  }
  // An OAuth configuration of the same credential may exist under another title: mark it, never a second one.
  const same = facts.imsConfigs.find((c) => c.authType === 'oauth' && c.clientId === o.config.clientId && c.orgId === o.config.orgId);
  if (same) {
    await act(`mark "${same.title}" as the Brand Portal IMS configuration`, client.session.endpoints.settings.defaultPath, () =>
      client.markImsConfig(same.pid),
    );
    return;
  }
  // Through the one-configuration guard: an admin on the page may be creating one at this moment.
  return act(CREATE_IMS, client.session.endpoints.imsConfigUpdate.path, () =>
    provenSave(client, imsInputOf(o.config, o.clientSecret), true, facts),
  );
}

/** Deletes the configuration this run created, and says whether it is gone (read back). */
async function removeCreated(client: AemClient, config: ImsConfig, act: Act): Promise<string> {
  await act('remove the IMS configuration this run created (its secret got no token)', client.session.endpoints.imsConfigDelete.path, () =>
    client.deleteImsConfigs([config.pid]),
  );
  const still = await client.listImsConfigs().then(
    (all) => all.some((c) => c.id === config.id),
    () => undefined,
  );
  if (still === false) return ' The configuration this run created was deleted again: nothing of it is left.';
  return still
    ? ' The configuration this run created could not be deleted: delete it in the Adobe IMS Configurations console.'
    : ' The configuration this run created was deleted; the list could not be read back to prove it.';
}

/**
 * Saves the IMS configuration and reads back what AEM stored (repaired through the configuration
 * manager where AEM's servlet stored something else); stops when that cannot be proven.
 */
async function provenSave(client: AemClient, input: ImsConfigInput, create: boolean, facts?: SetupFacts): Promise<string | undefined> {
  let id: string;
  let listed: ImsConfig[] | undefined;
  if (create) {
    const created = await client.createOneImsConfig(input, facts?.referencedImsIds ?? [], facts?.markedImsConfig);
    if (created.gaveWay) return undefined; // another creator's configuration stays; it is checked like any other
    ({ id, listed } = created);
  } else id = await client.saveImsConfig(input);
  const { proof } = await client.proveImsSave(input, id, create, listed);
  if (proof.kind === 'differs') {
    const left =
      proof.removed === true
        ? 'The configuration this run created was deleted again: nothing of it is left.'
        : proof.removed === false
          ? 'The configuration this run created could not be deleted: delete it in the Adobe IMS Configurations console.'
          : 'The existing configuration was left as AEM stored it.';
    throw new Stop({
      title: 'AEM stored a different IMS configuration than was sent',
      explanation: `${proof.differences.map((d) => `${d.property}: sent "${d.sent}", stored "${d.stored}"`).join('; ')}. The configuration manager could not set them. ${left}`,
      fix: "Create the configuration in AEM's Adobe IMS Configurations console (Cloud Solution: Brand Portal), or run setup as an administrator.",
    });
  }
  if (proof.kind === 'unread')
    throw new Stop({
      title: 'The saved IMS configuration could not be read back',
      explanation: 'AEM accepted the save, but what it stored could not be read to compare it with what was sent.',
      fix: 'Run "bpsetup check" to read it again.',
    });
  return create ? id : undefined;
}

/** Why a replacement stopped, and what was kept: the old agents stay whenever it stops. */
function replacementStop(outcome: Exclude<ReplacementOutcome, { status: 'replaced' }>, plan: TenantReplacement): HostFailure {
  const backup = outcome.backup ? ` Backup package: ${outcome.backup.path}.` : '';
  if (outcome.status === 'queued')
    return {
      title: outcome.saved
        ? `${plan.to.url} is saved, but items wait in the old agents: they were kept`
        : "Not replaced: items wait in the old agents' queues",
      explanation: `${waitingSummary(outcome.waiting)}.${backup}`,
      fix: 'Wait until they are delivered (or clear them in the replication console), then run setup again.',
    };
  return {
    title: `${plan.to.url} is saved; the old agents were kept`,
    explanation: `${outcome.found} of 4 new agents appeared and ${outcome.tests.filter((r) => r.succeeded).length} passed Test Connection, so nothing was removed.${backup}`,
    fix: 'Run "bpsetup check" for what the agents say, correct it, then run setup again with --replace-tenant.',
  };
}
