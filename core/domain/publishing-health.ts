/**
 * After the setup: whether Brand Portal publishing goes through. Per agent of the tenant: its
 * queue (blocked, paused, items waiting long), and whether it takes its token from the Brand
 * Portal IMS configuration and replicates as Adobe's queue user. Failures of replication (a
 * Test Connection log, an agent log's last error) are explained with their fix, network
 * failures included. Pure: no I/O.
 */
import { AGENTS } from '../contract/aem-names';
import type { Endpoints } from '../contract/endpoints';
import { t } from '../i18n';
import { agentsOfGoneProvider, refersTo } from './agents';
import type { AgentQueueReading, CloudConfig, ImsConfig, ReplicationAgent, SetupProblem } from './types';

/** Items that waited this long in a queue that is neither blocked nor paused: publishing is stuck or slow. */
export const QUEUE_WAIT_WARNING_MS = 10 * 60_000;

/** The fix a replication failure points at (a Test Connection log, or an agent log's error line). */
export function replicationErrorFix(log: string): string {
  if (/401 Unauthorized/.test(log)) {
    return t(
      "Brand Portal refused AEM's token (401). First check the IMS configuration (client ID, secret, organization and scopes from the Developer Console credential); if it is right, the tenant's replication user holds an old key: use Reset Brand Portal publishing, then save the cloud service again.",
    );
  }
  if (/403 Forbidden|AccessDenied/.test(log) && log.includes(AGENTS.queueUser))
    return t(
      '{0} may not read what is published: give it read access to the published folders (Adobe grants it by default).',
      AGENTS.queueUser,
    );
  if (/access token/i.test(log))
    return t('The agent gets no token from Adobe IMS: correct the IMS configuration (its health check, where this AEM has one, says why).');
  if (/disabled/i.test(log)) return t('Enable the agent, then test again.');
  if (/407 Proxy Authentication Required/.test(log))
    return t(
      "AEM's proxy asks for credentials: set the proxy user and password in both HTTP client proxy configurations (com.day.commons.httpclient and org.apache.http.proxyconfigurator).",
    );
  if (/PKIX path|SSLHandshakeException|unable to find valid certification path|CertPathValidatorException/.test(log))
    return t(
      "AEM does not trust the certificate it was shown for the tenant: a proxy that inspects TLS replaced it. Exempt the Brand Portal and Adobe IMS hosts from inspection, or add the proxy's root certificate to AEM's trust store.",
    );
  if (/ConnectException|Connection refused|connect timed out|SocketTimeoutException/.test(log))
    return t(
      'AEM could not open a connection to the tenant: allow outgoing HTTPS (port 443) from AEM to the tenant and to Adobe IMS, directly or through the proxy both HTTP client proxy configurations name.',
    );
  if (/UnknownHostException/.test(log))
    return t(
      "AEM cannot resolve the tenant's host: check the tenant URL (the tenant ID URL, not an alias), AEM's DNS, and the proxy both HTTP client proxy configurations name.",
    );
  return t('Open the log; fix what it names and test again.');
}

const minutes = (ms: number) => String(Math.max(1, Math.round(ms / 60_000)));

