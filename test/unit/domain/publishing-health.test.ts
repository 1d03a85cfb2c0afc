/** Publishing after the setup: queue verdicts, the agents' own settings, and replication failures explained. */
import { ENDPOINTS } from '../../../core/contract/endpoints';
import { QUEUE_WAIT_WARNING_MS, agentSettingProblems, queueProblems, replicationErrorFix } from '../../../core/domain/publishing-health';
import type { CloudConfig, ImsConfig, ReplicationAgent } from '../../../core/domain/types';

const NOW = 1_800_000_000_000;
const agent = (over: Partial<ReplicationAgent> = {}): ReplicationAgent => ({
  name: 'mp_replication_agent0_default_acme',
  path: '/etc/replication/agents.author/mp_replication_agent0_default_acme',
  title: 'acme MP Replication Agent0 Default',
  transportUri: 'https://acme.brand-portal.adobe.com/bin/receive?sling:authRequestLogin=1',
  enabled: true,
  closeConnection: true,
  triggerSpecific: true,
  ...over,
});
const config: CloudConfig = {
  path: '/conf/x',
  title: 'BP',
  tenantUrl: 'https://acme.brand-portal.adobe.com',
  imsConfig: 'ims-1',
  legacy: false,
  publicFolderPublish: false,
};
const active: ImsConfig = {
  id: 'ims-1',
  name: 'brandportal-ims',
  pid: 'p.ims-1',
  file: 'f',
  title: 'Brand Portal',
  clientId: 'c',
  authType: 'oauth',
};

test('queues: idle and short waits say nothing; blocked, paused and long waits each say what and how to fix', () => {
  const idle = { blocked: false, paused: false, pending: 0 };
  expect(queueProblems([{ name: 'a', queue: idle }], ENDPOINTS, NOW)).toEqual([]);
  const short = { ...idle, pending: 2, oldestQueuedAt: NOW - QUEUE_WAIT_WARNING_MS + 1000 };
  expect(queueProblems([{ name: 'a', queue: short }], ENDPOINTS, NOW)).toEqual([]);
  const [waiting] = queueProblems([{ name: 'a', queue: { ...short, oldestQueuedAt: NOW - 30 * 60_000 } }], ENDPOINTS, NOW);
  expect(waiting).toMatchObject({
    id: 'queue-waiting-a',
    severity: 'warning',
    title: '2 item(s) have waited 30 minutes in the queue of a',
  });
  const [paused] = queueProblems([{ name: 'a', queue: { ...idle, paused: true } }], ENDPOINTS, NOW);
  expect(paused).toMatchObject({ id: 'queue-paused-a', severity: 'error' });
  const blockedQueue = { blocked: true, paused: false, pending: 1, head: { path: '/content/dam/x.jpg', attempts: 9 } };
  const [blocked] = queueProblems(
    [{ name: 'a', queue: blockedQueue, lastError: 'HTTP/1.1 407 Proxy Authentication Required' }],
    ENDPOINTS,
    NOW,
  );
  expect(blocked.severity).toBe('error');
  expect(blocked.fix).toContain('AEM retries /content/dam/x.jpg (tried 9 times)');
  expect(blocked.fix).toContain('proxy user and password');
  // Without the log's error, the fix says where to look; never a guess at the cause.
  expect(queueProblems([{ name: 'a', queue: blockedQueue }], ENDPOINTS, NOW)[0].fix).toContain("Open the agent's log");
});

test('a queue not read is "unknown", naming the read it needs', () => {
  expect(queueProblems([{ name: 'a', unread: true }], ENDPOINTS, NOW)).toEqual([
    expect.objectContaining({
      id: 'queue-unreadable-a',
      severity: 'unknown',
      fix: expect.stringContaining('/etc/replication/agents.author'),
    }),
  ]);
});

test("the agents' token provider and user, against the cloud service; fields an agent lacks are not judged", () => {
  for (const name of ['ims-1', 'brandportal-ims', 'p.ims-1', 'Brand Portal'])
    expect(agentSettingProblems([agent({ tokenProviderName: name, userId: 'dam-replication-service' })], config, active)).toEqual([]);
  expect(agentSettingProblems([agent()], config, active)).toEqual([]);
  const wrong = agentSettingProblems([agent({ tokenProviderName: 'old-jwt-config', userId: 'admin' })], config, active);
  expect(wrong.map((p) => [p.id, p.severity])).toEqual([
    ['agent-token-provider-mp_replication_agent0_default_acme', 'error'],
    ['agent-user-mp_replication_agent0_default_acme', 'warning'],
  ]);
  expect(wrong[0].title).toContain('"old-jwt-config"');
});

test.each([
  ['java.net.UnknownHostException: acme.brand-portal.adobe.com', /resolve the tenant's host.*tenant ID URL/],
  ['java.net.ConnectException: Connection refused', /outgoing HTTPS \(port 443\)/],
  ['HTTP/1.1 407 Proxy Authentication Required', /com\.day\.commons\.httpclient and org\.apache\.http\.proxyconfigurator/],
  ['sun.security.validator.ValidatorException: PKIX path building failed', /inspects TLS/],
  ['Received response from remote server: HTTP/1.1 401 Unauthorized', /refused AEM's token \(401\)/],
  ['HTTP/1.1 403 Forbidden: dam-replication-service may not read /content/dam/x', /dam-replication-service may not read/],
  ['something new', /Open the log/],
])('%s is explained', (log, fix) => {
  expect(replicationErrorFix(log)).toMatch(fix);
});

test('an agent naming a configuration no longer on the author is told apart, with the heal that points it back', () => {
  const listed = [active];
  const gone = agentSettingProblems([agent({ tokenProviderName: 'deleted-by-a-second-run' })], config, active, listed);
  expect(gone.map((p) => [p.id, p.severity])).toEqual([['agent-token-provider-mp_replication_agent0_default_acme', 'error']]);
  expect(gone[0].title).toContain('no longer on this author');
  expect(gone[0].fix).toContain('bpsetup setup');
  // Another configuration that exists is a different problem: named, not healed.
  const other = { ...active, id: 'ims-2', pid: 'p.ims-2', name: 'other', title: 'Other' };
  const elsewhere = agentSettingProblems([agent({ tokenProviderName: 'ims-2' })], config, active, [active, other]);
  expect(elsewhere[0].title).toContain('not from the Brand Portal IMS configuration');
  // Not read: not judged as gone.
  expect(agentSettingProblems([agent({ tokenProviderName: 'deleted-by-a-second-run' })], config, active)[0].title).not.toContain(
    'no longer',
  );
});
