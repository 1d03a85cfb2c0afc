/** Runs the `bpsetup` command as a user would (its bin script, a real process), with extra environment. */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../emulator/paths';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function bpsetup(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      ['bin/bpsetup.js', ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, AEM_USER: 'admin', AEM_PASSWORD: 'admin', ...env }, timeout: 60000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

/**
 * A setup.json in `dir` for one OAuth credential and tenant, its secret from BPSETUP_CLIENT_SECRET
 * (as the README's example): the file a CLI test runs `setup` with. Answers its path.
 */
export function writeSetupJson(dir: string, config: { clientId: string; orgId: string; tenantUrl: string }): string {
  const file = join(dir, 'setup.json');
  writeFileSync(file, JSON.stringify({ ...config, scopes: ['openid', 'AdobeID'], clientSecretEnv: 'BPSETUP_CLIENT_SECRET' }));
  return file;
}