/** What the tenant's queues say: blocked, paused, or items waiting long; queues not read are "unknown". */
export function queueProblems(readings: readonly AgentQueueReading[], endpoints: Endpoints, now: number): SetupProblem[] {
  const problems: SetupProblem[] = [];
  for (const r of readings) {
    const q = r.queue;
    if (r.unread || !q) {
      problems.push({
        id: `queue-unreadable-${r.name}`,
        severity: 'unknown',
        title: t('The queue of {0} could not be read', r.name),
        fix: t(
          'Reading it needs read access to {0} (administrators on a default AEM); try again, or use such an account.',
          endpoints.agentsRoot.path,
        ),
      });
      continue;
    }
    if (q.blocked) {
      const head = q.head
        ? t(
            'AEM retries {0}{1}; nothing behind it is published meanwhile.',
            q.head.path,
            q.head.attempts ? t(' (tried {0} times)', String(q.head.attempts)) : '',
          )
        : '';
      problems.push({
        id: `queue-blocked-${r.name}`,
        severity: 'error',
        title: t('The queue of {0} is blocked: {1} item(s) waiting', r.name, String(q.pending)),
        fix: [
          head,
          r.lastError ? t('Its log says: "{0}".', r.lastError) : '',
          r.lastError ? replicationErrorFix(r.lastError) : t("Open the agent's log in the replication console; fix what it names."),
          t('The queue resumes by itself once the item goes through; remove a broken item from the queue in the replication console.'),
        ]
          .filter(Boolean)
          .join(' '),
      });
      continue;
    }
    if (q.paused)
      problems.push({
        id: `queue-paused-${r.name}`,
        severity: 'error',
        title: t('The queue of {0} is paused', r.name),
        fix: t("Resume it in the replication console (the agent's queue): nothing goes to Brand Portal through it while it is paused."),
      });
    const waited = q.oldestQueuedAt !== undefined ? now - q.oldestQueuedAt : 0;
    if (q.pending && waited >= QUEUE_WAIT_WARNING_MS)
      problems.push({
        id: `queue-waiting-${r.name}`,
        severity: 'warning',
        title: t('{0} item(s) have waited {1} minutes in the queue of {2}', String(q.pending), minutes(waited), r.name),
        fix: t('Publishing is slow or stuck: test the agent; Adobe advises Close Connection (Extended tab) against timeouts.'),
      });
  }
  return problems;
}

/**
 * The tenant's agents' own settings against the cloud service: the token provider they name must
 * be the Brand Portal IMS configuration (by any of the names AEM may store), and they replicate
 * as Adobe's queue user. A field the agent does not carry is not judged.
 */
export function agentSettingProblems(
  agents: readonly ReplicationAgent[],
  config: CloudConfig,
  active?: ImsConfig,
  /** Every IMS configuration on the author, when they could be read: an agent naming none of them names a deleted one. */
  listed?: readonly ImsConfig[],
): SetupProblem[] {
  const problems: SetupProblem[] = [];
  // Any of the names AEM may store: the service's own reference, or the active configuration's id, PID, name or title.
  const namesBrandPortal = (reference: string) => reference === config.imsConfig || Boolean(active && refersTo(active, reference));
  const gone = new Set(listed ? agentsOfGoneProvider(agents, listed) : []);
  for (const agent of agents) {
    if (gone.has(agent))
      problems.push({
        id: `agent-token-provider-${agent.name}`,
        severity: 'error',
        title: t(
          '{0} takes its token from "{1}", an IMS configuration no longer on this author',
          agent.name,
          agent.tokenProviderName ?? '',
        ),
        fix: t(
          'Run bpsetup setup, or use "Take the token from the Brand Portal configuration" in the agents table of the setup page: either points the agent at the configuration the cloud service names.',
        ),
      });
    else if (agent.tokenProviderName && (config.imsConfig || active) && !namesBrandPortal(agent.tokenProviderName))
      problems.push({
        id: `agent-token-provider-${agent.name}`,
        severity: 'error',
        title: t('{0} takes its token from "{1}", not from the Brand Portal IMS configuration', agent.name, agent.tokenProviderName),
        // What AEM's servlet does to existing agents on a re-save is not public: say what to do, not what AEM will do.
        fix: t(
          'Save the Brand Portal cloud service again (AEM wrote the agents from it); if the agent still names another provider, reset Brand Portal publishing and set it up again.',
        ),
      });
    if (agent.userId && agent.userId !== AGENTS.queueUser)
      problems.push({
        id: `agent-user-${agent.name}`,
        severity: 'warning',
        title: t('{0} replicates as "{1}", not as {2}', agent.name, agent.userId, AGENTS.queueUser),
        fix: t(
          "Set Agent User Id to {0} (Settings tab), as Adobe's setup does: another user may lack read access to the published assets.",
          AGENTS.queueUser,
        ),
      });
  }
  return problems;
}
