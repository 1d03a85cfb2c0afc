/** Contract 2.19: Package Manager upload and install over HTTP, as `npm run deploy` will use it. */
import { readFileSync } from 'node:fs';
import { ZipFile } from 'yazl';
import { PACKAGE_LIMITS, readZip } from '../../emulator/package-install';
import type { RunningEmulator } from '../../emulator/server';
import { builtPackagePath } from '../../emulator/paths';
import { type Client, loggedIn, startTestEmulator } from '../helpers/emulator';

let emu: RunningEmulator;
let c: Client;
beforeAll(async () => {
  // An author without our package: Package Manager is how it arrives.
  emu = await startTestEmulator({ packageZip: undefined });
  c = await loggedIn(emu.url);
});
afterAll(() => emu.close());

const upload = (file: Buffer, extra: Record<string, string> = {}) => {
  const form = new FormData();
  form.set('package', new Blob([new Uint8Array(file)]), 'bpsetup.all.zip');
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  return c.write('/crx/packmgr/service/.json/?cmd=upload', form);
};

/** Our package uploaded already (by the first test, or here when a later test runs alone). */
async function uploaded(): Promise<void> {
  if (emu.context.repo.exists('/etc/packages/bpsetup/bpsetup.all-0.1.0.zip')) return;
  expect(await (await upload(readFileSync(builtPackagePath()))).json()).toMatchObject({ success: true });
}

test('upload then install writes the tile and the page; the console shows the tile', async () => {
  expect((await c.get('/apps/cq/core/content/nav/tools/bpsetup/setup.json')).status).toBe(404);
  const zip = readFileSync(builtPackagePath());
  const up = await upload(zip);
  const uploaded = (await up.json()) as { success: boolean; msg: string; path: string };
  expect(uploaded).toEqual({ success: true, msg: 'Package uploaded', path: '/etc/packages/bpsetup/bpsetup.all-0.1.0.zip' });

  const install = await c.write(`/crx/packmgr/service/.json${uploaded.path}?cmd=install`, new URLSearchParams({ recursive: 'true' }));
  expect(await install.json()).toMatchObject({ success: true });
  expect(((await (await c.get('/apps/cq/core/content/nav/tools/bpsetup/setup.json')).json()) as { href: string }).href).toBe(
    '/apps/bpsetup/content/setup.html',
  );
  expect(await (await c.get('/aem/start.html?category=bpsetup', { Accept: 'text/html' })).text()).toContain('data-id="bpsetup__setup"');
  // The container's two sub packages were stored and installed with it.
  expect(emu.context.repo.exists('/etc/packages/bpsetup/bpsetup.ui.apps-0.1.0.zip')).toBe(true);
  expect(emu.context.repo.get('/conf/bpsetup/settings/endpoints')?.props['jcr:primaryType']).toBe('nt:unstructured');
});

test('without recursive=true the sub packages are only stored, as Package Manager leaves them', async () => {
  const fresh = await startTestEmulator({ packageZip: undefined });
  try {
    const cf = await loggedIn(fresh.url);
    const form = new FormData();
    form.set('package', new Blob([new Uint8Array(readFileSync(builtPackagePath()))]), 'bpsetup.all.zip');
    const { path } = (await (await cf.write('/crx/packmgr/service/.json/?cmd=upload', form)).json()) as { path: string };
    expect(await (await cf.write(`/crx/packmgr/service/.json${path}?cmd=install`, '')).json()).toMatchObject({ success: true });
    expect(fresh.context.repo.exists('/etc/packages/bpsetup/bpsetup.ui.apps-0.1.0.zip')).toBe(true);
    expect(fresh.context.repo.exists('/apps/bpsetup')).toBe(false);
    expect(fresh.context.repo.exists('/conf/bpsetup')).toBe(false);
  } finally {
    await fresh.close();
  }
});

test('failures answer 200 with success:false and a message', async () => {
  await uploaded();
  const zip = readFileSync(builtPackagePath());
  expect(await (await upload(zip)).json()).toEqual({
    success: false,
    msg: 'Package already exists: /etc/packages/bpsetup/bpsetup.all-0.1.0.zip',
  });
  expect(await (await upload(zip, { force: 'true' })).json()).toMatchObject({ success: true });
  expect(await (await upload(Buffer.from('not a zip'))).json()).toMatchObject({
    success: false,
    msg: expect.stringContaining('not a zip file'),
  });
  expect(await (await c.write('/crx/packmgr/service/.json/etc/packages/none.zip?cmd=install', '')).json()).toMatchObject({
    success: false,
  });
});

test("an install replaces only what the filter covers: another project's Tools overlay survives", async () => {
  await uploaded();
  const all = '/crx/packmgr/service/.json/etc/packages/bpsetup/bpsetup.all-0.1.0.zip?cmd=install';
  expect(await (await c.write(all, new URLSearchParams({ recursive: 'true' }))).json()).toMatchObject({ success: true });
  emu.context.repo.change((tx) => tx.setProps('/apps/cq/core/content/nav/tools/otherproject', { 'jcr:title': 'Other' }));
  emu.context.repo.change((tx) => tx.setProps('/apps/bpsetup/stale-node', { leftover: true }));
  // ui.apps again, as the container's install stored it.
  await c.write('/crx/packmgr/service/.json/etc/packages/bpsetup/bpsetup.ui.apps-0.1.0.zip?cmd=install', '');
  expect(emu.context.repo.exists('/apps/cq/core/content/nav/tools/otherproject')).toBe(true);
  expect(emu.context.repo.exists('/apps/bpsetup/stale-node')).toBe(false);
});

