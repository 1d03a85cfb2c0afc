/**
 * `npm run probe` is read-only: against the emulator the journal shows GET requests only, and the
 * transport refuses a write before sending it. Its page scan finds action URLs and form field
 * names in a console page and its scripts, and turns matching addresses into the override to paste.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { NodeTransport, ReadOnlyViolation } from '../../cli/node-transport';
import { MAX_SCAN, overrideCommand, probe, scanText } from '../../cli/probe';
import { PROJECT_ROOT } from '../../emulator/paths';
import type { RunningEmulator } from '../../emulator/server';
import { startTestEmulator } from '../helpers/emulator';
import { tempDir } from '../helpers/temp';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

test('the probe command sends no write, prints its table and writes the JSON report', async () => {
  const dir = tempDir('probe-');
  const since = emu.context.journal.lastSeq;
  const out = join(dir, 'report.json');
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) =>
    execFile(
      process.execPath,
      ['build/cli/probe-main.js', '--url', emu.url, '--out', out],
      { cwd: PROJECT_ROOT, env: { ...process.env, AEM_PASSWORD: 'admin' } },
      (err, stdout) => resolve({ code: err ? 1 : 0, stdout }),
    ),
  );
  expect(code).toBe(0);
  expect(stdout).toContain('version 6.5.21.0');
  expect(stdout).toContain('publicKey');
  expect(stdout).toContain('healthScript');
  expect(stdout).not.toContain('admin:admin');
  const requests = emu.context.journal.list(since);
  expect(requests.length).toBeGreaterThan(5);
  expect(requests.filter((r) => r.write)).toEqual([]);
  const report = JSON.parse(readFileSync(out, 'utf8')) as Awaited<ReturnType<typeof probe>>;
  expect(report.requests).toEqual({ total: requests.length, writes: 0 });
  expect(report.serviceUser).toMatch(/^\/home\/users\/system\/[A-Za-z0-9_-]{20}$/);
  expect(report.endpoints.find((e) => e.key === 'publicKey')).toMatchObject({ status: 404, verdict: 'absent' });
  // The package's health script runs (its own 400 for a missing name); the two consoles answer an administrator.
  expect(report.services.healthScript).toMatchObject({
    status: 400,
    verdict: 'answers',
    note: expect.stringContaining('installed and compiled'),
  });
  expect(report.services.configManager).toMatchObject({ status: 200, verdict: 'answers' });
  expect(report.services.cryptoSupport).toMatchObject({ read: '/system/console/crypto', status: 200, verdict: 'answers' });
  // An empty author has no Brand Portal agent whose log (an INFERRED address) could be asked.
  expect(report.services.agentLog).toMatchObject({ verdict: 'absent', note: 'no Brand Portal agent on this author to ask' });
  expect(report.endpoints.find((e) => e.key === 'imsConfigUpdate')?.note).toContain(
    'cq/adobeims-configuration/components/admin/datasources/imsconfigurations/update',
  );
  expect(report.endpoints.every((e) => e.confidence !== 'CONFIRMED')).toBe(true);
});

test('a password flag is refused', async () => {
  const code = await new Promise<number>((resolve) =>
    execFile(process.execPath, ['build/cli/probe-main.js', '--url', emu.url, '--password', 'x'], { cwd: PROJECT_ROOT }, (err) =>
      resolve(err ? ((err as { code?: number }).code ?? 1) : 0),
    ),
  );
  expect(code).toBe(2);
});

test('the transport refuses writes before anything is sent', async () => {
  const t = new NodeTransport({ baseUrl: emu.url, credentials: { user: 'admin', password: 'admin' }, readOnly: true });
  const since = emu.context.journal.lastSeq;
  await expect(t.request('POST', '/apps/bpsetup/x', { body: 'a=b' })).rejects.toBeInstanceOf(ReadOnlyViolation);
  expect(emu.context.journal.list(since)).toEqual([]);
});

test('the page scan lists scripts, URLs and field names, and suggests overrides from them', async () => {
  // A stand-in console page and script (made up for this test, not AEM's).
  const pages: Record<string, string> = {
    '/libs/cq/adobeims-configuration/content/configurations.html':
      '<script src="/libs/cq/adobeims-configuration/clientlibs/ims.js"></script><form action="/libs/x/save"><input name="clientId"></form>',
    '/libs/cq/adobeims-configuration/clientlibs/ims.js':
      'fetch("/libs/cq/adobeims-configuration/content/configurations/publickey.crt?id="+id); var f = new FormData(); f.append("authType", "oauth"); f.set("scope", s);',
  };
  // An author that serves just these two files (and 404 for the rest), over real HTTP.
  const server = createServer((req, res) => {
    const body = pages[new URL(req.url ?? '/', 'http://x').pathname];
    res.writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'text/html' }).end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const t = new NodeTransport({ baseUrl: base, credentials: { user: 'u', password: 'p' }, readOnly: true });
  try {
    const report = await probe(t);
    const consolePage = report.pages[0];
    expect(consolePage.scripts).toEqual(['/libs/cq/adobeims-configuration/clientlibs/ims.js']);
    expect(consolePage.fieldNames).toEqual(['clientId']);
    const script = report.pages.find((p) => p.path.endsWith('ims.js'));
    expect(script?.fieldNames).toEqual(['authType', 'scope']);
    expect(report.suggestions.publicKey).toEqual(['/libs/cq/adobeims-configuration/content/configurations/publickey.crt']);
    expect(report.suggestions).not.toHaveProperty('checkHealth');
    expect(overrideCommand(report, 'admin')).toBe(
      `curl -u admin -F 'publicKey=/libs/cq/adobeims-configuration/content/configurations/publickey.crt' ${base}/conf/bpsetup/settings/endpoints`,
    );
    // What the probe suggests is what the page accepts as an override.
    const { withOverrides } = await import('../../core/contract/endpoints');
    expect(withOverrides({ publicKey: report.suggestions.publicKey?.[0] })).toMatchObject({ applied: ['publicKey'], refused: [] });
    expect(report.requests.writes).toBe(0);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('the page scan is linear and capped: 320 KB of unclosed script tags is read at once, what lies past the cap is not', () => {
  // Before: the tag pattern backtracked over every unclosed tag (this input took about 15 s).
  const hostile = `${'<script '.repeat(40000)}<script type="x" src="/libs/found.js"></script>`;
  expect(scanText(hostile, false).scripts).toEqual(['/libs/found.js']);
  const page = `<script src="/libs/a.js"></script><input name="jcr:title"> fetch("/bin/x.json") form.set('clientId', v)`;
  expect(scanText(page, false)).toEqual({
    scripts: ['/libs/a.js'],
    urls: ['/bin/x.json', '/libs/a.js'],
    fieldNames: ['clientId', 'jcr:title'],
  });
  expect(scanText(`${' '.repeat(MAX_SCAN)}"/libs/late.js"`, true).urls).toEqual([]);
});
