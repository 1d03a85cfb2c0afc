/**
 * Contract 3.1 item 1 and issue checklist 10: concurrent writes never corrupt the store, a kill
 * during writes leaves the last good state, bodies are size-limited, bad input is a 4xx.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../emulator/paths';
import { listImsConfigs } from '../../emulator/ims-configs';
import { loggedIn, startTestEmulator, controlFetch } from '../helpers/emulator';
import { oauthForm } from '../helpers/ims-fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bpsetup-robust-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('40 concurrent creates all land, with distinct ids, in a readable store', async () => {
  const emu = await startTestEmulator({ dataDir: dir });
  try {
    const c = await loggedIn(emu.url);
    const token = await c.csrfToken();
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => c.post('/apps/bpsetup/ims/update', oauthForm(`client${i}`), { 'CSRF-Token': token })),
    );
    const ids = await Promise.all(responses.map((r) => r.text()));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(new Set(ids).size).toBe(40);
    const stored = JSON.parse(readFileSync(join(dir, 'repository.json'), 'utf8')) as { children: { apps: { children: { system: { children: { config: { children: object } } } } } } };
    expect(Object.keys(stored.children.apps.children.system.children.config.children)).toHaveLength(80);
  } finally {
    await emu.close();
  }
});

test('SIGKILL in the middle of writes leaves the last good state', async () => {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'build/emulator/main.js'), '--port', '0', '--data', dir, '--reset'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Tools console:\s+(http:\/\/[^/\s]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`emulator exited early: ${out}`)));
  });
  const c = await loggedIn(url);
  const token = await c.csrfToken();
  let acknowledged = 0;
  const writers = Array.from({ length: 4 }, async (_, w) => {
    for (let i = 0; ; i++) {
      try {
        const res = await c.post('/apps/bpsetup/ims/update', oauthForm(`w${w}i${i}`), { 'CSRF-Token': token });
        if (res.status === 200) acknowledged++;
      } catch {
        return; // the server is gone
      }
    }
  });
  await new Promise((r) => setTimeout(r, 400));
  child.kill('SIGKILL');
  await Promise.all(writers);
  expect(acknowledged).toBeGreaterThan(0);

  // The file parses, and every acknowledged write is in it.
  JSON.parse(readFileSync(join(dir, 'repository.json'), 'utf8'));
  const emu = await startTestEmulator({ dataDir: dir });
  try {
    expect(listImsConfigs(emu.context.repo).length).toBeGreaterThanOrEqual(acknowledged);
  } finally {
    await emu.close();
  }
}, 30000);

test('oversized bodies get 413; malformed input gets 4xx and the server keeps serving', async () => {
  const emu = await startTestEmulator();
  try {
    const c = await loggedIn(emu.url);
    const big = await c.write('/apps/bpsetup/ims/update', new URLSearchParams({ title: 'x'.repeat(9 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    const multipart = await c.write('/crx/packmgr/service/.json/?cmd=upload', '--broken\r\nnot really', { 'Content-Type': 'multipart/form-data; boundary=broken' });
    expect(multipart.status).toBeLessThan(500);
    const json = await controlFetch(`${emu.url}/__emulator/ims/integrations`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{nope' });
    expect([json.status, await json.text()]).toEqual([400, 'Request body is not valid JSON']);
    expect((await c.get('/system/console/status-productinfo.json')).status).toBe(200);
  } finally {
    await emu.close();
  }
});
