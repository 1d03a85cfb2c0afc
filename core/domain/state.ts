/**
 * Derives where the setup stands from what AEM returned on this load (nothing important lives
 * only in the browser): each step's status and one-line summary, which IMS configurations are
 * Brand Portal's, whether OAuth is possible here.
 */
import { t } from '../i18n';
import { expiryOf } from './expiry';
import { type BrandPortalChoice, brandPortalImsConfigs } from './ims-detection';
import { agentTestCounts, checkAgents } from './agents';
import { validateTenantUrl } from './tenant';
import type { ProxyReading } from './proxies';
import type { FlagReading } from './contribution';
import type {
  AgentQueueReading,
  AgentTestResult,
  AuthType,
  CloudConfig,
  HealthResult,
  ImsConfig,
  KeystoreInfo,
  ReplicationAgent,
  StepState,
} from './types';
import { developerConsoleFlowSupported, displayVersion, isLts, oauthSupport, parseVersion, type OauthSupport } from './version';

export interface SetupFacts {
  /** The AEM version read from the server, or stated by the admin when the read is not available. */
  version?: string;
  versionUnavailable?: boolean;
  keystore?: KeystoreInfo;
  keystoreUnavailable?: boolean;
  imsConfigs: ImsConfig[];
  imsConfigsError?: boolean;
  /** Ids Brand Portal cloud configurations point at. */
  referencedImsIds?: string[];
  /** The last Check Health answer on this page, for the active configuration. */
  health?: HealthResult;
  /** Check Health cannot run from the page on this AEM (its address answers 404/405). */
  healthUnavailable?: boolean;
  /** The IMS configuration the admin marked for Brand Portal (page settings on the author). */
  markedImsConfig?: string;
  /** The admin says Adobe's IMS compatibility hotfix is installed (6.5 SP11–SP20). */
  hotfixConfirmed?: boolean;
  /** The authentication type the admin picked in the form. */
  chosenAuthType?: AuthType;
  cloudConfigs?: CloudConfig[];
  cloudConfigsError?: boolean;
  agents?: ReplicationAgent[];
  /** The agents could not be read (an empty list is then no evidence of missing agents). */
  agentsError?: boolean;
  /** Test Connection results of this page visit. */
  agentTests?: AgentTestResult[];
  /** The asset contribution feature flag, read by the whole-setup check (never on a plain visit). */
  contributionFlag?: FlagReading;
  /** AEM's HTTP clients' proxy configurations, read by the whole-setup check (never on a plain visit). */
  proxies?: ProxyReading;
  /** The tenant's agents' queues, read by the whole-setup check (never on a plain visit). */
  agentQueues?: AgentQueueReading[];
  /** When the last health check and agent tests ran (ISO time), for the diagnostics report. */
  healthCheckedAt?: string;
  agentsTestedAt?: string;
}

export interface SetupState {
  steps: StepState[];
  oauth: OauthSupport | 'unknown';
  brandPortalConfigs: ImsConfig[];
  /** How the Brand Portal configuration was recognised: the cloud service's reference, the admin's mark, or a guess. */
  brandPortalChoice: BrandPortalChoice;
  /** The one configuration the rest of the setup uses, when there is exactly one. */
  active?: ImsConfig;
  authType: AuthType;
  /** OAuth Server-to-Server can be configured here now (native, or the hotfix confirmed). */
  oauthAvailable: boolean;
  /** OAuth may be chosen: available, or the version could not be read (AEM then has the last word). */
  oauthPossible: boolean;
  /** AEM 6.5 LTS: JWT configurations can only be migrated there, never created. */
  lts: boolean;
  /** A positive signal that AEM gets a token: a healthy Check Health or one agent connected. */
  tokenProven: boolean;
}

