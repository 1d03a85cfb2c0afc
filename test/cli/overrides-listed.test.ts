/**
 * `check` says what steers its reads: the settings' address overrides in force (JSON and table),
 * and those it did not apply because the access rule that keeps them administrators-only is gone.
 */
import { POLICY_NODE } from '../../core/domain/access-rule';
import { ENDPOINTS } from '../../core/contract/endpoints';
import type { RunningEmulator } from '../../emulator/server';
import { bpsetup } from '../helpers/cli';
import { startTestEmulator } from '../helpers/emulator';

let emu: RunningEmulator;
const OVERRIDE = '/apps/bpsetup/unverified/ims-public-key.crt';
beforeAll(async () => {
  emu = await startTestEmulator();
  // A public-key address override in the settings, as an administrator writes it after the probe.
  emu.context.repo.change((tx) => tx.setProps(`${ENDPOINTS.settings.defaultPath}/endpoints`, { publicKey: OVERRIDE }));
});
afterAll(() => emu.close());

interface Report {
  hosts: {
    addressOverrides?: {
      applied: { endpoint: string; path: string; shipped: string }[];
      notApplied?: { endpoints: string[]; why: string };
    };
  }[];
}

test('the overrides in force are listed in the JSON report and the table', async () => {
  const json = await bpsetup(['--url', emu.url, '--json', 'check']);
  const [host] = (JSON.parse(json.stdout) as Report).hosts;
  expect(host.addressOverrides?.applied).toEqual([{ endpoint: 'publicKey', path: OVERRIDE, shipped: ENDPOINTS.publicKey.defaultPath }]);
  expect(host.addressOverrides?.notApplied).toBeUndefined();
  const table = await bpsetup(['--url', emu.url, 'check']);
  expect(table.stdout).toContain(
    `${emu.url}: address override in force: publicKey = ${OVERRIDE} (shipped: ${ENDPOINTS.publicKey.defaultPath})`,
  );
});

test('without the access rule the overrides are not applied, and check says so', async () => {
  const rule = ENDPOINTS.settingsAccessRule.defaultPath;
  expect(rule.endsWith(`/${POLICY_NODE}`)).toBe(true);
  emu.context.repo.change((tx) => tx.remove(rule));
  const json = await bpsetup(['--url', emu.url, '--json', 'check']);
  const [host] = (JSON.parse(json.stdout) as Report).hosts;
  expect(host.addressOverrides).toMatchObject({ applied: [], notApplied: { endpoints: ['publicKey'], why: 'rule-missing' } });
  const table = await bpsetup(['--url', emu.url, 'check']);
  expect(table.stdout).toContain(
    `${emu.url}: address overrides not applied (the package's access rule on them is missing or changed): publicKey`,
  );
});
