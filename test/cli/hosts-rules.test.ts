/**
 * Hosts and credentials: a hosts-file line may name only an AEM_PASSWORD variable for its password
 * (never the client secret's, which once went out as Basic credentials to another host); plain
 * http to another machine needs --allow-http; an unparsable URL is echoed without its credentials.
 */
import { PASSWORD_VAR, UsageError, hostsFromUrls, isLoopback, normaliseUrl, parseHostsFile, requireSafeTransport } from '../../cli/hosts';
import { startTestEmulator } from '../helpers/emulator';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bpsetup } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { parseSetupConfig, tenantsPerHost } from '../../cli/setup-config';

const env = { AEM_PASSWORD_STAGE: 'stage-pass', BPSETUP_CLIENT_SECRET: 'the-client-secret', HOME_TOKEN: 'x' };

test('only AEM_PASSWORD variables may hold a host password', () => {
  expect(parseHostsFile('https://stage.example:4502 deployer AEM_PASSWORD_STAGE\n', env)[0]).toMatchObject({
    user: 'deployer',
    password: 'stage-pass',
    passwordVar: 'AEM_PASSWORD_STAGE',
  });
  for (const name of ['BPSETUP_CLIENT_SECRET', 'HOME_TOKEN', 'aem_password', 'AEM_PASSWORDX', 'PATH'])
    expect(() => parseHostsFile(`https://a.example u ${name}\n`, env)).toThrow(/must be named AEM_PASSWORD/);
  expect(PASSWORD_VAR.test('AEM_PASSWORD')).toBe(true);
});

/** A valid setup.json in `dir`, with where its secret comes from. */
const SETUP = {
  clientId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  orgId: '0123456789ABCDEF01234567@AdobeOrg',
  scopes: ['openid'],
  tenantUrl: 'https://demo.brand-portal.adobe.com',
};
const writeSetup = (dir: string, secretSource: Record<string, string>) =>
  writeFileSync(join(dir, 'setup.json'), JSON.stringify({ ...SETUP, ...secretSource }));

test('the client secret comes only from a variable named for it: a password or any other variable is refused, and never sent', async () => {
  const dir = tempDir('hosts-');
  writeFileSync(join(dir, 'hosts.txt'), 'http://127.0.0.1:9 admin AEM_PASSWORD_SECRET\n');
  writeSetup(dir, { clientSecretEnv: 'AEM_PASSWORD_SECRET' });
  const run = await bpsetup(['--hosts', join(dir, 'hosts.txt'), 'setup', '--config', join(dir, 'setup.json')], {
    AEM_PASSWORD_SECRET: 'shared-secret-value',
  });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('AEM_PASSWORD_SECRET is not a client secret variable');
  expect(`${run.stdout}${run.stderr}`).not.toContain('shared-secret-value');
  // Any other variable (a CI token) is refused the same way, before anything is sent.
  writeSetup(dir, { clientSecretEnv: 'GITHUB_TOKEN' });
  const token = await bpsetup(['--url', 'http://127.0.0.1:9', 'setup', '--config', join(dir, 'setup.json')], {
    GITHUB_TOKEN: 'ghp-not-for-aem',
  });
  expect(token.code).toBe(2);
  expect(token.stderr).toContain('GITHUB_TOKEN is not a client secret variable; use BPSETUP_CLIENT_SECRET or BPSETUP_CLIENT_SECRET_<NAME>');
  expect(`${token.stdout}${token.stderr}`).not.toContain('ghp-not-for-aem');
});

test('a secret file must be one line, readable by its owner only', async () => {
  const dir = tempDir('secret-file-');
  const secretFile = join(dir, 'secret.txt');
  writeSetup(dir, { clientSecretFile: secretFile });
  const run = () => bpsetup(['--url', 'http://127.0.0.1:9', 'setup', '--config', join(dir, 'setup.json')]);
  writeFileSync(secretFile, 'p8e-file-secret-123456\n', { mode: 0o644 });
  chmodSync(secretFile, 0o644);
  expect((await run()).stderr).toContain('may be read by others; make it readable by its owner only (chmod 600)');
  writeFileSync(secretFile, 'p8e-file-secret-123456\nsecond line\n');
  chmodSync(secretFile, 0o600);
  expect((await run()).stderr).toContain('must hold the client secret alone, on one line');
  writeFileSync(secretFile, 'p8e-file-secret-123456\n');
  // Taken: the run goes on to the author (here nothing listens: exit 2, unreachable), and the secret is never printed.
  const taken = await run();
  expect(taken.stderr).not.toContain('clientSecretFile');
  expect(`${taken.stdout}${taken.stderr}`).not.toContain('p8e-file-secret-123456');
});

test('plain http only to this machine unless --allow-http', () => {
  expect(isLoopback('http://localhost:4502')).toBe(true);
  expect(isLoopback('http://127.0.0.1:4502')).toBe(true);
  expect(isLoopback('http://[::1]:4502')).toBe(true);
  expect(isLoopback('http://author.example:4502')).toBe(false);
  const hosts = hostsFromUrls(['http://author.example:4502', 'https://secure.example', 'http://127.0.0.1:4502'], {
    AEM_USER: 'u',
    AEM_PASSWORD: 'p',
  });
  expect(() => requireSafeTransport(hosts, false)).toThrow(/http:\/\/author\.example:4502: plain http/);
  expect(() => requireSafeTransport(hosts, true)).not.toThrow();
});

