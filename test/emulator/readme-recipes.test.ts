/**
 * The README's curl recipes, run as written against the default (AEM-faithful) emulator: only the
 * address changes. curl is one of the CSRF filter's default safe user agents, so on AEM these
 * writes need no token; the emulator now behaves the same.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../emulator/paths';
import type { RunningEmulator } from '../../emulator/server';
import { startTestEmulator } from '../helpers/emulator';

/** Every ```sh block of the README whose commands are curl calls. */
function readmeCurlRecipes(): string[] {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .filter((block) => /^\s*curl /m.test(block) && !/^\s*(npm|node|npx) /m.test(block));
}

const run = (script: string) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('bash', ['-euo', 'pipefail', '-c', script], { cwd: PROJECT_ROOT, timeout: 20000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

test('the README has curl recipes, and each runs as written against the emulator', async () => {
  const recipes = readmeCurlRecipes();
  expect(recipes.join('\n').match(/^\s*curl /gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
  for (const recipe of recipes) {
    const script = recipe.replace(/http:\/\/localhost:4502/g, emu.url);
    const { code, stdout, stderr } = await run(script);
    expect({ recipe, code, stderr }).toEqual({ recipe, code: 0, stderr: expect.any(String) });
    // Package Manager and Sling both answer success in the body, not only with a status.
    expect(stdout).not.toMatch(/"success":\s*false|<div id="Status">[45]\d\d</);
    expect(stdout.length).toBeGreaterThan(0);
  }
  // They reached AEM's real endpoints, without any CSRF token.
  const writes = emu.context.journal.list(0).filter((r) => r.write);
  expect(writes.length).toBeGreaterThanOrEqual(2);
  expect(writes.every((w) => w.status < 300)).toBe(true);
});
