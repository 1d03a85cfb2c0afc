/**
 * Contract 3.1 item 1 and issue checklist 10: concurrent writes never corrupt the store, a kill
 * during writes leaves the last good state, bodies are size-limited, bad input is a 4xx.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../emulator/paths';
import { listImsConfigs } from '../../emulator/ims-configs';
import type { RepoNode } from '../../emulator/store';
import { loggedIn, startTestEmulator, controlFetch } from '../helpers/emulator';
import { oauthForm } from '../helpers/ims-fixtures';
import { rounds } from '../helpers/rounds';

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
    const stored = JSON.parse(readFileSync(join(dir, 'repository.json'), 'utf8')) as {
      children: { apps: { children: { system: { children: { config: { children: object } } } } } };
    };
    expect(Object.keys(stored.children.apps.children.system.children.config.children)).toHaveLength(80);
    // Group commit: the burst took fewer snapshot writes than writes (before: one full rewrite each).
    expect(emu.context.repo.snapshotWrites).toBeLessThan(40);
  } finally {
    await emu.close();
  }
});

/** The emulator as `npm start` runs it, in its own process, on a free port; resolves with its URL. */
function startChild(dataDir: string, reset: boolean): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(
    process.execPath,
    [join(PROJECT_ROOT, 'build/emulator/main.js'), '--port', '0', '--data', dataDir, ...(reset ? ['--reset'] : [])],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Tools console:\s+(http:\/\/[^/\s]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`emulator exited early: ${out}`)));
  });
  return { child, url };
}

/** Writers that keep going until the server disappears; answers how many writes were acknowledged. */
async function writeUntilKilled(
  url: string,
  round: number,
): Promise<{ acknowledged: string[]; imsAcknowledged: () => number; done: Promise<void> }> {
  const c = await loggedIn(url);
  const token = await c.csrfToken();
  const acknowledged: string[] = [];
  let ims = 0;
  const done = Promise.all(
    Array.from({ length: 3 }, async (_, w) => {
      for (let i = 0; ; i++) {
        try {
          // A node with four properties (Sling POST) and an IMS configuration (two files in one change).
          const path = `/conf/crash/r${round}w${w}i${i}`;
          const node = await c.post(path, new URLSearchParams({ a: path, b: path, c: path, d: path }), { 'CSRF-Token': token });
          if (node.status < 300) acknowledged.push(path);
          const config = await c.post('/apps/bpsetup/ims/update', oauthForm(`r${round}w${w}i${i}`), { 'CSRF-Token': token });
          if (config.status === 200) ims += 1;
        } catch {
          return; // the server is gone
        }
      }
    }),
  ).then(() => undefined);
  return { acknowledged, imsAcknowledged: () => ims, done };
}

// Kill moments spread over the write stream: 4 rounds cover early, middle and late; the soak runs 20.
const KILLS = rounds(4, 20);

test(`killed during writes, ${KILLS} times over: the store always parses, every node whole or absent, every acknowledged write kept`, async () => {
  let imsAcknowledged = 0;
  for (let round = 0; round < KILLS; round++) {
    const { child, url } = startChild(dir, round === 0);
    const writers = await writeUntilKilled(await url, round);
    // Deterministic spread of kill moments: early, middle and late in the write stream.
    await new Promise((r) => setTimeout(r, 40 + ((round * 37) % 160)));
    child.kill('SIGKILL');
    await writers.done;
    imsAcknowledged += writers.imsAcknowledged();

    const stored = JSON.parse(readFileSync(join(dir, 'repository.json'), 'utf8')) as RepoNode;
    const crash = stored.children.conf?.children.crash?.children ?? {};
    for (const [name, node] of Object.entries(crash)) {
      const path = `/conf/crash/${name}`;
      expect([path, node.props]).toEqual([path, expect.objectContaining({ a: path, b: path, c: path, d: path })]);
    }
    for (const path of writers.acknowledged) expect([path, Boolean(crash[path.split('/').pop() as string])]).toEqual([path, true]);
    // An IMS configuration is its two .config files, never one of them alone.
    const configs = Object.keys(stored.children.apps.children.system.children.config.children);
    const provider = configs.filter((n) => n.startsWith('com.adobe.granite.auth.oauth.accesstoken.provider'));
    const customizer = configs.filter((n) => n.startsWith('com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl'));
    expect(provider.map((n) => n.replace(/^.*provider/, ''))).toEqual(customizer.map((n) => n.replace(/^.*Impl/, '')));
  }
  // The last state opens in a fresh emulator, which removes the temp files the kills left.
  writeFileSync(join(dir, 'repository.json.999999.tmp'), '{"half": ');
  const emu = await startTestEmulator({ dataDir: dir });
  try {
    // Every acknowledged configuration survived its kill (an unacknowledged one may not have).
    expect(listImsConfigs(emu.context.repo).length).toBeGreaterThanOrEqual(imsAcknowledged);
    // This emulator's own snapshot may be on its way (its start installs the package): the look
    // at the folder waits for it, else its live temp file would be taken for a leftover.
    await emu.context.repo.flushed();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  } finally {
    await emu.close();
  }
}, 80000);

test('oversized bodies get 413; malformed input gets 4xx and the server keeps serving', async () => {
  const emu = await startTestEmulator();
  try {
    const c = await loggedIn(emu.url);
    const big = await c.write('/apps/bpsetup/ims/update', new URLSearchParams({ title: 'x'.repeat(9 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    const multipart = await c.write('/crx/packmgr/service/.json/?cmd=upload', '--broken\r\nnot really', {
      'Content-Type': 'multipart/form-data; boundary=broken',
    });
    expect(multipart.status).toBeLessThan(500);
    const json = await controlFetch(`${emu.url}/__emulator/ims/integrations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{nope',
    });
    expect([json.status, await json.text()]).toEqual([400, 'Request body is not valid JSON']);
    expect((await c.get('/system/console/status-productinfo.json')).status).toBe(200);
  } finally {
    await emu.close();
  }
});

/** A request with any Host header (fetch would not let a test set it). */
function withHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/libs/granite/core/content/login.html`, { headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('only its own host names are served: a rebound DNS name gets 421', async () => {
  const emu = await startTestEmulator({ hostNames: ['author.example'] });
  try {
    const port = new URL(emu.url).port;
    for (const own of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `author.example:${port}`, 'LOCALHOST'])
      expect([own, await withHost(emu.url, own)]).toEqual([own, 200]);
    for (const other of [`attacker.example:${port}`, 'evil.example', '127.0.0.1.evil.example'])
      expect([other, await withHost(emu.url, other)]).toEqual([other, 421]);
  } finally {
    await emu.close();
  }
});
