/**
 * Two `bpsetup setup` runs against one empty author, the second started 0 to 2.5 s after the
 * first: every round ends with one IMS configuration and every reference pointing at it (the
 * cloud service, the agents), so `check` finds nothing wrong.
 */
import { brandPortalImsConfigs } from '../../core/domain/ims-detection';
import { createAemClient } from '../../core/aem/client';
import { createAemSession } from '../../core/aem/session';
import { NodeTransport } from '../../cli/node-transport';
import type { RunningEmulator } from '../../emulator/server';
import { bpsetup, writeSetupJson } from '../helpers/cli';
import { controlFetch, startTestEmulator } from '../helpers/emulator';
import { credentialAndTenant } from '../helpers/brand-portal-fixtures';
import { ORG } from '../helpers/ims-fixtures';
import { roundNumbers, rounds } from '../helpers/rounds';
import { tempDir } from '../helpers/temp';

const CLIENT_ID = 'c33b1c2d3e4f5a6b7c8d9e0f1a2b3c4d';
const SECRET = 'p8e-race-secret-2718';
const TENANT = 'https://race.brand-portal.adobe.com';
const dir = tempDir('race-');
let emu: RunningEmulator;
let config: string;

beforeAll(async () => {
  emu = await startTestEmulator({ agentDelayMs: 100 });
  config = writeSetupJson(dir, { clientId: CLIENT_ID, orgId: ORG, tenantUrl: TENANT });
});
afterAll(() => emu.close());

const N = rounds(2, 20);
test.each(roundNumbers(N))(
  'round %i: two setups close together end with one configuration and every reference on it',
  async (round) => {
    await controlFetch(`${emu.url}/__emulator/reset?demo=false`, { method: 'POST' });
    await credentialAndTenant(emu.url, CLIENT_ID, SECRET, TENANT);
    const gap = N === 1 ? 0 : Math.round((2500 * round) / (N - 1));
    const run = () => bpsetup(['--url', emu.url, '--json', 'setup', '--config', config], { BPSETUP_CLIENT_SECRET: SECRET });
    const first = run();
    await new Promise((r) => setTimeout(r, gap));
    const runs = await Promise.all([first, run()]);
    const client = createAemClient(
      createAemSession({
        transport: new NodeTransport({ baseUrl: emu.url, credentials: { user: 'admin', password: 'admin' } }).forClient(),
      }),
    );
    const left = brandPortalImsConfigs(await client.listImsConfigs(), []).configs;
    const check = await bpsetup(['--url', emu.url, '--json', 'check']);
    const host = (JSON.parse(check.stdout) as { hosts: { exit: number; problems?: { id: string; title: string }[] }[] }).hosts[0];
    expect({
      gap,
      configs: left.length,
      exits: runs.map((r) => r.code),
      // A run that failed says why here.
      failed: runs.filter((r) => r.code).map((r) => r.stdout.slice(0, 2000)),
      check: host.exit,
      problems: host.problems?.map((p) => p.title),
    }).toEqual({
      gap,
      configs: 1,
      exits: [0, 0],
      failed: [],
      check: 0,
      problems: [],
    });
  },
  60000,
);
