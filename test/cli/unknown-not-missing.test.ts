/**
 * A failed read is "could not be read", never "missing": on a set-up, healthy author whose
 * configuration folder answers 500 (or whose agents or version cannot be read), `bpsetup check`
 * exits 2, names the part and the read it needs, and never tells anyone to create what exists;
 * a host that is not AEM at all (a web server answering 404) is said to be that, exit 2, and
 * `setup` sends it nothing.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningEmulator } from '../../emulator/server';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp';
import { ORG } from '../helpers/ims-fixtures';
import { bpsetup } from '../helpers/cli';
import { setFaults, startTestEmulator } from '../helpers/emulator';
import { connectedAuthor } from '../helpers/brand-portal-fixtures';

const CLIENT_ID = 'c21b1c2d3e4f5a6b7c8d9e0f1a2b3c4d';
const SECRET = 'p8e-unknown-secret-value-2231';
const TENANT = 'https://unknown.brand-portal.adobe.com';
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await connectedAuthor({ faults: true, agentDelayMs: 0 }, CLIENT_ID, SECRET, TENANT);
}, 60000);
afterAll(() => emu.close());
afterEach(() => setFaults(emu.url, null));

/** A setup.json for this file's credential and tenant, in a fresh folder. */
function setupFile(prefix: string): string {
  const file = join(tempDir(prefix), 'setup.json');
  const config = {
    clientId: CLIENT_ID,
    orgId: ORG,
    scopes: ['openid', 'AdobeID'],
    tenantUrl: TENANT,
    clientSecretEnv: 'BPSETUP_CLIENT_SECRET_TEST',
  };
  writeFileSync(file, JSON.stringify(config));
  return file;
}

const fault = (path: string) => setFaults(emu.url, { routes: [{ path, method: 'GET', status: 500, body: 'Internal error' }] });

test('the healthy author first: exit 0', async () => {
  const r = await bpsetup(['--url', emu.url, 'check']);
  expect(r.code).toBe(0);
});

test('a 500 on the configuration list: exit 2, "could not be read", never "create it"', async () => {
  await fault('/apps/system/config.1.json');
  const r = await bpsetup(['--url', emu.url, 'check', '--json']);
  expect(r.code).toBe(2);
  const host = (JSON.parse(r.stdout) as { hosts: { exit: number; problems: { id: string; severity: string; fix: string }[] }[] }).hosts[0];
  expect(host.exit).toBe(2);
  expect(host.problems.map((p) => p.id)).toContain('imsConfigs-unreadable');
  expect(host.problems.map((p) => p.id)).not.toContain('ims-missing');
  expect(host.problems.map((p) => p.id)).not.toContain('cloud-ims-missing');
  expect(host.problems.find((p) => p.id === 'imsConfigs-unreadable')).toMatchObject({
    severity: 'unknown',
    fix: expect.stringContaining('read access to /apps/system/config'),
  });
  const table = await bpsetup(['--url', emu.url, 'check']);
  expect(table.stdout).toContain('NOT READ');
  expect(table.stdout).toContain('The IMS configurations could not be read');
  expect(table.stdout).not.toMatch(/No Brand Portal IMS configuration|Create it/);
});

test('agents that cannot be read are not "missing" either', async () => {
  await fault('/etc/replication/agents.author.2.json');
  const r = await bpsetup(['--url', emu.url, 'check', '--json']);
  const host = (JSON.parse(r.stdout) as { hosts: { exit: number; problems: { id: string }[] }[] }).hosts[0];
  expect(host.problems.map((p) => p.id)).toContain('agents-unreadable');
  expect(host.problems.map((p) => p.id).filter((id) => id.startsWith('agent-missing'))).toEqual([]);
});

test('an unread version is unknown: exit 2, said, and nothing that needs the version is judged', async () => {
  await fault('/system/console/status-productinfo.json');
  const r = await bpsetup(['--url', emu.url, 'check', '--json']);
  const host = (
    JSON.parse(r.stdout) as { hosts: { exit: number; healthy: boolean; problems: { id: string; severity: string; fix: string }[] }[] }
  ).hosts[0];
  expect(r.code).toBe(2);
  expect(host).toMatchObject({ exit: 2, healthy: false });
  expect(host.problems.find((p) => p.id === 'version-unreadable')).toMatchObject({
    severity: 'unknown',
    fix: expect.stringContaining('/system/console/status-productinfo.json'),
  });
  expect(host.problems.map((p) => p.id).filter((id) => id.startsWith('contribution') || id === 'oauth-blocker')).toEqual([]);
});