test.each([
  ['http://deployer:hunter2-secret@[not-a-host', 'Not a URL'],
  ['http//deployer:hunter2-secret@author.example', 'Not a URL'],
  ['htp:/deployer:hunter2-secret@author.example', 'Not an http(s) URL'],
  ['ftp://deployer:hunter2-secret@author.example', 'Not an http(s) URL'],
  ['deployer:hunter2-secret@author.example:4502', 'Not'],
])('a malformed URL (%s) is echoed without its password', (raw, said) => {
  let error: unknown;
  try {
    hostsFromUrls([raw], {});
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(UsageError);
  expect((error as Error).message).not.toContain('hunter2-secret');
  expect((error as Error).message).toContain(said);
  expect((error as Error).message).toContain('deployer:[masked]@');
});

test('an address copied from the browser: the base address is used, and a note says what was dropped', async () => {
  const notes: string[] = [];
  expect(normaliseUrl('http://author.example:4502/aem/start.html?x=1#top', notes)).toBe('http://author.example:4502');
  expect(notes).toEqual(["http://author.example:4502: using the author's base address (/aem/start.html?x=1#top is not part of it)"]);
  expect(normaliseUrl('https://author.example/', notes)).toBe('https://author.example');
  expect(notes).toHaveLength(1);
  const emu = await startTestEmulator();
  try {
    const plain = await bpsetup(['--url', emu.url, 'check', '--json']);
    const pasted = await bpsetup(['--url', `${emu.url}/aem/start.html?item=1`, 'check', '--json']);
    expect(pasted.code).toBe(plain.code);
    const hostOf = (out: string) => (JSON.parse(out) as { hosts: { url: string; problems: unknown }[] }).hosts[0];
    expect(hostOf(pasted.stdout)).toEqual(expect.objectContaining({ url: emu.url, problems: hostOf(plain.stdout).problems }));
    expect(pasted.stderr).toContain('/aem/start.html?item=1 is not part of it');
  } finally {
    await emu.close();
  }
}, 30000);

test('no silent admin/admin: assumed only for an author on this machine, and said; another author needs AEM_USER and AEM_PASSWORD', () => {
  expect(() => hostsFromUrls(['https://author.example'], {})).toThrow(/set AEM_USER and AEM_PASSWORD/);
  expect(() => parseHostsFile('https://author.example\n', {})).toThrow(/set AEM_USER and AEM_PASSWORD/);
  const notes: string[] = [];
  expect(hostsFromUrls(['http://127.0.0.1:4502'], {}, notes)[0]).toMatchObject({ user: 'admin', password: 'admin' });
  expect(notes[0]).toContain("AEM_USER / AEM_PASSWORD not set, using AEM's default admin/admin for this local author");
  expect(hostsFromUrls(['https://author.example'], { AEM_USER: 'ci', AEM_PASSWORD: 'pw' })[0]).toMatchObject({
    user: 'ci',
    password: 'pw',
  });
});

test("a hosts-file line may name its author's tenant; setup refuses one tenant for several authors unless they are one cluster", () => {
  const hosts = parseHostsFile(
    'http://localhost:4502 tenant=stage.brand-portal.adobe.com\nhttp://127.0.0.1:4503 admin AEM_PASSWORD_STAGE\nhttp://[::1]:4504\n',
    env,
  );
  expect(hosts.map((h) => h.tenantUrl)).toEqual(['stage.brand-portal.adobe.com', undefined, undefined]);
  expect(() => parseHostsFile('http://localhost:4502 tenant=a tenant=b\n', env)).toThrow(/\[tenant=<tenant-url>\]/);
  expect(() => parseHostsFile('http://localhost:4502 tenant=\n', env)).toThrow(/\[tenant=<tenant-url>\]/);

  const config = parseSetupConfig(JSON.stringify(SETUP), {});
  // Two lines fall back to setup.json's tenant: refused, naming both, before anything is sent.
  expect(() => tenantsPerHost(hosts, config)).toThrow(
    new RegExp(`${SETUP.tenantUrl} would be the tenant of 2 authors \\(http://127\\.0\\.0\\.1:4503, http://\\[::1\\]:4504\\)`),
  );
  expect(tenantsPerHost(hosts, config, { sharedTenant: true })).toEqual([
    'https://stage.brand-portal.adobe.com',
    SETUP.tenantUrl,
    SETUP.tenantUrl,
  ]);
  const own = hosts.map((h, i) => ({ ...h, tenantUrl: h.tenantUrl ?? `https://t${i}.brand-portal.adobe.com` }));
  expect(tenantsPerHost(own, config)).toEqual([
    'https://stage.brand-portal.adobe.com',
    'https://t1.brand-portal.adobe.com',
    'https://t2.brand-portal.adobe.com',
  ]);
  // A line's tenant passes the page's rule, and the *.brand-portal.adobe.com one, as setup.json's does.
  expect(() => tenantsPerHost([{ url: 'http://localhost:4502', tenantUrl: 'http://x.brand-portal.adobe.com' }], config)).toThrow(
    /http:\/\/localhost:4502 tenant=: .*https/,
  );
  expect(() => tenantsPerHost([{ url: 'http://localhost:4502', tenantUrl: 'https://portal.example.com' }], config)).toThrow(
    /--confirm-tenant/,
  );
});
