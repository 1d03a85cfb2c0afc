/**
 * `bpsetup` against three emulators started here, each with its own tenant on its hosts-file
 * line: setup configures all three from one file, a second run writes nothing (the journals prove
 * it), check reports all three healthy, a fault on one host is reported with the page's
 * explanation (exit 1) while the others stay healthy, a bad configuration file sends nothing, and
 * the secret given through the environment appears in no output, report or log.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEmulator } from '../../emulator/server';
import { type CliRun as Run, bpsetup } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { startTestEmulator, controlFetch } from '../helpers/emulator';
import { ORG, TECH } from '../helpers/ims-fixtures';
import { credentialAndTenant, finishedSetup } from '../helpers/brand-portal-fixtures';

const CLIENT_ID = 'c11b1c2d3e4f5a6b7c8d9e0f1a2b3c4d';
const SECRET = 'p8e-fleet-secret-value-9137';
/** Each author its own tenant, from its hosts-file line (one tenant on several authors is test/cli/one-tenant.test.ts). */
const TENANTS = [0, 1, 2].map((i) => `https://fleet${i}.brand-portal.adobe.com`);
/** The only tenant setup.json names: every hosts-file line overrides it. */
const TENANT = 'https://fleet.brand-portal.adobe.com';
const dir = tempDir('cli-');
let emus: RunningEmulator[] = [];

const writesOn = (emu: RunningEmulator, since: number) => emu.context.journal.list(since).filter((r) => r.write);
const marks = () => emus.map((e) => e.context.journal.lastSeq);
const hostsFile = join(dir, 'hosts.txt');
const configFile = join(dir, 'setup.json');
const runs: Run[] = [];
const remember = (r: Run) => {
  runs.push(r);
  return r;
};

/** Every author set up (tests that check a configured fleet run alone with -t, too). */
async function configuredFleet(): Promise<void> {
  for (const [i, emu] of emus.entries())
    if (!emu.context.repo.exists('/conf/global/settings/cloudconfigs/mediaportal/brand-portal'))
      await finishedSetup(emu.url, CLIENT_ID, SECRET, TENANTS[i]);
}

beforeAll(async () => {
  emus = await Promise.all([0, 1, 2].map(() => startTestEmulator({ faults: true })));
  for (const [i, emu] of emus.entries()) await credentialAndTenant(emu.url, CLIENT_ID, SECRET, TENANTS[i]);
  writeFileSync(
    hostsFile,
    `# three authors, each with its own tenant\n${emus.map((e, i) => `${e.url} tenant=${TENANTS[i]}`).join('\n')}\n`,
  );
  writeFileSync(
    configFile,
    JSON.stringify({
      clientId: CLIENT_ID,
      orgId: ORG,
      technicalAccountId: TECH,
      scopes: ['openid', 'AdobeID'],
      tenantUrl: TENANT,
      clientSecretEnv: 'BPSETUP_CLIENT_SECRET_TEST',
    }),
  );
}, 60000);
afterAll(async () => {
  await Promise.all(emus.map((e) => e.close()));
});

test("a bad configuration file is refused with the page's field messages, and nothing is sent", async () => {
  const bad = join(dir, 'bad.json');
  writeFileSync(
    bad,
    JSON.stringify({
      clientId: 'has space',
      orgId: '0123',
      scopes: [],
      tenantUrl: 'http://fleet.brand-portal.adobe.com',
      clientSecret: 'inline',
    }),
  );
  const before = marks();
  const r = remember(await bpsetup(['--hosts', hostsFile, 'setup', '--config', bad], { BPSETUP_CLIENT_SECRET_TEST: SECRET }));
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('clientId: The client ID cannot contain spaces');
  expect(r.stderr).toContain('orgId:');
  expect(r.stderr).toContain('tenantUrl: The Brand Portal address must use https');
  expect(r.stderr).toContain('secrets never go in this file');
  emus.forEach((e, i) => expect(e.context.journal.list(before[i])).toEqual([]));
});

