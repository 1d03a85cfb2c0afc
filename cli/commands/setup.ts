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
import { agentsOfGoneProvider, checkAgents } from '../../core/domain/agents';
import { identifiedBy } from '../../core/domain/ims-detection';
import { explainHealthFailure } from '../../core/domain/explain';
import { deriveSetupState, type SetupFacts } from '../../core/domain/state';
import { currentTenant, validateTenantUrl } from '../../core/domain/tenant';
import type { Change, HostFailure, HostResult } from '../host-result';
import { type ReplacementOutcome, replaceTenant } from '../../core/aem/tenant-replacement';
import { waitingSummary } from '../../core/aem/agent-removal';
import { type TenantReplacement, planTenantReplacement } from '../../core/domain/tenant-replacement';
import { failureOf, inspect, notAnAuthor, unreachable, unreachableResult, verdict } from './inspect';
import { isAemError } from '../../core/errors';
import { type Act, CREATE_IMS, type SetupOptions, Stop } from './setup-run';
import { imsStep, removeCreated } from './setup-ims';

export type { SetupOptions } from './setup-run';

/** The changes a run lists when it creates the IMS configuration, and the cloud service. */
const CREATE_CLOUD = 'create the Brand Portal cloud service';
const CREATES = [CREATE_IMS, CREATE_CLOUD];

/** A create refused because another run made the same thing first (AEM answers 409 for an existing cloud service). */
const createdMeanwhile = (e: unknown, endpoints: Endpoints): boolean =>
  isAemError(e, 'ImsConfigExistsError') ||
  (isAemError(e, 'AemHttpError') && e.status === 409 && e.endpoint === endpoints.cloudConfigCreate.path);

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
    // The agents as the wait after a save last listed them (read here otherwise).
    let agentsNow = o.dryRun ? (facts.agents ?? []) : undefined;
    if (!current || (active && !identifiedBy(active, current.config.imsConfig)) || agentsMissing) {
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
        await client.waitForAgents(tenant.normalised as string, tenant.tenant as string, (_found, listed) => (agentsNow = listed));
      }
    }
    // Agents AEM wrote from a configuration deleted since take their token from the one the service names.
    agentsNow ??= await client.listAgents();
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