test('uploads need a session and a CSRF token', async () => {
  const form = new FormData();
  form.set('package', new Blob([new Uint8Array(readFileSync(builtPackagePath()))]), 'p.zip');
  expect((await c.post('/crx/packmgr/service/.json/?cmd=upload', form)).status).toBe(403);
  const anonymous = await fetch(`${emu.url}/crx/packmgr/service/.json/?cmd=upload`, { method: 'POST', body: form });
  expect(anonymous.status).toBe(403);
  expect(anonymous.headers.get('x-reason')).toBe('Authentication Failed');
});

test('npm run deploy uploads and installs through Package Manager with HTTP Basic credentials', async () => {
  const fresh = await startTestEmulator({ packageZip: undefined });
  try {
    const { execFile } = await import('node:child_process');
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['scripts/deploy.js'],
        { env: { ...process.env, AEM_URL: fresh.url, AEM_USER: 'admin', AEM_PASSWORD: 'admin' } },
        (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout)),
      ),
    );
    expect(out).toContain('uploaded /etc/packages/bpsetup/bpsetup.all-0.1.0.zip');
    expect(fresh.context.repo.get('/apps/cq/core/content/nav/tools/bpsetup/setup')?.props.href).toBe('/apps/bpsetup/content/setup.html');
    const wrong = await fetch(`${fresh.url}/libs/granite/csrf/token.json`, {
      headers: { Authorization: `Basic ${Buffer.from('admin:wrong').toString('base64')}` },
    });
    expect(wrong.status).toBe(403);
  } finally {
    await fresh.close();
  }
});

test('legacy service.jsp: upload and install in one call, answered in XML', async () => {
  const fresh = await startTestEmulator({ packageZip: undefined });
  try {
    const cf = await loggedIn(fresh.url);
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(readFileSync(builtPackagePath()))]), 'p.zip');
    form.set('force', 'true');
    // What Adobe's content-package-maven-plugin sends: no recursive, and the sub packages are installed.
    form.set('install', 'true');
    const res = await cf.write('/crx/packmgr/service.jsp', form);
    const xml = await res.text();
    expect(xml).toContain('<status code="200">ok</status>');
    expect(xml).toContain('<path>/etc/packages/bpsetup/bpsetup.all-0.1.0.zip</path>');
    expect(fresh.context.repo.exists('/apps/cq/core/content/nav/tools/bpsetup/setup')).toBe(true);
    expect(fresh.context.repo.exists('/conf/bpsetup/settings')).toBe(true);
    const bad = new FormData();
    bad.set('file', new Blob([new Uint8Array(Buffer.from('nope'))]), 'p.zip');
    expect(await (await cf.write('/crx/packmgr/service.jsp', bad)).text()).toMatch(/<status code="500">not a zip file/);
  } finally {
    await fresh.close();
  }
});

describe('package limits: a zip bomb or a maze gets a clear refusal, and nothing is installed', () => {
  const zipOf = (add: (zip: import('yazl').ZipFile) => void) =>
    new Promise<Buffer>((resolve) => {
      const zip = new ZipFile();
      add(zip);
      zip.end();
      const chunks: Buffer[] = [];
      zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
      zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  const meta = (zip: import('yazl').ZipFile) => {
    zip.addBuffer(
      Buffer.from(
        '<?xml version="1.0"?><!DOCTYPE properties SYSTEM "http://java.sun.com/dtd/properties.dtd"><properties><entry key="name">bomb</entry><entry key="group">test</entry><entry key="version">1</entry></properties>',
      ),
      'META-INF/vault/properties.xml',
    );
    zip.addBuffer(Buffer.from('<workspaceFilter version="1.0"><filter root="/apps/bomb"/></workspaceFilter>'), 'META-INF/vault/filter.xml');
  };

  test.each([
    [
      'inflates past the limit',
      (z: import('yazl').ZipFile) => z.addBuffer(Buffer.alloc(3 * 1024 * 1024), 'jcr_root/apps/bomb/big.bin'),
      'inflates to more than 2 MB',
    ],
    [
      'has too many entries',
      (z: import('yazl').ZipFile) => Array.from({ length: 30 }, (_, i) => z.addBuffer(Buffer.from('x'), `jcr_root/apps/bomb/f${i}.txt`)),
      'more than 20 entries',
    ],
    [
      'nests too deep',
      (z: import('yazl').ZipFile) =>
        z.addBuffer(Buffer.from('x'), `jcr_root/${Array.from({ length: 12 }, (_, i) => `d${i}`).join('/')}/f.txt`),
      'deeper than 8 folders',
    ],
  ])('a package that %s', async (_name, add, message) => {
    const zip = await zipOf((z) => {
      meta(z);
      add(z);
    });
    await expect(readZip(zip, { entries: 20, inflatedBytes: 2 * 1024 * 1024, depth: 8 })).rejects.toThrow(message);
  });

  test('through Package Manager: success:false with the reason', async () => {
    const zip = await zipOf((z) => {
      meta(z);
      z.addBuffer(Buffer.alloc(PACKAGE_LIMITS.inflatedBytes + 1024), 'jcr_root/apps/bomb/big.bin', { compress: true });
    });
    const body = (await (await upload(zip, { force: 'true' })).json()) as { success: boolean; msg: string };
    expect(body).toMatchObject({ success: false, msg: expect.stringContaining('inflates to more than 64 MB') });
    expect(emu.context.repo.exists('/apps/bomb')).toBe(false);
  }, 20000);
});