test('--dry-run lists the writes per host and sends none', async () => {
  const before = marks();
  const r = remember(
    await bpsetup(['--hosts', hostsFile, '--json', 'setup', '--config', configFile, '--dry-run'], { BPSETUP_CLIENT_SECRET_TEST: SECRET }),
  );
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout) as { hosts: { changes: { action: string; planned: boolean }[] }[] };
  for (const host of report.hosts)
    expect(host.changes).toEqual([
      expect.objectContaining({ action: 'create the IMS configuration', planned: true }),
      expect.objectContaining({ action: 'create the Brand Portal cloud service', planned: true }),
    ]);
  emus.forEach((e, i) => expect(writesOn(e, before[i])).toEqual([]));
});

test('setup configures all three; a second run changes nothing and writes nothing', async () => {
  const first = remember(
    await bpsetup(['--hosts', hostsFile, '--concurrency', '3', 'setup', '--config', configFile], { BPSETUP_CLIENT_SECRET_TEST: SECRET }),
  );
  expect(first.code).toBe(0);
  // One table row per host (the progress lines above it say the same).
  expect(first.stdout.match(/ ok .*healthy, 2 change\(s\)/g)).toHaveLength(3);
  emus.forEach((emu, i) =>
    expect(emu.context.repo.get('/conf/global/settings/cloudconfigs/mediaportal/brand-portal/jcr:content')?.props.tenantURL).toBe(
      TENANTS[i],
    ),
  );

  const before = marks();
  const second = remember(await bpsetup(['--hosts', hostsFile, 'setup', '--config', configFile], { BPSETUP_CLIENT_SECRET_TEST: SECRET }));
  expect(second.code).toBe(0);
  expect(second.stdout.match(/ ok .*healthy, no change/g)).toHaveLength(3);
  emus.forEach((e, i) => expect(writesOn(e, before[i])).toEqual([]));
}, 60000);

test('check --json: all three healthy, the token proven by Check Health, reads only', async () => {
  await configuredFleet();
  const before = marks();
  const report = join(dir, 'check.json');
  const r = remember(await bpsetup(['--hosts', hostsFile, '--json', '--report', report, 'check']));
  expect(r.code).toBe(0);
  const json = JSON.parse(r.stdout) as {
    exit: number;
    hosts: { url: string; exit: number; healthy: boolean; tokenProvenBy: string; agentsConnected: number; requests: { writes: number } }[];
  };
  expect(json.exit).toBe(0);
  expect(json.hosts.map((h) => h.url)).toEqual(emus.map((e) => e.url));
  for (const h of json.hosts)
    expect(h).toMatchObject({ exit: 0, healthy: true, tokenProvenBy: 'checkHealth', agentsConnected: 4, requests: { writes: 0 } });
  expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ exit: 0 });
  emus.forEach((e, i) => expect(writesOn(e, before[i])).toEqual([]));
  // Each author its own tenant: nothing across the fleet to say.
  expect((JSON.parse(r.stdout) as { fleet: { problems: unknown[] } }).fleet.problems).toEqual([]);
  expect(json.hosts.map((h) => (h as { tenantUrl?: string }).tenantUrl)).toEqual(TENANTS);
});

test("a fault on one host: reported with the page's explanation, exit 1; the other two stay healthy", async () => {
  await configuredFleet();
  await controlFetch(`${emus[1].url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ agent: { name: 'mp_replication_agent2_default_fleet1', enabled: false } }),
  });
  try {
    const r = remember(await bpsetup(['--hosts', hostsFile, '--json', 'check']));
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { exit: number; hosts: { exit: number; problems?: { title: string; fix: string }[] }[] };
    expect(json.hosts.map((h) => h.exit)).toEqual([0, 1, 0]);
    expect(json.hosts[1].problems).toEqual(
      expect.arrayContaining([
        {
          id: 'agent-disabled-mp_replication_agent2_default_fleet1',
          severity: 'error',
          title: 'Agent mp_replication_agent2_default_fleet1 is disabled',
          fix: 'Enable it: Brand Portal publishing uses all four agents in turn.',
        },
      ]),
    );
    // The table says the same in plain words.
    const table = remember(await bpsetup(['--hosts', hostsFile, 'check']));
    expect(table.code).toBe(1);
    expect(table.stdout).toContain(`${emus[1].url}: Agent mp_replication_agent2_default_fleet1 is disabled\n    Fix: Enable it`);
  } finally {
    await controlFetch(`${emus[1].url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ agent: { name: 'mp_replication_agent2_default_fleet1', enabled: true } }),
    });
  }
});

