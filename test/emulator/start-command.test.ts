/**
 * The emulator's start command as a new user meets it: --help prints the options and starts
 * nothing; a bad --port is named with what it got; a port already in use is named, with the way
 * to choose another; deploy to an author that is not there names it; the banner's credential
 * line is what the page's paste reads, with the demo values.
 */
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseCredentials } from '../../core/domain/credentials';
import { PROJECT_ROOT } from '../../emulator/paths';
import { DEMO_INTEGRATION, DEMO_TENANT_URL } from '../../emulator/scenarios';
import { tempDir } from '../helpers/temp';

const MAIN = join(PROJECT_ROOT, 'build/emulator/main.js');
const run = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [MAIN, '--data', tempDir('start-'), ...args], { timeout: 20000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );

test('--help prints every option and the environment, and starts no server', async () => {
  const r = await run(['--help', '--port', '1']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('--port <n>');
  expect(r.stdout).toContain('BPSETUP_PORT');
  expect(r.stdout).not.toContain('Brand Portal page:');
});

test('a bad --port is named with what it got', async () => {
  for (const bad of ['abc', '70000', '-1']) {
    const r = await run(['--port', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--port must be a whole number from 0 to 65535 (got "${bad}")`);
    expect(r.stderr).not.toContain('NaN');
  }
});

test('a port in use is named, with how to choose another', async () => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as { port: number }).port;
  try {
    const r = await run(['--port', String(port)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(r.stderr).toContain('npm start -- --port <n>');
  } finally {
    busy.close();
  }
});

test('npm run deploy to an author that is not there names the address instead of "fetch failed"', async () => {
  const r = await new Promise<{ code: number; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      [join(PROJECT_ROOT, 'scripts/deploy.js')],
      { env: { ...process.env, AEM_URL: 'http://127.0.0.1:9' } },
      (err, _o, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stderr }),
    ),
  );
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('Could not reach http://127.0.0.1:9');
  expect(r.stderr).not.toMatch(/^fetch failed/m);
});

test("the start banner's credential line, pasted as is, gives the page the demo credential for Connect", async () => {
  const child = spawn(process.execPath, [MAIN, '--data', tempDir('start-'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let banner = '';
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        banner += chunk.toString();
        if (banner.includes('Stop with Ctrl+C.')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`the emulator stopped (${code}): ${banner}`)));
    });
  } finally {
    child.kill();
  }
  const lines = banner.split('\n');
  const intro = lines.findIndex((l) => l.includes('click Connect:'));
  expect(lines[intro - 1]).toContain('"Credential JSON from the Adobe Developer Console"');
  expect(lines[intro]).toContain('"Brand Portal address"');
  const parsed = parseCredentials(lines[intro + 1].trim());
  expect(parsed).toEqual({
    clientId: DEMO_INTEGRATION.clientId,
    clientSecret: DEMO_INTEGRATION.clientSecret,
    orgId: DEMO_INTEGRATION.orgId,
    technicalAccountId: DEMO_INTEGRATION.technicalAccountId,
    scopes: DEMO_INTEGRATION.scopes,
    authType: 'oauth',
    notes: [],
  });
  expect(banner).toContain(`Demo Brand Portal tenant: ${DEMO_TENANT_URL}`);
});
