/**
 * The package's compiled health JSPs (Apache Jasper, as AEM 6.5 compiles them) running in an
 * embedded Tomcat 9 (test/jsp/harness), with access-token providers that make real
 * client-credentials requests. Built by scripts/build-jsp.js; started on a free loopback port.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildJsp } = require('../../scripts/build-jsp.js') as { buildJsp: () => string };

export interface HarnessProvider {
  name: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
}

export interface HarnessUser {
  id: string;
  password: string;
  admin: boolean;
}

export interface RunningHarness {
  url: string;
  close(): Promise<void>;
}

export async function startJspHarness(users: HarnessUser[], providers: HarnessProvider[]): Promise<RunningHarness> {
  const classpath = buildJsp();
  const config = join(tempDir('jsp-harness'), 'harness.tsv');
  const line = (fields: string[]) => fields.join('\t');
  writeFileSync(
    config,
    [
      ...users.map((u) => line(['user', u.id, u.password, u.admin ? 'admin' : 'user'])),
      ...providers.map((p) => line(['provider', p.name, p.tokenUrl, p.clientId, p.clientSecret, p.scope])),
    ].join('\n'),
  );
  const child: ChildProcess = spawn('java', ['-cp', classpath, 'HealthHarness', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`JSP harness did not start:\n${stderr}`)), 20000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /HARNESS_PORT=(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`JSP harness exited (${code}):\n${stderr}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
