/**
 * The package's settings-writers read, twice: compiled from ui.apps by Apache Jasper and run in the
 * embedded Tomcat harness (access lists as getEffectivePolicies gives them), and as the emulator
 * serves it. Both must answer alike: administrators only, every entry of the lists on the settings
 * and their ancestors, each principal's kind (user, group, or no such authorizable), writes refused.
 */
import { SETTINGS_WRITERS_SCRIPT } from '../../core/contract/aem-names';
import { otherWriters } from '../../core/domain/settings-writers';
import type { RunningEmulator } from '../../emulator/server';
import { loggedIn, startTestEmulator } from '../helpers/emulator';
import { type RunningHarness, startJspHarness } from '../helpers/jsp-harness';

const ADMIN = { id: 'admin', password: 'admin', admin: true };
const AUTHOR = { id: 'author', password: 'author-pass', admin: false };
/** A user who edits templates, and the group that may write all of /conf (a common grant on AEM). */
const EDITOR = { id: 'conf-editor', password: 'editor-pass', admin: false };

/** The package's rule on /conf/bpsetup, then two grants on /conf: a group's and a user's own. */
const ACES = [
  {
    path: '/conf/bpsetup',
    principal: 'everyone',
    kind: 'none' as const,
    allow: false,
    privileges: ['rep:write', 'jcr:modifyAccessControl', 'jcr:lockManagement', 'jcr:versionManagement'],
  },
  { path: '/conf/bpsetup', principal: 'administrators', kind: 'group' as const, allow: true, privileges: ['jcr:all'] },
  { path: '/conf', principal: 'conf-writers', kind: 'group' as const, allow: true, privileges: ['jcr:read', 'rep:write'] },
  { path: '/conf', principal: EDITOR.id, kind: 'user' as const, allow: true, privileges: ['rep:write'] },
];

let emu: RunningEmulator;
let jsp: RunningHarness;

beforeAll(async () => {
  emu = await startTestEmulator({
    users: [
      { user: AUTHOR.id, password: AUTHOR.password, groups: ['conf-writers'] },
      { user: EDITOR.id, password: EDITOR.password },
    ],
  });
  emu.context.repo.change((tx) => {
    tx.setProps('/conf/rep:policy', { 'jcr:primaryType': 'rep:ACL' });
    ACES.filter((a) => a.path === '/conf').forEach((a, i) =>
      tx.setProps(`/conf/rep:policy/allow${i || ''}`, {
        'jcr:primaryType': 'rep:GrantACE',
        'rep:principalName': a.principal,
        'rep:privileges': a.privileges,
      }),
    );
  });
  jsp = await startJspHarness([ADMIN, AUTHOR, EDITOR], [], {
    nodes: SETTINGS_WRITERS_SCRIPT.paths.slice(),
    aces: ACES,
  });
}, 60000);
afterAll(async () => {
  await jsp?.close();
  await emu?.close();
});

async function ask(base: string, user: { id: string; password: string }, method = 'GET'): Promise<{ status: number; body: unknown }> {
  const emulated = base === emu.url;
  const session = emulated ? await loggedIn(emu.url, user.id, user.password) : undefined;
  const headers: Record<string, string> = session
    ? { Cookie: session.cookie, ...(method === 'POST' && { 'CSRF-Token': await session.csrfToken() }) }
    : { Authorization: `Basic ${Buffer.from(`${user.id}:${user.password}`).toString('base64')}` };
  const res = await fetch(`${base}${SETTINGS_WRITERS_SCRIPT.node}.json`, { method, headers, redirect: 'manual' });
  return { status: res.status, body: await res.json() };
}

test('administrators get every entry of the effective lists, each principal with its kind; the emulator answers the same', async () => {
  const real = await ask(jsp.url, ADMIN);
  expect(real).toEqual({
    status: 200,
    body: {
      entries: ACES.map(({ kind, ...a }) => ({ ...a, group: kind === 'none' ? null : kind === 'group' })),
    },
  });
  expect(await ask(emu.url, ADMIN)).toEqual(real);
  // The user's own grant is the one that beats the package's deny; the group's is stopped by it.
  expect(otherWriters((real.body as { entries: Parameters<typeof otherWriters>[0] }).entries)).toEqual(['conf-editor (/conf)']);
});

test('others may not read access lists (403); nothing writes through the script (405)', async () => {
  const refused = { status: 403, body: { error: 'not-administrator', message: 'Only members of administrators may read access lists.' } };
  expect(await ask(jsp.url, AUTHOR)).toEqual(refused);
  expect(await ask(emu.url, AUTHOR)).toEqual(refused);
  const post = { status: 405, body: { error: 'method-not-allowed', message: 'The settings-writers read answers GET only.' } };
  expect(await ask(jsp.url, ADMIN, 'POST')).toEqual(post);
  expect(await ask(emu.url, ADMIN, 'POST')).toEqual(post);
});
