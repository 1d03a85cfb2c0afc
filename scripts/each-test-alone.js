#!/usr/bin/env node
/**
 * `npm run test:alone [-- <path filter>]`: runs every test of the chosen files on its own
 * (jest -t with the test's full name), the way a maintainer reruns one failing test. A test that
 * passes in its file but fails alone leans on state another test left behind. Slow by design: it
 * is a maintainer's check, not part of `npm test`.
 */
const { execFileSync, spawnSync } = require('node:child_process');

const filter = process.argv[2] ?? 'test/(e2e|cli|emulator)/';
const files = execFileSync('npx', ['jest', '--listTests', filter], { encoding: 'utf8' }).split('\n').filter(Boolean);
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
let failed = 0;
for (const file of files) {
  const list = spawnSync('npx', ['jest', file, '--json', '--testNamePattern', '^$', '--silent'], { encoding: 'utf8' });
  const names = JSON.parse(list.stdout.slice(list.stdout.indexOf('{'))).testResults.flatMap((r) =>
    r.assertionResults.map((a) => a.fullName),
  );
  for (const name of names) {
    const run = spawnSync('npx', ['jest', file, '-t', `^${escapeRegex(name)}$`, '--silent'], { encoding: 'utf8' });
    const ok = run.status === 0 && /Tests:\s+(\d+ skipped, )?1 passed/.test(run.stderr);
    if (!ok) failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${file.replace(process.cwd() + '/', '')} › ${name}`);
  }
}
console.log(failed ? `${failed} test(s) fail when run alone` : 'every test passes when run alone');
process.exitCode = failed ? 1 : 0;
