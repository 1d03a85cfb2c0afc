/**
 * The whole-setup health summary (issue: "one summary: green, or each problem with its fix"):
 * the IMS check, the agents' tests and the consistency of what AEM holds. Pure: it judges
 * results the page already read; it writes nothing.
 */
import { oauthSupport, parseVersion } from './version';
import type { Endpoints } from '../contract/endpoints';
import { t } from '../i18n';
import { type AgentCheck, checkAgents, orphanAgents, unrecognisedAgents } from './agents';
import { explainHealthFailure } from './explain';
import { identifiedBy } from './ims-detection';
import { expiryOf } from './expiry';
import type {
  AgentQueueReading,
  AgentTestResult,
  CloudConfig,
  HealthResult,
  ImsConfig,
  KeystoreInfo,
  ReplicationAgent,
  SetupProblem,
} from './types';
import { tenantUrlsOf, validateTenantUrl } from './tenant';
import { deriveSetupState, type SetupFacts } from './state';

export type { SetupProblem } from './types';
import { agentSettingProblems, queueProblems, replicationErrorFix } from './publishing-health';
import { type ProxyReading, proxyProblems } from './proxies';
import { type FlagReading, contributionReadiness } from './contribution';

export interface SetupSnapshot {
  brandPortalImsConfigs: ImsConfig[];
  allImsConfigs: ImsConfig[];
  health?: HealthResult;
  /** Check Health cannot run from the page on this AEM. */
  healthUnavailable?: boolean;
  keystore?: KeystoreInfo;
  cloudConfigs: CloudConfig[];
  agents: ReplicationAgent[];
  agentTests: AgentTestResult[];
  /** The addresses the reads used (the session's map), named where a read failed. */
  endpoints: Endpoints;
  /** The AEM version and the asset contribution flag, where the whole-setup check read it. */
  version?: string;
  /** The admin said Adobe's IMS compatibility hotfix is installed (6.5 SP11–SP20). */
  hotfixConfirmed?: boolean;
  contributionFlag?: FlagReading;
  /** AEM's proxy configurations, where the whole-setup check read them. */
  proxies?: ProxyReading;
  /** The tenant's agents' queues, where the whole-setup check read them. */
  agentQueues?: AgentQueueReading[];
  /** The time the queues are judged at (ms since the epoch); now by default. */
  now?: number;
  /** Parts whose read failed: judged "could not be read", never "missing". */
  unread?: { imsConfigs?: boolean; cloudConfigs?: boolean; agents?: boolean; version?: boolean };
}

export interface SetupSummary {
  /** Nothing wrong and nothing unknown. */
  healthy: boolean;
  /** Some part could not be read (and nothing found wrong elsewhere decides the verdict alone). */
  unknown: boolean;
  problems: SetupProblem[];
}

/** What an unread part needs: the path read, and who may read it on a default AEM. */
const UNREAD_TEXT = {
  imsConfigs: (endpoints: Endpoints) => [
    t('The IMS configurations could not be read'),
    t(
      'AEM answered an error for {0}. Reading it needs read access to {1} (administrators on a default AEM); try again, or use an administrator account.',
      endpoints.imsConfigList.path,
      endpoints.imsConfigFolder.path,
    ),
  ],
  cloudConfigs: (endpoints: Endpoints) => [
    t('The Brand Portal cloud configurations could not be read'),
    t(
      'AEM answered an error for {0} or {1}. Reading them needs read access to both (administrators on a default AEM); try again, or use an administrator account.',
      endpoints.cloudConfigRoot.path,
      endpoints.legacyCloudConfigRoot.path,
    ),
  ],
  version: (endpoints: Endpoints) => [
    t('The AEM version could not be read'),
    t(
      'AEM answered an error for {0} (the web console, administrators on a default AEM): what depends on the version (OAuth Server-to-Server, asset contribution) is not judged. Try again, or use an administrator account.',
      endpoints.productInfo.path,
    ),
  ],
  agents: (endpoints: Endpoints) => [
    t('The replication agents could not be read'),
    t(
      'AEM answered an error for {0}. Reading it needs read access there (administrators and replication administrators on a default AEM); try again, or use such an account.',
      endpoints.agentsRoot.path,
    ),
  ],
} as const;

const ISSUE_TEXT: Record<AgentCheck['issues'][number], (name: string) => [string, string]> = {
  missing: (n) => [t('Agent {0} does not exist', n), t('Save the Brand Portal cloud service again: AEM creates missing agents on save.')],
  disabled: (n) => [t('Agent {0} is disabled', n), t('Enable it: Brand Portal publishing uses all four agents in turn.')],
  wrongTransport: (n) => [
    t('Agent {0} points at another address than the tenant', n),
    t('Save the cloud service again, or Reset Brand Portal publishing and set it up anew.'),
  ],
  closeConnectionOff: (n) => [
    t('Agent {0} keeps connections open', n),
    t(
      'Turn on Close Connection (Extended tab), then restart AEM when convenient: Adobe advises it against publishing timeouts, and AEM applies it after a restart.',
    ),
  ],
};