test('an unreachable author is exit 2 and does not stop the others', async () => {
  await configuredFleet();
  const r = remember(await bpsetup(['--url', emus[0].url, '--url', 'http://127.0.0.1:9', '--json', '--timeout', '20', 'check']));
  expect(r.code).toBe(2);
  const json = JSON.parse(r.stdout) as { hosts: { exit: number; failure?: { title: string } }[] };
  expect(json.hosts[0].exit).toBe(0);
  expect(json.hosts[1]).toMatchObject({ exit: 2, failure: { title: 'The request did not reach AEM' } });
});

test('diagnostics and probe: one report file per author, reads only, nothing secret in them', async () => {
  await configuredFleet();
  const before = marks();
  const out = join(dir, 'reports');
  const diag = remember(await bpsetup(['--hosts', hostsFile, 'diagnostics', '--out-dir', out]));
  expect(diag.code).toBe(0);
  const probe = remember(await bpsetup(['--url', emus[0].url, 'probe', '--out-dir', out]));
  expect(probe.code).toBe(0);
  const files = readdirSync(out).sort();
  expect(files.filter((f) => f.endsWith('-diagnostics.json'))).toHaveLength(3);
  expect(files.filter((f) => f.endsWith('-probe.json'))).toHaveLength(1);
  const report = JSON.parse(readFileSync(join(out, files.find((f) => f.endsWith('-diagnostics.json')) as string), 'utf8')) as {
    report: string;
    agentTests: unknown[];
    cloudConfigurations: { tenantUrl: string }[];
  };
  expect(report.report).toBe('Brand Portal setup diagnostics');
  expect(TENANTS).toContain(report.cloudConfigurations[0].tenantUrl);
  expect(report.agentTests).toHaveLength(4);
  for (const f of files) expect(readFileSync(join(out, f), 'utf8')).not.toContain(SECRET);
  emus.forEach((e, i) => expect(writesOn(e, before[i])).toEqual([]));
});

test('a host that hangs is stopped at --timeout (exit 2); the others are still checked', async () => {
  await configuredFleet();
  await controlFetch(`${emus[2].url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ routes: [{ path: '/', delayMs: 30000 }] }),
  });
  try {
    // 10 s per author: a healthy author's check must fit in it even on a loaded machine (3 s did
    // not, once, with both cores busy); the hanging one answers after 30 s, far outside it.
    const r = remember(await bpsetup(['--hosts', hostsFile, '--json', '--timeout', '10', 'check']));
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout) as { hosts: { exit: number; failure?: { explanation: string } }[] };
    expect(json.hosts.map((h) => h.exit)).toEqual([0, 0, 2]);
    expect(json.hosts[2].failure?.explanation).toBe('The check did not finish within 10 s.');
  } finally {
    await controlFetch(`${emus[2].url}/__emulator/faults`, { method: 'DELETE' });
  }
});

test('a password is never a flag; the secret appears in no output, report or journal', async () => {
  await configuredFleet();
  const r = remember(await bpsetup(['--url', emus[0].url, '--password', 'admin', 'check']));
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('never taken as a flag');
  // A run that touches the secret's configuration and writes a report, whatever ran before.
  const report = join(dir, 'secret-check.json');
  remember(
    await bpsetup(['--hosts', hostsFile, '--report', report, 'setup', '--config', configFile, '--update-secret'], {
      BPSETUP_CLIENT_SECRET_TEST: SECRET,
    }),
  );
  for (const run of runs) {
    expect(run.stdout).not.toContain(SECRET);
    expect(run.stderr).not.toContain(SECRET);
  }
  expect(readFileSync(report, 'utf8')).not.toContain(SECRET);
  for (const emu of emus) expect(JSON.stringify(emu.context.journal.list(0))).not.toContain(SECRET);
});