export function deriveSetupState(f: SetupFacts): SetupState {
  const version = f.version ? parseVersion(f.version) : undefined;
  const oauth = version ? oauthSupport(version) : 'unknown';
  const recognised = brandPortalImsConfigs(f.imsConfigs, f.referencedImsIds, f.markedImsConfig);
  const bp = recognised.configs;
  const active = bp.length === 1 ? bp[0] : undefined;
  const oauthAvailable = oauth === 'native' || (oauth === 'withHotfix' && Boolean(f.hotfixConfirmed));
  // Offered on the form unless the version rules it out (a version not read does not).
  const oauthPossible = oauthAvailable || oauth === 'unknown';
  const authType: AuthType = active?.authType ?? f.chosenAuthType ?? 'oauth';
  const agentConnected = (f.agentTests ?? []).some((r) => r.succeeded);
  const tokenProven = Boolean(active && f.health?.id === active.id && f.health.healthy) || agentConnected;
  const steps: StepState[] = [];

  const shown = displayVersion(f.version ?? '');
  if (!version) {
    steps.push({
      id: 'prerequisites',
      status: 'warning',
      summary: f.versionUnavailable ? t('This AEM does not report its version here: state it below.') : t('AEM version not known yet.'),
    });
  } else if (!developerConsoleFlowSupported(version)) {
    steps.push({
      id: 'prerequisites',
      status: 'error',
      summary: t(
        'AEM {0} predates the Adobe Developer Console flow for Brand Portal (6.5.4, 6.4.8 or 6.3.3.8 needed): install the latest service pack.',
        shown,
      ),
    });
  } else if (oauth === 'native') {
    steps.push({ id: 'prerequisites', status: 'done', summary: t('AEM {0}. OAuth Server-to-Server available.', shown) });
  } else if (oauth === 'withHotfix') {
    steps.push(
      f.hotfixConfirmed
        ? {
            id: 'prerequisites',
            status: 'done',
            summary: t('AEM {0} with the IMS compatibility hotfix: OAuth Server-to-Server available.', shown),
          }
        : {
            id: 'prerequisites',
            status: 'error',
            summary: t(
              "AEM {0} needs Adobe's IMS compatibility hotfix for OAuth, and JWT no longer works: install the hotfix or update to 6.5.21.",
              shown,
            ),
          },
    );
  } else {
    steps.push({
      id: 'prerequisites',
      status: 'error',
      summary: t(
        'AEM {0} cannot use OAuth Server-to-Server, and JWT no longer works: update to 6.5.21 (or to SP11 or later and install the hotfix).',
        shown,
      ),
    });
  }

  const aliases = f.keystore?.aliases ?? [];
  if (authType === 'oauth') {
    steps.push({ id: 'certificate', status: 'notNeeded', summary: t('Not needed for OAuth Server-to-Server.') });
  } else if (f.keystoreUnavailable) {
    steps.push({ id: 'certificate', status: 'warning', summary: t('The keystore cannot be read here: use the user editor.') });
  } else if (!f.keystore) {
    // Read only for JWT, so it may still be on its way.
    steps.push({ id: 'certificate', status: 'unknown', summary: t('Reading the keystore…') });
  } else {
    const used = aliases.find((a) => a.alias === active?.keyAlias) ?? aliases[0];
    const expiry = used?.chain[0] ? expiryOf(used.chain[0].notAfter) : undefined;
    if (!used) steps.push({ id: 'certificate', status: 'todo', summary: t('No certificate yet.') });
    else if (expiry?.expired)
      steps.push({ id: 'certificate', status: 'error', summary: t('Certificate "{0}" has expired: create a new one.', used.alias) });
    else if (expiry?.expiresSoon)
      steps.push({
        id: 'certificate',
        status: 'warning',
        summary: t('Certificate "{0}" expires in {1} days.', used.alias, String(expiry.daysLeft)),
      });
    else steps.push({ id: 'certificate', status: 'done', summary: t('Certificate "{0}" in the keystore.', used.alias) });
  }

  steps.push(
    bp.length
      ? { id: 'developerConsole', status: 'done', summary: t('Credential in use by an IMS configuration.') }
      : { id: 'developerConsole', status: 'todo', summary: t('Create the credential, then bring its values to the next step.') },
  );

  if (f.imsConfigsError) steps.push({ id: 'imsAccount', status: 'error', summary: t('The IMS configurations could not be read.') });
  else if (bp.length === 0) steps.push({ id: 'imsAccount', status: 'todo', summary: t('No Brand Portal IMS configuration yet.') });
  else if (bp.length > 1)
    steps.push({
      id: 'imsAccount',
      status: 'warning',
      summary: t('{0} Brand Portal IMS configurations: Adobe requires exactly one.', String(bp.length)),
    });
  else if (bp[0].authType === 'jwt')
    // Adobe switched JWT off: such a configuration gets no token, whatever else is right.
    steps.push({
      id: 'imsAccount',
      status: 'error',
      summary: t('"{0}" uses JWT, which Adobe switched off: migrate it to OAuth Server-to-Server.', bp[0].title),
    });
  else if (f.health?.id === bp[0].id && !f.health.healthy)
    // Configured, but it gets no token: not done until it does.
    steps.push({
      id: 'imsAccount',
      status: 'warning',
      summary: t('"{0}" (OAuth Server-to-Server) gets no token: step 5 says why.', bp[0].title),
    });
  else steps.push({ id: 'imsAccount', status: 'done', summary: t('"{0}" (OAuth Server-to-Server).', bp[0].title) });

  if (!active) steps.push({ id: 'health', status: 'todo', summary: t('Needs exactly one Brand Portal IMS configuration.') });
  else if (f.healthUnavailable && agentConnected)
    steps.push({ id: 'health', status: 'done', summary: t("Token proven: a replication agent's Test Connection succeeded.") });
  else if (f.healthUnavailable)
    steps.push({
      id: 'health',
      // Not a fault: nothing has failed until the agents were tested and none connected.
      status: f.agentTests?.length ? 'warning' : 'untested',
      summary: t(
        "Check Health cannot run from this page on this AEM: the agents' Test Connection (the agents table) proves the token instead.",
      ),
    });
  else if (!f.health || f.health.id !== active.id)
    steps.push({
      id: 'health',
      status: 'untested',
      summary: t('"{0}" is configured; Check health has not run since this page opened.', active.title),
    });
  else if (f.health.healthy) steps.push({ id: 'health', status: 'done', summary: f.health.message });
  else steps.push({ id: 'health', status: 'error', summary: t('Unhealthy: see the explanation below.') });

  steps.push(brandPortalStep(f));

  const lts = Boolean(version && isLts(version));
  return {
    steps,
    oauth,
    brandPortalConfigs: bp,
    brandPortalChoice: recognised.by,
    active,
    authType,
    oauthAvailable,
    oauthPossible,
    lts,
    tokenProven,
  };
}