export function summariseSetup(s: SetupSnapshot): SetupSummary {
  const problems: SetupProblem[] = [];
  const add = (id: string, severity: SetupProblem['severity'], title: string, fix: string) => problems.push({ id, severity, title, fix });
  const unread = s.unread ?? {};
  for (const part of ['version', 'imsConfigs', 'cloudConfigs', 'agents'] as const)
    if (unread[part]) add(`${part}-unreadable`, 'unknown', ...(UNREAD_TEXT[part](s.endpoints) as [string, string]));

  const bp = s.brandPortalImsConfigs;
  // Adobe switched JWT off: without OAuth Server-to-Server this AEM cannot get a token at all.
  const parsed = s.version ? parseVersion(s.version) : undefined;
  const support = parsed ? oauthSupport(parsed) : undefined;
  const hotfixSays = support === 'withHotfix' && s.hotfixConfirmed;
  if (support && support !== 'native' && !hotfixSays && !bp.some((c) => c.authType === 'oauth'))
    add(
      'oauth-blocker',
      'error',
      support === 'withHotfix'
        ? t(
            "AEM {0} can use OAuth Server-to-Server only with Adobe's IMS compatibility hotfix, and JWT no longer works",
            s.version as string,
          )
        : t('AEM {0} cannot use OAuth Server-to-Server, and JWT no longer works', s.version as string),
      support === 'withHotfix'
        ? t(
            'Install the IMS compatibility hotfix if it is not installed yet, or update to 6.5.21 or later; then create the OAuth configuration.',
          )
        : t('Update to 6.5.21 or later (or to SP11 or later and install the IMS compatibility hotfix).'),
    );
  if (bp.length === 0 && !unread.imsConfigs)
    add(
      'ims-missing',
      'error',
      t('No Brand Portal IMS configuration'),
      t("Create it: the page's IMS technical account step, or bpsetup setup."),
    );
  if (bp.length > 1)
    add(
      'ims-duplicates',
      'error',
      t('{0} Brand Portal IMS configurations', String(bp.length)),
      t("Keep the healthy one and delete the others: the page's IMS technical account step lists them."),
    );
  const active = bp.length === 1 ? bp[0] : undefined;
  if (active && s.health?.id === active.id && !s.health.healthy) {
    const e = explainHealthFailure(s.health.message);
    add('ims-unhealthy', 'error', e.title, e.fix);
  }
  if (active?.authType === 'jwt') {
    const cert = s.keystore?.aliases.find((a) => a.alias === active.keyAlias)?.chain[0];
    const expiry = cert ? expiryOf(cert.notAfter) : undefined;
    if (expiry?.expired)
      add(
        'certificate-expired',
        'error',
        t('The certificate "{0}" has expired', active.keyAlias ?? ''),
        t(
          'Create a new certificate, upload it to the Developer Console, and save the IMS configuration with it; better, migrate to OAuth.',
        ),
      );
    else if (expiry?.expiresSoon)
      add(
        'certificate-expiring',
        'warning',
        t('The certificate "{0}" expires in {1} days', active.keyAlias ?? '', String(expiry.daysLeft)),
        t('Renew it before then, or migrate to OAuth.'),
      );
    add(
      'ims-jwt',
      'error',
      t('The IMS configuration uses JWT credentials, which Adobe switched off (no tokens after March 1, 2026)'),
      t("Migrate it to OAuth Server-to-Server where this AEM supports it: the page's IMS technical account step, or bpsetup migrate."),
    );
  }

  // Never green without proof that AEM gets a token: Check Health, or one agent connected.
  const healthyCheck = Boolean(active && s.health?.id === active.id && s.health.healthy);
  if (active && !healthyCheck && !s.agentTests.some((r) => r.succeeded) && !(s.health && !s.health.healthy)) {
    add(
      'token-unproven',
      'error',
      t('Not proven that AEM gets a token from Adobe IMS'),
      s.healthUnavailable
        ? t(
            'This AEM has no Check Health the page can run: create the Brand Portal cloud service and test the agents; one connected agent proves the token.',
          )
        : t('Run Check Health or test the replication agents (bpsetup check does both).'),
    );
  }

  const configs = s.cloudConfigs;
  if (configs.length === 0 && !unread.cloudConfigs)
    add(
      'cloud-missing',
      'error',
      t('No Brand Portal cloud service'),
      t("Create it with the Brand Portal address: the page's Brand Portal cloud service step, or bpsetup setup."),
    );
  if (configs.length > 1)
    add(
      'cloud-several',
      'error',
      t('{0} Brand Portal cloud configurations: only one tenant per author', String(configs.length)),
      t('Keep one; Reset Brand Portal publishing removes the others cleanly.'),
    );
  for (const c of configs.filter((x) => x.legacy))
    add(
      `cloud-legacy-${c.path}`,
      'warning',
      t('"{0}" is a legacy (6.3-style) configuration', c.title),
      t('Reset Brand Portal publishing, then set it up again with the Adobe Developer Console.'),
    );
  const config = configs.find((c) => !c.legacy) ?? configs[0];
  if (config && !config.legacy && !unread.imsConfigs) {
    const known = s.allImsConfigs.find((i) => identifiedBy(i, config.imsConfig));
    if (!known)
      add(
        'cloud-ims-missing',
        'error',
        t('The cloud service points at an IMS configuration that no longer exists'),
        t('Edit the cloud service and choose the current IMS configuration.'),
      );
    else if (active && known.id !== active.id)
      add(
        'cloud-ims-other',
        'error',
        t('The cloud service points at "{0}", not at the Brand Portal IMS configuration "{1}"', known.title, active.title),
        t('Edit the cloud service and choose "{0}".', active.title),
      );
  }

  if (config) {
    const tenant = validateTenantUrl(config.tenantUrl);
    if (tenant.normalised && tenant.tenant && !unread.agents) {
      const checks = checkAgents(s.agents, tenant.normalised, tenant.tenant);
      for (const check of checks) {
        for (const issue of check.issues) {
          const [title, fix] = ISSUE_TEXT[issue](check.name);
          add(`agent-${issue}-${check.name}`, issue === 'closeConnectionOff' ? 'warning' : 'error', title, fix);
        }
        const test = s.agentTests.find((r) => r.name === check.name);
        if (check.agent && test && !test.succeeded) {
          add(`agent-test-${check.name}`, 'error', t('Test Connection failed for {0}', check.name), replicationErrorFix(test.log));
        }
      }
      problems.push(
        ...agentSettingProblems(
          checks.flatMap((c) => (c.agent ? [c.agent] : [])),
          config,
          active,
          unread.imsConfigs ? undefined : s.allImsConfigs,
        ),
      );
    }
    problems.push(...queueProblems(s.agentQueues ?? [], s.endpoints, s.now ?? Date.now()));
    if (s.proxies) problems.push(...proxyProblems(s.proxies));
    // Judged only against a version that was read.
    if (s.contributionFlag && !unread.version) problems.push(...contributionReadiness(s.version, s.contributionFlag).problems);
    const tenantUrls = tenantUrlsOf(configs);
    const orphans = orphanAgents(s.agents, tenantUrls);
    if (orphans.length)
      add(
        'agents-orphan',
        'warning',
        t('{0} Brand Portal agent(s) belong to no configuration: {1}', String(orphans.length), orphans.map((a) => a.name).join(', ')),
        t(
          'They are leftovers of an earlier tenant and still publish there while enabled: remove exactly these with "Remove these agents" in the agents table of the setup page or "bpsetup remove-orphans" (queues empty, a backup package first); the reset removes them too.',
        ),
      );
    const strangers = unrecognisedAgents(s.agents, tenantUrls);
    if (strangers.length)
      add(
        'agents-unrecognised',
        'warning',
        t(
          "{0} agent(s) named like Brand Portal's are not recognised as Brand Portal's: {1}",
          String(strangers.length),
          strangers.map((a) => a.name).join(', '),
        ),
        t(
          'They take no IMS token and publish to no configured tenant, so nothing here deletes them; check them in the replication console.',
        ),
      );
  }
  const unknown = problems.some((p) => p.severity === 'unknown');
  return { healthy: !unknown && problems.every((p) => p.severity !== 'error'), unknown, problems };
}

/** The summary of what the page or the CLI has read and tested. */
export function summariseFacts(f: SetupFacts, endpoints: Endpoints): SetupSummary {
  return summariseSetup({
    endpoints,
    brandPortalImsConfigs: deriveSetupState(f).brandPortalConfigs,
    allImsConfigs: f.imsConfigs,
    health: f.health,
    healthUnavailable: f.healthUnavailable,
    keystore: f.keystore,
    cloudConfigs: f.cloudConfigs ?? [],
    agents: f.agents ?? [],
    agentTests: f.agentTests ?? [],
    agentQueues: f.agentQueues,
    proxies: f.proxies,
    version: f.version,
    hotfixConfirmed: f.hotfixConfirmed,
    contributionFlag: f.contributionFlag,
    unread: { imsConfigs: f.imsConfigsError, cloudConfigs: f.cloudConfigsError, agents: f.agentsError, version: f.versionUnavailable },
  });
}