describe('a host that is not AEM (a web server answering 404 to everything)', () => {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(`${req.method} ${req.url}`);
    res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html><body>Not Found</body></html>');
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('check: exit 2, "not an AEM author", never "create it"', async () => {
    const r = await bpsetup(['--url', url, 'check', '--json']);
    expect(r.code).toBe(2);
    const host = (JSON.parse(r.stdout) as { hosts: { exit: number; failure?: { title: string; reason?: string }; problems?: unknown }[] })
      .hosts[0];
    expect(host).toMatchObject({ exit: 2, failure: { title: 'Not an AEM author, or not reachable as one', reason: 'not-aem' } });
    expect(r.stdout + r.stderr).not.toMatch(/Create it|No Brand Portal IMS configuration/);
    const table = await bpsetup(['--url', url, 'check']);
    expect(table.stdout).toContain('NOT AEM');
  });

  test('setup: exit 2 and nothing written there', async () => {
    const file = setupFile('not-aem-');
    paths.length = 0;
    const r = await bpsetup(['--url', url, '--json', 'setup', '--config', file], { BPSETUP_CLIENT_SECRET_TEST: SECRET });
    expect(r.code).toBe(2);
    expect(paths.filter((p) => !p.startsWith('GET ') && !p.startsWith('HEAD '))).toEqual([]);
  });
});

test('a sign-in page in front of AEM (answering every address with a login form) is "not signed in", exit 2', async () => {
  const server = createServer((_req, res) =>
    res
      .writeHead(200, { 'Content-Type': 'text/html' })
      .end('<html><form method="post" action="/login"><input name="user"><input type="password" name="pw"></form></html>'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const r = await bpsetup(['--url', url, 'check', '--json']);
    expect(r.code).toBe(2);
    const host = (JSON.parse(r.stdout) as { hosts: { failure?: { title: string; reason?: string } }[] }).hosts[0];
    expect(host.failure).toMatchObject({ title: 'Not signed in: a sign-in page answered', reason: 'authentication' });
    expect(r.stdout + r.stderr).not.toMatch(/Create it|No Brand Portal IMS configuration/);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('a web server answering every address with a page of its own (200) is not AEM to setup either: exit 2, nothing written', async () => {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Welcome to our site</body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const file = setupFile('not-aem-200-');
    const r = await bpsetup(['--url', url, '--json', 'setup', '--config', file], { BPSETUP_CLIENT_SECRET_TEST: SECRET });
    expect(r.code).toBe(2);
    const host = (JSON.parse(r.stdout) as { hosts: { failure?: { title: string; reason?: string } }[] }).hosts[0];
    expect(host.failure).toMatchObject({ title: 'Not an AEM author, or not reachable as one', reason: 'not-aem' });
    expect(paths.filter((p) => !p.startsWith('GET ') && !p.startsWith('HEAD '))).toEqual([]);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('a publish instance (run mode publish) is "a publish instance, not an author", exit 2, and setup writes nothing there', async () => {
  const publish = await startTestEmulator({ runModes: ['publish', 'crx3', 'crx3tar'] });
  try {
    const r = await bpsetup(['--url', publish.url, 'check', '--json']);
    expect(r.code).toBe(2);
    const host = (JSON.parse(r.stdout) as { hosts: { exit: number; failure: { title: string; explanation: string } }[] }).hosts[0];
    expect(host.failure.title).toBe('A publish instance, not an author');
    expect(host.failure.explanation).toContain('publish, crx3, crx3tar');
    const table = await bpsetup(['--url', publish.url, 'check']);
    expect(table.stdout).toContain('PUBLISH');
    expect(table.stdout).not.toMatch(/No Brand Portal IMS configuration|Create it/);
    const file = setupFile('publish-');
    const since = publish.context.journal.lastSeq;
    const s = await bpsetup(['--url', publish.url, 'setup', '--config', file], { BPSETUP_CLIENT_SECRET_TEST: SECRET });
    expect(s.code).toBe(2);
    expect(publish.context.journal.list(since).filter((x) => x.write)).toEqual([]);
  } finally {
    await publish.close();
  }
});

test.each([
  ['lts', false, '6.5.2.0 LTS'],
  ['classic', true, '6.5.2.0'],
] as const)(
  'a product line that does not say LTS (6.5.2.0) is told by the bundles: %s bundles, OAuth blocker %s',
  async (bundleLine, blocked, version) => {
    const author = await startTestEmulator({ productVersion: '6.5.2.0', bundleLine });
    try {
      const r = await bpsetup(['--url', author.url, 'check', '--json']);
      const host = (JSON.parse(r.stdout) as { hosts: { version: string; problems: { id: string }[] }[] }).hosts[0];
      expect(host.version).toBe(version);
      expect(host.problems.map((p) => p.id).includes('oauth-blocker')).toBe(blocked);
    } finally {
      await author.close();
    }
  },
);