function brandPortalStep(f: SetupFacts): StepState {
  const configs = f.cloudConfigs ?? [];
  if (f.cloudConfigsError) return { id: 'brandPortal', status: 'error', summary: t('The Brand Portal configuration could not be read.') };
  if (!configs.length) {
    return f.health?.healthy || f.healthUnavailable
      ? { id: 'brandPortal', status: 'todo', summary: t('Next: the Brand Portal cloud service.') }
      : { id: 'brandPortal', status: 'todo', summary: t('After the IMS configuration and its health check.') };
  }
  if (configs.length > 1)
    return {
      id: 'brandPortal',
      status: 'warning',
      summary: t('{0} Brand Portal configurations: one tenant per author.', String(configs.length)),
    };
  const config = configs[0];
  if (config.legacy)
    return { id: 'brandPortal', status: 'warning', summary: t('Legacy configuration for {0}: reset and set up again.', config.tenantUrl) };
  const tenant = validateTenantUrl(config.tenantUrl);
  if (!tenant.normalised || !tenant.tenant)
    return { id: 'brandPortal', status: 'error', summary: t('The stored Brand Portal address is not usable: {0}', config.tenantUrl) };
  const checks = checkAgents(f.agents ?? [], tenant.normalised, tenant.tenant);
  const present = checks.filter((c) => c.agent).length;
  const { connected: passed, failed } = agentTestCounts(checks, f.agentTests ?? []);
  const flagged = checks.some((c) => c.issues.some((i) => i !== 'missing'));
  if (present < checks.length)
    return {
      id: 'brandPortal',
      status: 'warning',
      summary: t('{0} of {1} replication agents exist.', String(present), String(checks.length)),
    };
  if (failed)
    return { id: 'brandPortal', status: 'error', summary: t('{0} of {1} agents connected.', String(passed), String(checks.length)) };
  if (passed === checks.length)
    return {
      id: 'brandPortal',
      status: flagged ? 'warning' : 'done',
      summary: t('{0} of {1} agents connected.', String(passed), String(checks.length)),
    };
  // Configured, only not tested since the page opened: never "to do".
  return {
    id: 'brandPortal',
    status: flagged ? 'warning' : 'untested',
    summary: t('Tenant {0}: the four agents exist; test them to see that they connect.', config.tenantUrl),
  };
}
