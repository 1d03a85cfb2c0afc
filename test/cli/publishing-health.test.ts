/**
 * After the setup, `bpsetup check` reads the tenant's queues as the page's whole-setup check does:
 * a blocked queue (with its log's last error and the fix), a paused one, items waiting long, and
 * a queue that cannot be read ("not read", exit 2); the diagnostics report carries the queues. It
 * also reads AEM's two HTTP client proxy configurations (never their password) and says which
 * outgoing connections publishing needs, and asset contribution's feature flag.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../emulator/paths';
import type { RunningEmulator } from '../../emulator/server';
import { tempDir } from '../helpers/temp';
import { bpsetup } from '../helpers/cli';
import { loggedIn, setFaults } from '../helpers/emulator';
import { connectedAuthor } from '../helpers/brand-portal-fixtures';

const CLIENT_ID = 'q21b1c2d3e4f5a6b7c8d9e0f1a2b3c4d';
const SECRET = 'p8e-queue-secret-value-8812';
const TENANT = 'https://queues.brand-portal.adobe.com';
const AGENT = 'mp_replication_agent1_default_queues';
let emu: RunningEmulator;

interface Host {
  exit: number;
  problems: { id: string; severity: string; title: string; fix: string }[];
}
const check = async () => {
  const r = await bpsetup(['--url', emu.url, 'check', '--json']);
  return { code: r.code, host: (JSON.parse(r.stdout) as { hosts: Host[] }).hosts[0] };
};

beforeAll(async () => {
  emu = await connectedAuthor({ faults: true, agentDelayMs: 0 }, CLIENT_ID, SECRET, TENANT);
}, 60000);
afterAll(() => emu.close());
afterEach(() => setFaults(emu.url, null));

test('empty queues: healthy, nothing said about them', async () => {
  const { code, host } = await check();
  expect(code).toBe(0);
  expect(host.problems.filter((p) => p.id.startsWith('queue-'))).toEqual([]);
});

test('a blocked queue: exit 1, the item AEM retries, the log line and a fix for what it names', async () => {
  await setFaults(emu.url, {
    queue: { agent: AGENT, items: 2, blocked: true, error: 'javax.net.ssl.SSLHandshakeException: PKIX path building failed' },
  });
  const { code, host } = await check();
  expect(code).toBe(1);
  const blocked = host.problems.find((p) => p.id === `queue-blocked-${AGENT}`);
  expect(blocked).toMatchObject({ severity: 'error', title: `The queue of ${AGENT} is blocked: 2 item(s) waiting` });
  expect(blocked?.fix).toContain('/content/dam/asset-0.jpg (tried 3 times)');
  expect(blocked?.fix).toContain('PKIX path building failed');
  expect(blocked?.fix).toContain('a proxy that inspects TLS');
  const table = await bpsetup(['--url', emu.url, 'check']);
  expect(table.stdout).toContain(`The queue of ${AGENT} is blocked`);
});

test('a paused queue is an error; items waiting 15 minutes in a moving queue are a warning', async () => {
  await setFaults(emu.url, { queue: { agent: AGENT, items: 0, paused: true } });
  expect((await check()).host.problems.find((p) => p.id === `queue-paused-${AGENT}`)).toMatchObject({ severity: 'error' });
  await setFaults(emu.url, { queue: { agent: AGENT, items: 4, ageMs: 15 * 60_000 } });
  const { code, host } = await check();
  expect(host.problems.find((p) => p.id === `queue-waiting-${AGENT}`)).toMatchObject({
    severity: 'warning',
    title: `4 item(s) have waited 15 minutes in the queue of ${AGENT}`,
  });
  expect(code).toBe(0); // a warning alone keeps the author healthy
});

test('a queue that cannot be read is "not read" (exit 2), never empty', async () => {
  await setFaults(emu.url, {
    routes: [{ path: `/etc/replication/agents.author/${AGENT}/jcr:content.queue.json`, status: 500, body: 'boom' }],
  });
  const { code, host } = await check();
  expect(code).toBe(2);
  expect(host.problems.find((p) => p.id === `queue-unreadable-${AGENT}`)).toMatchObject({ severity: 'unknown' });
});

test("the diagnostics report lists each agent's queue", async () => {
  await setFaults(emu.url, { queue: { agent: AGENT, items: 1, blocked: true } });
  const r = await bpsetup(['--url', emu.url, 'diagnostics', '--json']);
  const report = JSON.parse((JSON.parse(r.stdout) as { hosts: { report: string }[] }).hosts[0].report) as {
    agentQueues: { name: string; queue?: { blocked: boolean; pending: number }; lastError?: string }[];
  };
  expect(report.agentQueues).toHaveLength(4);
  expect(report.agentQueues.find((q) => q.name === AGENT)).toMatchObject({
    queue: { blocked: true, pending: 1 },
    lastError: expect.stringContaining('HTTP/1.1 500'),
  });
});

test("AEM's proxies: one client through a proxy and the other direct is said; the connections to allow are listed", async () => {
  const direct = await bpsetup(['--url', emu.url, 'check', '--json']);
  const before = (JSON.parse(direct.stdout) as { hosts: { network: unknown }[] }).hosts[0].network;
  expect(before).toEqual({ proxies: [], allowOutgoing: ['queues.brand-portal.adobe.com:443', expect.stringMatching(/:\d+$/)] });
  // An administrator sets a proxy for the 4.x client only, as in the console.
  const c = await loggedIn(emu.url);
  const form = new URLSearchParams({ apply: 'true', factoryPid: 'org.apache.http.proxyconfigurator' });
  form.set('propertylist', 'proxy.enabled,proxy.host,proxy.port,proxy.user,proxy.password');
  for (const [k, v] of Object.entries({
    'proxy.enabled': 'true',
    'proxy.host': 'proxy.corp.example',
    'proxy.port': '3128',
    'proxy.user': 'svc',
    'proxy.password': 'proxy-pass-123',
  }))
    form.set(k, v);
  const made = await c.write('/system/console/configMgr/[Temporary PID replaced by real PID upon save]', form, {
    Referer: `${emu.url}/system/console/configMgr`,
  });
  expect(made.status).toBe(302);
  const r = await bpsetup(['--url', emu.url, 'check', '--json']);
  const host = (
    JSON.parse(r.stdout) as { hosts: (Host & { network: { proxies: { client: string; address: string; withUser: boolean }[] } })[] }
  ).hosts[0];
  expect(host.problems.find((p) => p.id === 'proxy-one-client')).toMatchObject({
    severity: 'warning',
    title: expect.stringContaining('org.apache.http.proxyconfigurator'),
  });
  expect(host.network.proxies).toEqual([
    expect.objectContaining({ client: '4.x', enabled: true, address: 'proxy.corp.example:3128', withUser: true }),
  ]);
  expect(r.stdout).not.toContain('proxy-pass-123');
});

test('asset contribution switched off by its feature flag is advice, with the flag to set; on by default from 6.5.9', async () => {
  const flag = async (value: string) => {
    const c = await loggedIn(emu.url);
    const form = new URLSearchParams({ apply: 'true', propertylist: 'feature.flag.active.status', 'feature.flag.active.status': value });
    const res = await c.write('/system/console/configMgr/com.day.cq.dam.entitlement.impl.frags.AssetSourcingFeatureFlag', form, {
      Referer: `${emu.url}/system/console/configMgr`,
    });
    expect(res.status).toBe(302);
  };
  const readiness = async () => {
    const r = await bpsetup(['--url', emu.url, 'check', '--json']);
    return { code: r.code, host: (JSON.parse(r.stdout) as { hosts: Host[] }).hosts[0] };
  };
  expect((await readiness()).host.problems.filter((p) => p.id.startsWith('contribution-'))).toEqual([]);
  await flag('false');
  const off = await readiness();
  expect(off.host.problems.find((p) => p.id === 'contribution-flag-off')).toMatchObject({
    severity: 'warning',
    fix: expect.stringContaining('com.day.cq.dam.entitlement.impl.frags.AssetSourcingFeatureFlag'),
  });
  expect(off.code).toBe(0); // publishing works: advice only
  const report = await bpsetup(['--url', emu.url, 'diagnostics', '--json']);
  const lines = (
    JSON.parse(JSON.parse(report.stdout).hosts[0].report as string) as { assetContribution: { state: string; text: string }[] }
  ).assetContribution;
  expect(lines.map((l) => l.state)).toEqual(['ok', 'problem', 'unknown']);
  expect(lines[2].text).toContain('contributors list');
  await flag('true');
  expect((await readiness()).host.problems.filter((p) => p.id.startsWith('contribution-'))).toEqual([]);
});

test("the probe asks a Brand Portal agent's log, an INFERRED address, and says whether it answers as a log", async () => {
  const out = join(tempDir('probe-'), 'report.json');
  await new Promise((resolve) =>
    execFile(
      process.execPath,
      ['build/cli/probe-main.js', '--url', emu.url, '--out', out],
      { cwd: PROJECT_ROOT, env: { ...process.env, AEM_PASSWORD: 'admin' } },
      resolve,
    ),
  );
  const report = JSON.parse(readFileSync(out, 'utf8')) as { services: { agentLog: { read: string; verdict: string; note: string } } };
  expect(report.services.agentLog).toMatchObject({
    read: expect.stringMatching(/^\/etc\/replication\/agents\.author\/mp_replication_agent\d_default_queues\.log\.html$/),
    verdict: 'answers',
    note: expect.stringContaining("answers as the agent's log"),
  });
});
