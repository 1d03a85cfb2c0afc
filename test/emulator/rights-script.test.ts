/**
 * The package's rights preflight, twice: the compiled JSP in the harness (a repository with
 * per-user grants) and the emulator (access lists installed by a package, as Oak evaluates them).
 * Both answer alike: read + replicate only (the case Adobe says fails), full rights, an
 * administrator, an unreadable or missing folder, a bad path, and POST refused.
 */
import { RIGHTS_SCRIPT } from '../../core/contract/aem-names';
import type { RunningEmulator } from '../../emulator/server';
import { type Client, loggedIn, startTestEmulator } from '../helpers/emulator';
import { type RunningHarness, startJspHarness } from '../helpers/jsp-harness';
import { aclPackage } from '../helpers/packages';

const FOLDER = '/content/dam/brand';
const ADMIN = { id: 'admin', password: 'admin', admin: true };
const HALF = { id: 'half', password: 'half-pass-1', admin: false };
const FULL = { id: 'full', password: 'full-pass-1', admin: false };
const basic = (u: { id: string; password: string }) => `Basic ${Buffer.from(`${u.id}:${u.password}`).toString('base64')}`;

let emu: RunningEmulator;
let jsp: RunningHarness;

async function install(admin: Client, path: string, principal: string, privileges: string[]): Promise<void> {
  const form = new FormData();
  form.set('package', new Blob([new Uint8Array(await aclPackage(path, principal, privileges))]), 'acl.zip');
  const uploaded = (await (await admin.write('/crx/packmgr/service/.json/?cmd=upload', form)).json()) as { path: string };
  expect(await (await admin.write(`/crx/packmgr/service/.json${uploaded.path}?cmd=install`, '')).json()).toMatchObject({ success: true });
}

beforeAll(async () => {
  emu = await startTestEmulator({ users: [HALF, FULL].map((u) => ({ user: u.id, password: u.password })) });
  const admin = await loggedIn(emu.url);
  expect((await admin.write(FOLDER, new URLSearchParams({ 'jcr:primaryType': 'sling:OrderedFolder' }))).status).toBeLessThan(300);
  await install(admin, FOLDER, HALF.id, ['jcr:read', 'crx:replicate']);
  await install(admin, '/content/dam', FULL.id, ['jcr:read', 'rep:write', 'crx:replicate']);
  jsp = await startJspHarness([ADMIN, HALF, FULL], [], {
    nodes: [FOLDER],
    grants: [
      { user: HALF.id, path: FOLDER, privileges: ['jcr:read', 'crx:replicate'] },
      { user: FULL.id, path: '/content/dam', privileges: ['jcr:read', 'jcr:addChildNodes', 'jcr:modifyProperties', 'crx:replicate'] },
    ],
  });
}, 60000);
afterAll(async () => {
  await jsp?.close();
  await emu?.close();
});

async function both(query: string, user: { id: string; password: string }) {
  const ask = async (base: string) => {
    const res = await fetch(`${base}${RIGHTS_SCRIPT.node}.json${query}`, {
      headers: { Authorization: basic(user) },
      redirect: 'manual',
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return [await ask(jsp.url), await ask(emu.url)] as const;
}

const q = (path: string) => `?path=${encodeURIComponent(path)}`;

test('read and replicate only: create and modify refused, the combination that fails to publish', async () => {
  const [real, emulated] = await both(q(FOLDER), HALF);
  expect(real).toEqual({
    status: 200,
    body: {
      path: FOLDER,
      user: HALF.id,
      privileges: { 'jcr:read': true, 'jcr:addChildNodes': false, 'jcr:modifyProperties': false, 'crx:replicate': true },
    },
  });
  expect(emulated).toEqual(real);
});

test('rights granted higher up are inherited; an administrator holds all four; a trailing slash is the same folder', async () => {
  for (const user of [FULL, ADMIN]) {
    const [real, emulated] = await both(q(`${FOLDER}/`), user);
    expect(real.body).toEqual({
      path: FOLDER,
      user: user.id,
      privileges: Object.fromEntries(RIGHTS_SCRIPT.privileges.map((p) => [p, true])),
    });
    expect(emulated).toEqual(real);
  }
});

test('a folder the user may not read looks like no folder at all; a bad path is refused; POST writes nothing', async () => {
  const [hidden, emulatedHidden] = await both(q('/content/dam'), HALF);
  expect(hidden).toEqual({
    status: 404,
    body: { error: 'not-found', path: '/content/dam', message: expect.stringContaining('may not read') },
  });
  expect(emulatedHidden).toEqual(hidden);
  const [missing, emulatedMissing] = await both(q('/content/dam/nothing-here'), ADMIN);
  expect(missing.status).toBe(404);
  expect(emulatedMissing).toEqual(missing);
  for (const bad of ['', q('content/dam'), q('/content/../etc')]) {
    const [real, emulated] = await both(bad, ADMIN);
    expect(real.status).toBe(400);
    expect(emulated).toEqual(real);
  }
  // A path the repository cannot parse is the asker's mistake (400), not an uncaught 500.
  for (const malformed of ['/content/dam/a[1]', '/content/dam/unknownprefix:x', '/content/dam/a|b']) {
    const [real, emulated] = await both(q(malformed), ADMIN);
    expect(real).toEqual({
      status: 400,
      body: { error: 'bad-path', path: malformed, message: expect.stringContaining('not a repository path') },
    });
    expect(emulated).toEqual(real);
  }
  const real = await fetch(`${jsp.url}${RIGHTS_SCRIPT.node}.json${q(FOLDER)}`, {
    method: 'POST',
    headers: { Authorization: basic(ADMIN) },
  });
  const refused = { error: 'method-not-allowed', message: 'The rights preflight answers GET only.' };
  expect({ status: real.status, body: await real.json() }).toEqual({ status: 405, body: refused });
  // AEM's CSRF filter runs before the script: the emulator's POST carries a session's token.
  const emulated = await (await loggedIn(emu.url)).write(`${RIGHTS_SCRIPT.node}.json${q(FOLDER)}`, new URLSearchParams({ x: '1' }));
  expect({ status: emulated.status, body: await emulated.json() }).toEqual({ status: 405, body: refused });
});
