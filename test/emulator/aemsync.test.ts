/**
 * A real third-party client against the emulator: aemsync 4 (pinned), the code-sync tool Adobe's
 * own archetype and tutorials run against a local AEM 6.5 author. It posts a package without a
 * version to Package Manager's service.jsp with Basic credentials in the URL, no CSRF token and a
 * node-fetch user agent, filters each changed path with exclude-then-include rules, and parses the
 * XML answer's <log> for lines starting with E. Each push must land exactly as AEM would land it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEmulator } from '../../emulator/server';
import { startTestEmulator } from '../helpers/emulator';
import { tempDir } from '../helpers/temp';
import { readPackage } from '../../emulator/package-install';
import { zip } from '../helpers/packages';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Pipeline = require('aemsync/src/pipeline') as new (opts: {
  targets: string[];
  onPushEnd: (err: Error | undefined, target: string, log: string) => void;
}) => { push(path: string): Promise<unknown> };

let emu: RunningEmulator;
let root: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  root = join(tempDir('aemsync-'), 'jcr_root');
  mkdirSync(join(root, 'apps/aemsync-demo'), { recursive: true });
}, 30000);
afterAll(() => emu.close());

async function push(path: string): Promise<{ err?: Error; log: string }> {
  let outcome: { err?: Error; log: string } = { log: '' };
  const target = emu.url.replace('http://', 'http://admin:admin@');
  const pipeline = new Pipeline({ targets: [target], onPushEnd: (err, _t, log) => (outcome = { err, log: String(log ?? '') }) });
  await pipeline.push(path);
  return outcome;
}

const text = (path: string) => emu.context.repo.readFile(path)?.toString('utf8');

test('aemsync pushes a new file, then a change to it, leaving its siblings as they are', async () => {
  writeFileSync(join(root, 'apps/aemsync-demo/keep.txt'), 'kept');
  writeFileSync(join(root, 'apps/aemsync-demo/hello.txt'), 'version 1');
  const first = await push(join(root, 'apps/aemsync-demo'));
  expect(first.err).toBeUndefined();
  expect(first.log).toMatch(/^A \/apps\/aemsync-demo\/hello\.txt$/m);
  expect(text('/apps/aemsync-demo/hello.txt')).toBe('version 1');
  expect(text('/apps/aemsync-demo/keep.txt')).toBe('kept');

  // One changed file: the filter excludes the folder's children, then includes that file only.
  writeFileSync(join(root, 'apps/aemsync-demo/hello.txt'), 'version 2');
  writeFileSync(join(root, 'apps/aemsync-demo/keep.txt'), 'changed locally, not pushed');
  const second = await push(join(root, 'apps/aemsync-demo/hello.txt'));
  expect(second.err).toBeUndefined();
  expect(second.log).toMatch(/^U \/apps\/aemsync-demo\/hello\.txt$/m);
  expect(text('/apps/aemsync-demo/hello.txt')).toBe('version 2');
  expect(text('/apps/aemsync-demo/keep.txt')).toBe('kept');
  // A package without a version is stored as <name>.zip, as FileVault names it.
  expect(emu.context.repo.exists('/etc/packages/aemsync/aemsync.zip')).toBe(true);
}, 30000);

test('a browser session still needs a CSRF token on service.jsp; only Basic credentials without a session are let through', async () => {
  const login = await fetch(`${emu.url}/libs/granite/core/content/login.html/j_security_check`, {
    method: 'POST',
    body: new URLSearchParams({ j_username: 'admin', j_password: 'admin' }),
    redirect: 'manual',
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const res = await fetch(`${emu.url}/crx/packmgr/service.jsp`, { method: 'POST', headers: { Cookie: cookie }, body: new FormData() });
  expect(res.status).toBe(403);
});

test('a package version stays text: 1.10 is not 1.1', async () => {
  const pkg = await zip({
    'META-INF/vault/properties.xml': `<?xml version="1.0" encoding="UTF-8"?>
<properties><entry key="name">versions</entry><entry key="group">test</entry><entry key="version">1.10</entry></properties>`,
    'META-INF/vault/filter.xml': '<workspaceFilter version="1.0"><filter root="/apps/versions"/></workspaceFilter>',
  });
  expect((await readPackage(pkg)).info.version).toBe('1.10');
});
