/**
 * Every path is canonical before any rule runs, and no path reaches an object prototype: the
 * emulator's own secrets stay unserved however the path is spelled, and prototype-named segments
 * answer 404 without touching Object.prototype.
 */
import type { RunningEmulator } from '../../emulator/server';
import { canonicalPath } from '../../emulator/request-path';
import { type Client, loggedIn, startTestEmulator } from '../helpers/emulator';

let emu: RunningEmulator;
let c: Client;
beforeAll(async () => {
  emu = await startTestEmulator();
  c = await loggedIn(emu.url);
});
afterAll(() => emu.close());

test('canonical form: slashes collapsed, dot segments resolved, percent-decoding once', () => {
  expect(canonicalPath('/var//emulator/crypto.json')).toBe('/var/emulator/crypto.json');
  expect(canonicalPath('/var/./emulator/../emulator/crypto.json')).toBe('/var/emulator/crypto.json');
  expect(canonicalPath('/var/%65mulator/crypto.json')).toBe('/var/emulator/crypto.json');
  expect(canonicalPath('/crx/packmgr/service/.json/')).toBe('/crx/packmgr/service/.json/');
  expect(canonicalPath('/a%2Fb')).toBeUndefined();
  expect(canonicalPath('/%E0%A4%A')).toBeUndefined();
  expect(canonicalPath('/__proto__.json')).toBeUndefined();
  expect(canonicalPath('/apps/constructor/x')).toBeUndefined();
});

test.each([
  '/var//emulator/crypto.json',
  '/var/./emulator/crypto.json',
  '/var/%65mulator/crypto.json',
  '/var/x/../emulator/crypto.json',
  '//var/emulator.infinity.json',
  '/var%2femulator/crypto.json',
])('%s never serves the master key', async (path) => {
  const res = await fetch(`${emu.url}${path}`, { headers: { Cookie: c.cookie } });
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(await res.text()).not.toContain('masterKey');
});

test.each([
  '/__proto__.json',
  '/constructor.json',
  '/prototype.json',
  '/apps/__proto__.json',
  '/apps/__proto__/x.1.json',
  '/%5F%5Fproto%5F%5F.json',
])('%s answers 404', async (path) => {
  expect((await c.get(path)).status).toBe(404);
});

test('prototype-named writes are refused and pollute nothing', async () => {
  expect((await c.write('/apps/__proto__', new URLSearchParams({ polluted: 'yes' }))).status).toBe(404);
  expect(
    (
      await c.write(
        '/apps/bpsetup/safe',
        new URLSearchParams([
          ['__proto__', 'x'],
          ['constructor', 'y'],
        ]),
      )
    ).status,
  ).toBe(500);
  const probe: Record<string, unknown> = {};
  expect(probe.polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  // The server keeps serving.
  expect((await c.get('/apps/bpsetup.json')).status).toBe(200);
});
