/**
 * Exactly one Brand Portal IMS configuration, without timing: two creators start together, one
 * save delayed by the emulator (as a slow author), in every order and for several delays. After
 * both finish exactly one remains, it is the older one when their saves landed in different seconds
 * (jcr:created is rendered to the second), and every creator that saved reports that one: none goes on
 * using a configuration another deleted.
 */
import { NodeTransport } from '../../cli/node-transport';
import { createAemClient } from '../../core/aem/client';
import type { AemTransport } from '../../core/aem/fetch';
import { createAemSession } from '../../core/aem/session';
import { ImsConfigExistsError } from '../../core/errors';
import { brandPortalImsConfigs } from '../../core/domain/ims-detection';
import type { RunningEmulator } from '../../emulator/server';
import { controlFetch, setFaults, startTestEmulator } from '../helpers/emulator';
import { oauthInput } from '../helpers/ims-fixtures';

let emu: RunningEmulator;
let transport: AemTransport;
beforeAll(async () => {
  emu = await startTestEmulator({ faults: true });
  transport = new NodeTransport({
    baseUrl: emu.url,
    credentials: { user: 'admin', password: 'admin' },
    userAgent: 'bpsetup-cli',
  }).forClient();
});
/** One admin's page (or CLI run): a session of its own. */
const admin = () => createAemClient(createAemSession({ transport }));
afterAll(() => emu.close());

const input = oauthInput;

async function delayFirstSave(ms: number): Promise<void> {
  const res = await setFaults(emu.url, { routes: [{ path: '/apps/bpsetup/ims/update', method: 'POST', delayMs: ms, times: 1 }] });
  expect(res.status).toBe(200);
}

async function clear(): Promise<void> {
  await setFaults(emu.url, null);
  await controlFetch(`${emu.url}/__emulator/reset`, { method: 'POST' });
}

test.each([
  [0, 'a first'],
  [300, 'a first'],
  [1100, 'a first'],
  [2000, 'a first'],
  [1100, 'b first'],
  [2000, 'b first'],
])('a save delayed %i ms, %s: exactly one configuration remains, the older', async (delay, order) => {
  await clear();
  await delayFirstSave(delay);
  const [first, second] = order === 'a first' ? ['a', 'b'] : ['b', 'a'];
  const one = admin().createOneImsConfig(input(first), []);
  // With a delay, the second starts once the first's save is on its way, so both pass the "none yet" read.
  if (delay) await new Promise((r) => setTimeout(r, 50));
  const two = admin().createOneImsConfig(input(second), []);
  const settled = await Promise.allSettled([one, two]);
  // A creator that already sees the other's configuration refuses to create (edit it instead): also right.
  for (const s of settled) if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(ImsConfigExistsError);
  const left = brandPortalImsConfigs(await admin().listImsConfigs(), []).configs;
  expect(left).toHaveLength(1);
  const results = settled.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
  for (const r of results) if (r) expect(r.id).toBe(left[0].id);
  // The one whose own configuration is not the one left says it gave way.
  for (const [i, r] of results.entries()) if (r) expect(r.gaveWay).toBe(left[0].clientId !== `client-${i === 0 ? first : second}`);
  // The delayed save landed later: its configuration is the newer one and gave way.
  if (delay >= 1100) {
    expect(left[0].clientId).toBe(`client-${second}`);
    expect(results.map((r) => r?.gaveWay)).toEqual([true, false]);
  }
});
