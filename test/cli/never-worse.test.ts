/**
 * `bpsetup setup` never makes a working author worse: what the page only warns about (a client
 * ID that is not 32 hexadecimal characters) stops it before anything is sent; `--dry-run` shows
 * an update property by property; and a working configuration is updated only once the new
 * values got a token in a candidate configuration, which is deleted on every path.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEmulator } from '../../emulator/server';
import { bpsetup } from '../helpers/cli';
import { setFaults } from '../helpers/emulator';
import { ORG, TECH, registerOauthCredential } from '../helpers/ims-fixtures';
import { connectedAuthor, credentialAndTenant, finishedSetup, registerTenant } from '../helpers/brand-portal-fixtures';
import { readPackage } from '../../emulator/package-install';
import { createAgents } from '../../emulator/brand-portal';
import { startTestEmulator } from '../helpers/emulator';
import { tempDir } from '../helpers/temp';

const WORKING_ID = 'a0a1a2a3a4a5a6a7a8a9aaabacadaeaf';
const SECRET = 'p8e-working-secret-4410';
const TENANT = 'https://steady.brand-portal.adobe.com';
const dir = tempDir('never-worse-');
let emu: RunningEmulator;

const configFile = (clientId: string, secretEnv = 'BPSETUP_CLIENT_SECRET_TEST', tenantUrl = TENANT) => {
  const file = join(dir, `${clientId.replace(/\W/g, '_')}-${tenantUrl.replace(/\W/g, '_')}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      clientId,
      orgId: ORG,
      technicalAccountId: TECH,
      scopes: ['openid', 'AdobeID'],
      tenantUrl,
      clientSecretEnv: secretEnv,
    }),
  );
  return file;
};
const imsConfigs = () =>
  Object.keys(emu.context.repo.get('/apps/system/config')?.children ?? {}).filter((n) =>
    n.startsWith('com.adobe.granite.auth.oauth.accesstoken.provider'),
  );
const storedClientIds = () =>
  imsConfigs().map(
    (n) => /auth\.token\.provider\.client\.id="([^"]*)"/.exec(emu.context.repo.readFile(`/apps/system/config/${n}`)?.toString() ?? '')?.[1],
  );
const writesSince = (seq: number) => emu.context.journal.list(seq).filter((r) => r.write);

beforeAll(async () => {
  emu = await connectedAuthor({ faults: true, agentDelayMs: 0 }, WORKING_ID, SECRET, TENANT);
}, 60000);
afterAll(() => emu.close());

test('a client ID the page only warns about stops the CLI before anything is sent', async () => {
  const since = emu.context.journal.lastSeq;
  const r = await bpsetup(['--url', emu.url, 'setup', '--config', configFile('a0a1a2a3a4a5')], { BPSETUP_CLIENT_SECRET_TEST: SECRET });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('clientId: Client IDs are usually 32 lowercase hexadecimal characters');
  expect(emu.context.journal.list(since)).toEqual([]);
});

test.each(['acme.brandportal.adobe.com', 'https://www.example.com'])(
  'a tenant outside *.brand-portal.adobe.com (%s) stops setup before anything is sent, unless --confirm-tenant',
  async (tenant) => {
    const since = emu.context.journal.lastSeq;
    const file = configFile(WORKING_ID, 'BPSETUP_CLIENT_SECRET_TEST', tenant);
    const refused = await bpsetup(['--url', emu.url, 'setup', '--config', file], { BPSETUP_CLIENT_SECRET_TEST: SECRET });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not a *.brand-portal.adobe.com address');
    expect(refused.stderr).toContain('--confirm-tenant');
    expect(emu.context.journal.list(since)).toEqual([]);
    // Confirmed, the file is taken; this author's own rule (one tenant, never replaced) then speaks.
    const confirmed = await bpsetup(['--url', emu.url, '--json', 'setup', '--config', file, '--confirm-tenant', '--dry-run'], {
      BPSETUP_CLIENT_SECRET_TEST: SECRET,
    });
    expect(confirmed.stderr).not.toContain('is not a *.brand-portal.adobe.com address');
    expect(JSON.stringify(JSON.parse(confirmed.stdout))).toContain('This author publishes to https://steady.brand-portal.adobe.com');
    expect(emu.context.journal.list(since).filter((r) => r.write)).toEqual([]);
  },
);

test('a client ID the page refuses stops the CLI with the same words', async () => {
  const since = emu.context.journal.lastSeq;
  const r = await bpsetup(['--url', emu.url, 'setup', '--config', configFile('not-a-client-id')], { BPSETUP_CLIENT_SECRET_TEST: SECRET });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('clientId: A client ID has letters and digits only');
  expect(emu.context.journal.list(since)).toEqual([]);
});

test('--dry-run shows what an update would change, property by property, and sends no write', async () => {
  const since = emu.context.journal.lastSeq;
  const other = 'b0b1b2b3b4b5b6b7b8b9babbbcbdbebf';
  const r = await bpsetup(['--url', emu.url, '--json', 'setup', '--config', configFile(other), '--dry-run'], {
    BPSETUP_CLIENT_SECRET_TEST: SECRET,
  });
  expect(r.code).toBe(0);
  const host = (JSON.parse(r.stdout) as { hosts: { changes: { action: string; planned?: boolean; differences?: unknown[] }[] }[] })
    .hosts[0];
  expect(host.changes).toEqual([
    {
      action: 'update the IMS configuration',
      path: '/apps/bpsetup/ims/update',
      planned: true,
      differences: [{ property: 'client ID', from: WORKING_ID, to: other }],
    },
  ]);
  const table = await bpsetup(['--url', emu.url, 'setup', '--config', configFile(other), '--dry-run'], {
    BPSETUP_CLIENT_SECRET_TEST: SECRET,
  });
  expect(table.stdout).toContain(`client ID: ${WORKING_ID} -> ${other}`);
  expect(writesSince(since)).toEqual([]);
});

test('new values that get no token leave the working configuration as it was, and no candidate behind', async () => {
  const unknown = 'c0c1c2c3c4c5c6c7c8c9cacbcccdcecf'; // well-formed, but no such credential at Adobe
  const before = imsConfigs();
  const r = await bpsetup(['--url', emu.url, '--json', 'setup', '--config', configFile(unknown)], { BPSETUP_CLIENT_SECRET_TEST: SECRET });
  expect(r.code).toBe(1);
  const host = (JSON.parse(r.stdout) as { hosts: { failure: { title: string } }[] }).hosts[0];
  expect(host.failure.title).toMatch(/^The new values get no token \(.+\); the working configuration was left as it is$/);
  expect(imsConfigs()).toEqual(before);
  expect(storedClientIds()).toEqual([WORKING_ID]);
  const check = await bpsetup(['--url', emu.url, 'check']);
  expect(check.code).toBe(0); // still healthy: 4 of 4
});

test('proven new values replace the working ones, keeping its id; the candidate is gone', async () => {
  const rotated = 'd0d1d2d3d4d5d6d7d8d9dadbdcdddedf';
  await registerOauthCredential(emu.url, rotated, 'p8e-rotated-secret-7731');
  const before = imsConfigs();
  const r = await bpsetup(['--url', emu.url, '--json', 'setup', '--config', configFile(rotated, 'BPSETUP_CLIENT_SECRET_ROTATED')], {
    BPSETUP_CLIENT_SECRET_ROTATED: 'p8e-rotated-secret-7731',
  });
  expect(r.code).toBe(0);
  expect(imsConfigs()).toEqual(before); // same configuration (same id), no candidate left
  expect(storedClientIds()).toEqual([rotated]);
  const check = JSON.parse((await bpsetup(['--url', emu.url, '--json', 'check'])).stdout) as {
    hosts: { exit: number; agentsConnected: number }[];
  };
  expect(check.hosts[0]).toMatchObject({ exit: 0, agentsConnected: 4 });
});

test('a candidate that cannot be deleted is said, with its PID, and the working configuration is not updated', async () => {
  const next = 'e0e1e2e3e4e5e6e7e8e9eaebecedeeef';
  await registerOauthCredential(emu.url, next, 'p8e-next-secret-5521');
  const before = storedClientIds();
  await setFaults(emu.url, { routes: [{ path: '/apps/bpsetup/ims/delete', method: 'POST', status: 500, body: 'boom' }] });
  try {
    const r = await bpsetup(['--url', emu.url, '--json', 'setup', '--config', configFile(next, 'BPSETUP_CLIENT_SECRET_NEXT')], {
      BPSETUP_CLIENT_SECRET_NEXT: 'p8e-next-secret-5521',
    });
    expect(r.code).toBe(1);
    const failure = (JSON.parse(r.stdout) as { hosts: { failure: { title: string; explanation: string } }[] }).hosts[0].failure;
    expect(failure.title).toBe('A candidate IMS configuration may be left on this author; the working configuration was left as it is');
    expect(failure.explanation).toMatch(
      /^The candidate configuration com\.adobe\.granite\.auth\.oauth\.accesstoken\.provider\.\S+ could not be deleted\.$/,
    );
    // The candidate is there (the author refused its deletion); the working configuration is unchanged.
    expect(storedClientIds().filter((id) => id !== next)).toEqual(before);
    expect(storedClientIds()).toContain(next);
  } finally {
    await setFaults(emu.url, null);
  }
});

test("the remedy for a missing agent saves the cloud service again and keeps the admin's Public Folder Publish", async () => {
  const author = await startTestEmulator({ agentDelayMs: 0 });
  try {
    await credentialAndTenant(author.url, WORKING_ID, SECRET, TENANT);
    await finishedSetup(author.url, WORKING_ID, SECRET, TENANT, { publicFolderPublish: true });
    author.context.repo.change((tx) => tx.remove('/etc/replication/agents.author/mp_replication_agent1_default_steady'));
    const run = await bpsetup(['--url', author.url, '--json', 'setup', '--config', configFile(WORKING_ID)], {
      BPSETUP_CLIENT_SECRET_TEST: SECRET,
    });
    const host = (JSON.parse(run.stdout) as { hosts: { changes: { action: string }[] }[] }).hosts[0];
    expect(host.changes.map((c) => c.action)).toEqual(['save the Brand Portal cloud service again']);
    expect(author.context.repo.exists('/etc/replication/agents.author/mp_replication_agent1_default_steady')).toBe(true);
    expect(author.context.repo.get('/conf/global/settings/cloudconfigs/mediaportal/brand-portal/jcr:content')?.props.pubFolder).toBe(
      'true',
    );
  } finally {
    await author.close();
  }
});

test('another tenant is replaced only with --replace-tenant: the plan first; then the new four proven and exactly the old four removed', async () => {
  const other = await connectedAuthor({ agentDelayMs: 0 }, WORKING_ID, SECRET, TENANT);
  try {
    const NEW = 'https://steadier.brand-portal.adobe.com';
    await registerTenant(other.url, NEW);
    const agents = () => Object.keys(other.context.repo.get('/etc/replication/agents.author')?.children ?? {});
    const old = [0, 1, 2, 3].map((i) => `/etc/replication/agents.author/mp_replication_agent${i}_default_steady`);
    const file = configFile(WORKING_ID, 'BPSETUP_CLIENT_SECRET_TEST', NEW);
    const since = other.context.journal.lastSeq;
    const asked = await bpsetup(['--url', other.url, '--json', 'setup', '--config', file], { BPSETUP_CLIENT_SECRET_TEST: SECRET });
    expect(asked.code).toBe(1);
    const plan = JSON.stringify(JSON.parse(asked.stdout));
    expect(plan).toContain('--replace-tenant');
    for (const p of old) expect(plan).toContain(p);
    expect(other.context.journal.list(since).filter((r) => r.write)).toEqual([]);

    const done = await bpsetup(['--url', other.url, '--json', 'setup', '--config', file, '--replace-tenant'], {
      BPSETUP_CLIENT_SECRET_TEST: SECRET,
    });
    expect(done.code).toBe(0);
    expect(agents().filter((a) => a.endsWith('_default_steady'))).toEqual([]);
    expect(agents().filter((a) => a.endsWith('_default_steadier'))).toHaveLength(4);
    const result = JSON.parse(done.stdout) as { hosts: { changes: { action: string; path: string }[] }[] };
    const backup = result.hosts[0].changes.find((c) => c.action.startsWith('backup package'))?.path as string;
    expect((await readPackage(other.context.repo.readFile(backup) as Buffer)).info.filters.map((f) => f.root)).toEqual(old);
  } finally {
    await other.close();
  }
});

test('remove-orphans removes exactly the agents of no configuration, with a backup; --dry-run lists them and sends nothing', async () => {
  const other = await connectedAuthor({ agentDelayMs: 0 }, WORKING_ID, SECRET, TENANT);
  try {
    createAgents(other.context.repo, 'https://gone.brand-portal.adobe.com', 'ims-gone');
    const orphans = [0, 1, 2, 3].map((i) => `/etc/replication/agents.author/mp_replication_agent${i}_default_gone`);
    const agents = () => Object.keys(other.context.repo.get('/etc/replication/agents.author')?.children ?? {});
    const since = other.context.journal.lastSeq;
    const dry = await bpsetup(['--url', other.url, '--json', 'remove-orphans', '--dry-run']);
    expect(dry.code).toBe(0);
    expect((JSON.parse(dry.stdout) as { hosts: { changes: { path: string }[] }[] }).hosts[0].changes.map((c) => c.path)).toEqual(orphans);
    expect(other.context.journal.list(since).filter((r) => r.write)).toEqual([]);

    const done = await bpsetup(['--url', other.url, '--json', 'remove-orphans']);
    expect(done.code).toBe(0);
    expect(agents().filter((a) => a.endsWith('_default_gone'))).toEqual([]);
    expect(agents().filter((a) => a.endsWith('_default_steady'))).toHaveLength(4);
    const changes = (JSON.parse(done.stdout) as { hosts: { changes: { action: string; path: string }[] }[] }).hosts[0].changes;
    const backup = changes.find((c) => c.action.startsWith('backup package'))?.path as string;
    expect((await readPackage(other.context.repo.readFile(backup) as Buffer)).info.filters.map((f) => f.root)).toEqual(orphans);
    // A second run finds none and changes nothing.
    const again = await bpsetup(['--url', other.url, '--json', 'remove-orphans']);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { hosts: { changes: unknown[] }[] }).hosts[0].changes).toEqual([]);
  } finally {
    await other.close();
  }
});

test('after the secret was rotated in the Developer Console, setup names --update-secret; with it, the new secret is sent and the author is healthy', async () => {
  const other = await connectedAuthor({ agentDelayMs: 0 }, WORKING_ID, SECRET, TENANT);
  try {
    const ROTATED = 'p8e-rotated-in-console-8842';
    await registerOauthCredential(other.url, WORKING_ID, ROTATED);
    const file = configFile(WORKING_ID);
    const asked = await bpsetup(['--url', other.url, '--json', 'setup', '--config', file], { BPSETUP_CLIENT_SECRET_TEST: ROTATED });
    expect(asked.code).toBe(1);
    const failure = (JSON.parse(asked.stdout) as { hosts: { failure: { fix: string } }[] }).hosts[0].failure;
    expect(failure.fix).toContain('run setup again with --update-secret');
    const done = await bpsetup(['--url', other.url, '--json', 'setup', '--config', file, '--update-secret'], {
      BPSETUP_CLIENT_SECRET_TEST: ROTATED,
    });
    expect(done.code).toBe(0);
  } finally {
    await other.close();
  }
});

test('a configuration setup created whose secret gets no token is removed again, and the author is as it was', async () => {
  const fresh = await startTestEmulator({ agentDelayMs: 0 });
  try {
    const CLIENT = 'b1b2b3b4b5b6b7b8b9babbbcbdbebfb0';
    await credentialAndTenant(fresh.url, CLIENT, 'p8e-the-right-secret-5501', TENANT);
    const before = Object.keys(fresh.context.repo.get('/apps/system/config')?.children ?? {});
    const run = await bpsetup(['--url', fresh.url, '--json', 'setup', '--config', configFile(CLIENT)], {
      BPSETUP_CLIENT_SECRET_TEST: 'p8e-a-wrong-secret-5502',
    });
    expect(run.code).toBe(1);
    const host = (
      JSON.parse(run.stdout) as { hosts: { changes: { action: string }[]; failure: { title: string; explanation: string; fix: string } }[] }
    ).hosts[0];
    expect(host.changes.map((c) => c.action)).toEqual([
      'create the IMS configuration',
      'remove the IMS configuration this run created (its secret got no token)',
    ]);
    expect(host.failure.title).toBe('Adobe IMS rejected the client ID or client secret');
    expect(host.failure.explanation).toContain('The configuration this run created was deleted again: nothing of it is left.');
    // Just created with this secret: a rotation is not the story here.
    expect(host.failure.fix).not.toContain('--update-secret');
    expect(Object.keys(fresh.context.repo.get('/apps/system/config')?.children ?? {})).toEqual(before);
    expect(fresh.context.repo.exists('/conf/global/settings/cloudconfigs/mediaportal/brand-portal')).toBe(false);
  } finally {
    await fresh.close();
  }
});
