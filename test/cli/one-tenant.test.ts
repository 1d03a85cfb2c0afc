/**
 * One Brand Portal tenant per author (Adobe: an author "shall only be configured with one Brand
 * Portal tenant"; one tenant on two authors breaks asset contribution): `check` across two authors
 * on one tenant is a problem (exit 1), unless Sling shows they are one cluster (each lists the
 * other in /var/discovery/oak/clusterInstances); `setup` refuses to put one tenant on two authors
 * before it sends anything, unless --shared-tenant says they are one cluster.
 */
import type { RunningEmulator } from '../../emulator/server';
import { bpsetup, writeSetupJson } from '../helpers/cli';
import { startTestEmulator } from '../helpers/emulator';
import { credentialAndTenant, finishedSetup } from '../helpers/brand-portal-fixtures';
import { ORG } from '../helpers/ims-fixtures';
import { tempDir } from '../helpers/temp';

const CLIENT_ID = 'c22b1c2d3e4f5a6b7c8d9e0f1a2b3c4d';
const SECRET = 'p8e-one-tenant-secret-4411';
const TENANT = 'https://shared.brand-portal.adobe.com';
const dir = tempDir('one-tenant-');
let staging: RunningEmulator;
let production: RunningEmulator;
/** Two authors of one cluster: each lists the other, as Oak discovery does in their shared repository. */
let cluster: RunningEmulator[];

interface Report {
  exit: number;
  fleet: { problems: { id: string; severity: string; title: string; fix: string; hosts: string[] }[] };
  hosts: { exit: number; instance?: { slingId?: string; clusterInstances?: string[] } }[];
}

beforeAll(async () => {
  [staging, production, ...cluster] = await Promise.all([
    startTestEmulator({ slingId: 'stage-0000' }),
    startTestEmulator({ slingId: 'prod-0000' }),
    startTestEmulator({ slingId: 'node-a', clusterPeers: ['node-b'] }),
    startTestEmulator({ slingId: 'node-b', clusterPeers: ['node-a'] }),
  ]);
  for (const emu of [staging, production, ...cluster]) await credentialAndTenant(emu.url, CLIENT_ID, SECRET, TENANT);
  for (const emu of [staging, production]) await finishedSetup(emu.url, CLIENT_ID, SECRET, TENANT);
}, 60000);
afterAll(() => Promise.all([staging, production, ...cluster].map((e) => e.close())));

test('check: one tenant on two separate authors is a problem naming both (exit 1), each author healthy on its own', async () => {
  const r = await bpsetup(['--url', staging.url, '--url', production.url, '--json', 'check']);
  const report = JSON.parse(r.stdout) as Report;
  expect([r.code, report.exit, report.hosts.map((h) => h.exit)]).toEqual([1, 1, [0, 0]]);
  expect(report.hosts.map((h) => h.instance)).toEqual([
    { slingId: 'stage-0000', clusterInstances: ['stage-0000'] },
    { slingId: 'prod-0000', clusterInstances: ['prod-0000'] },
  ]);
  expect(report.fleet.problems).toEqual([
    expect.objectContaining({
      id: `tenant-shared-${TENANT}`,
      severity: 'error',
      title: `The tenant ${TENANT} is configured on 2 authors: ${staging.url}, ${production.url}`,
      hosts: [staging.url, production.url],
    }),
  ]);
  const table = await bpsetup(['--url', staging.url, '--url', production.url, 'check']);
  expect(table.code).toBe(1);
  expect(table.stdout).toContain(`fleet (2 authors): The tenant ${TENANT} is configured on 2 authors`);
});

test('setup refuses one tenant for two authors before sending anything; with --shared-tenant a cluster is set up, and check counts it once', async () => {
  const config = writeSetupJson(dir, { clientId: CLIENT_ID, orgId: ORG, tenantUrl: TENANT });
  const urls = cluster.flatMap((e) => ['--url', e.url]);
  const seen = cluster.map((e) => e.context.journal.lastSeq);
  const refused = await bpsetup([...urls, 'setup', '--config', config], { BPSETUP_CLIENT_SECRET: SECRET });
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain(`${TENANT} would be the tenant of 2 authors (${cluster[0].url}, ${cluster[1].url})`);
  expect(refused.stderr).toContain('--shared-tenant');
  cluster.forEach((e, i) => expect(e.context.journal.list(seen[i])).toEqual([]));

  const shared = await bpsetup([...urls, '--json', 'setup', '--config', config, '--shared-tenant'], {
    BPSETUP_CLIENT_SECRET: SECRET,
  });
  const report = JSON.parse(shared.stdout) as Report;
  expect([shared.code, report.hosts.map((h) => h.exit), report.fleet.problems]).toEqual([0, [0, 0], []]);
  const check = await bpsetup([...urls, '--json', 'check']);
  expect([check.code, (JSON.parse(check.stdout) as Report).fleet.problems]).toEqual([0, []]);
  expect(shared.stdout).not.toContain(SECRET);
});
