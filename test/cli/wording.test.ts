/**
 * What the CLI says, as CI reads it: wrong credentials are "AUTH FAILED", not "UNREACHABLE"; a
 * host with problems or not checked is marked ✖ in the progress lines, never ✔; fixes never name
 * the page's step numbers; an AEM that cannot use OAuth is named as the blocker; AEM's default
 * password, an ordinary word, does not rewrite paths in the report.
 */
import type { RunningEmulator } from '../../emulator/server';
import { bpsetup } from '../helpers/cli';
import { startTestEmulator } from '../helpers/emulator';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ productVersion: '6.5.17.0' });
});
afterAll(() => emu.close());

test('wrong credentials: AUTH FAILED in the table, ✖ in the progress lines, exit 2', async () => {
  const run = await bpsetup(['--url', emu.url, 'check'], { AEM_PASSWORD: 'not-the-password' });
  expect(run.code).toBe(2);
  expect(run.stdout).toMatch(/AUTH FAILED/);
  expect(run.stdout).not.toMatch(/UNREACHABLE/);
  expect(`${run.stdout}${run.stderr}`).toContain('✖');
  expect(`${run.stdout}${run.stderr}`).not.toContain('✔');
});

test('6.5.17 without OAuth: the blocker is a problem; no fix names a page step number; paths are not masked', async () => {
  const run = await bpsetup(['--url', emu.url, 'check', '--json']);
  expect(run.code).toBe(1);
  const host = (JSON.parse(run.stdout) as { hosts: { problems: { id: string; title: string; fix: string }[] }[] }).hosts[0];
  const blocker = host.problems.find((p) => p.id === 'oauth-blocker');
  expect(blocker?.title).toContain("AEM 6.5.17.0 can use OAuth Server-to-Server only with Adobe's IMS compatibility hotfix");
  for (const p of host.problems) expect(`${p.title} ${p.fix}`).not.toMatch(/\bsteps? \d/i);
  const human = await bpsetup(['--url', emu.url, 'check']);
  expect(human.stdout).toContain('PROBLEMS');
  expect(`${human.stdout}${human.stderr}`).toContain('✖');
});

test('AEM_PASSWORD=admin is never used to rewrite text: the probe report keeps AEM paths whole', async () => {
  const run = await bpsetup(['--url', emu.url, 'probe', '--json']);
  expect(run.stdout).toContain('/components/admin/datasources/');
  expect(run.stdout).not.toContain('[masked]/datasources');
});
