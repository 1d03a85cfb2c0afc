/**
 * Who may steer the page's addresses: the package's access rule on /conf/bpsetup lets only
 * administrators write the settings, even a user whose group may write the rest of /conf; the rule
 * is hidden from non-administrators; and with the rule gone, an override someone else wrote is
 * reported by the CLI as not applied, and nothing is sent to the address it names.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEmulator } from '../../emulator/server';
import { bpsetup } from '../helpers/cli';
import { loggedIn, startTestEmulator } from '../helpers/emulator';
import { tempDir } from '../helpers/temp';
import { aclPackage } from '../helpers/packages';

const WRITER = { user: 'templates', password: 'tmpl-pass-1', groups: ['conf-writers'] };
const READER = { user: 'reader', password: 'reader-pass-1' };
/** A user (not a group) granted writing on /conf by an entry of their own. */
const EDITOR = { user: 'conf-editor', password: 'editor-pass-1' };
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startTestEmulator({ users: [WRITER, READER, EDITOR] });
  // A common grant on AEM: a group that edits templates may write everything under /conf.
  await installAcl('/conf', 'conf-writers', ['jcr:read', 'rep:write']);
});

async function installAcl(path: string, principal: string, privileges: string[]): Promise<void> {
  const admin = await loggedIn(emu.url);
  const form = new FormData();
  form.set('package', new Blob([new Uint8Array(await aclPackage(path, principal, privileges))]), `acl-${principal}.zip`);
  const uploaded = (await (await admin.write('/crx/packmgr/service/.json/?cmd=upload', form)).json()) as { path: string };
  const installed = await admin.write(`/crx/packmgr/service/.json${uploaded.path}?cmd=install`, '');
  expect(await installed.json()).toMatchObject({ success: true });
}
afterAll(() => emu.close());

const override = { imsConfigList: '/content/attacker/list.1.json' };

test('a user whose group may write /conf may not write the settings that steer addresses', async () => {
  const writer = await loggedIn(emu.url, WRITER.user, WRITER.password);
  const elsewhere = await writer.write('/conf/templates-team/settings', new URLSearchParams({ note: 'mine' }));
  expect(elsewhere.status).toBe(201);
  const steer = await writer.write('/conf/bpsetup/settings/endpoints', new URLSearchParams(override));
  expect(steer.status).toBe(500);
  expect(await steer.text()).toContain('AccessDeniedException');
  // Nor may the group change the rule itself.
  const unlock = await writer.write('/conf/bpsetup/rep:policy', new URLSearchParams({ ':operation': 'delete' }));
  expect(unlock.status).toBe(500);
  const admin = await loggedIn(emu.url);
  const settings = (await (await admin.get('/conf/bpsetup/settings/endpoints.json')).json()) as Record<string, unknown>;
  expect(settings).not.toHaveProperty('imsConfigList');
});

test('the rule is readable by administrators only', async () => {
  const admin = await loggedIn(emu.url);
  const rule = (await (await admin.get('/conf/bpsetup/rep:policy.1.json')).json()) as Record<string, Record<string, unknown>>;
  expect(rule['jcr:primaryType']).toBe('rep:ACL');
  expect(rule.deny).toMatchObject({ 'rep:principalName': 'everyone', 'jcr:primaryType': 'rep:DenyACE' });
  const reader = await loggedIn(emu.url, READER.user, READER.password);
  expect((await reader.get('/conf/bpsetup/rep:policy.1.json')).status).toBe(404);
  expect(Object.keys((await (await reader.get('/conf/bpsetup.1.json')).json()) as object)).not.toContain('rep:policy');
});

test("a user granted writing /conf by an entry of their own beats the package's deny: their override is not applied, and check names them", async () => {
  // An entry of the user's own beside the group's on /conf (as the useradmin's permissions tab writes it).
  emu.context.repo.change((tx) =>
    tx.setProps('/conf/rep:policy/allow-editor', {
      'jcr:primaryType': 'rep:GrantACE',
      'rep:principalName': EDITOR.user,
      'rep:privileges': ['jcr:read', 'rep:write'],
    }),
  );
  try {
    // Oak evaluates a user's own entries before any group's: the deny for everyone does not stop this one.
    const editor = await loggedIn(emu.url, EDITOR.user, EDITOR.password);
    expect((await editor.write('/conf/bpsetup/settings/endpoints', new URLSearchParams(override))).status).toBeLessThan(300);
    const since = emu.context.journal.lastSeq;
    const run = await bpsetup(['--url', emu.url, '--json', 'check']);
    const [host] = (JSON.parse(run.stdout) as { hosts: { addressOverrides?: unknown }[] }).hosts;
    expect(host.addressOverrides).toEqual({
      applied: [],
      refused: [],
      notApplied: { endpoints: ['imsConfigList'], why: 'other-writers', writers: ['conf-editor (/conf)'] },
    });
    expect(emu.context.journal.list(since).map((r) => r.path)).not.toContainEqual(expect.stringContaining('/content/attacker'));
    const table = await bpsetup(['--url', emu.url, 'check']);
    expect(table.stdout).toContain(
      'address overrides not applied (users other than administrators may write them: conf-editor (/conf)): imsConfigList',
    );
  } finally {
    // The next test starts from the group grant alone.
    emu.context.repo.change((tx) => tx.remove('/conf/rep:policy/allow-editor'));
    const admin = await loggedIn(emu.url);
    expect((await admin.write('/conf/bpsetup/settings/endpoints', new URLSearchParams({ 'imsConfigList@Delete': '' }))).status).toBe(200);
  }
});

test('with the rule gone, an override a non-administrator wrote is not applied and is reported', async () => {
  const admin = await loggedIn(emu.url);
  expect((await admin.write('/conf/bpsetup/rep:policy', new URLSearchParams({ ':operation': 'delete' }))).status).toBe(200);
  const writer = await loggedIn(emu.url, WRITER.user, WRITER.password);
  expect((await writer.write('/conf/bpsetup/settings/endpoints', new URLSearchParams(override))).status).toBe(200);

  const since = emu.context.journal.lastSeq;
  const out = tempDir('rule-');
  const run = await bpsetup(['--url', emu.url, 'diagnostics', '--out-dir', out]);
  expect(run.code).toBe(0);
  const report = JSON.parse(readFileSync(join(out, readdirSync(out)[0]), 'utf8')) as { addressOverrides: unknown };
  expect(report.addressOverrides).toEqual({ applied: [], refused: [], notApplied: { endpoints: ['imsConfigList'], why: 'rule-missing' } });
  expect(emu.context.journal.list(since).map((r) => r.path)).not.toContainEqual(expect.stringContaining('/content/attacker'));
});
