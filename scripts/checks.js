#!/usr/bin/env node
// npm test, in two phases that keep both cores busy:
//   1. what the tests run: the build (bundle, clientlib, content package), the JSPs through Jasper, and
//      the compiled emulator and CLI when their sources are newer than build/ (npm ci's prepare built them);
//   2. Jest, its output live, with ESLint, Prettier and the TypeScript check beside it: the tests
//      mostly wait on HTTP and the browser, and the checks fill that idle CPU.
// Each check's output is printed whole when Jest has ended. Exits non-zero, naming what failed.
// Arguments go to Jest (`npm test -- -t "reset"`).
'use strict';
const { spawn } = require('child_process');
const { compiledIsStale } = require('../test/setup/fresh-build');

const JEST = ['--selectProjects', 'domain', 'unit', 'page', 'node'];

function run([name, command], { live = false } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    let output = '';
    if (!live) {
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
    }
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      resolve({ name, ok: code === 0, line: `${code === 0 ? '✔' : '✖'} ${name} (${seconds} s)\n${code === 0 ? '' : output}` });
    });
  });
}

const report = (results) => {
  for (const r of results) process.stdout.write(r.line);
  return results.filter((r) => !r.ok).map((r) => r.name);
};

function fail(names) {
  console.error(`Failed: ${names.join(', ')}`);
  process.exit(1);
}

async function main() {
  const prepare = [
    ['build', 'npm run build --silent'],
    // The package's JSPs, once for the run (three test files run them); reused when up to date.
    ['jsp', 'node scripts/build-jsp.js'],
  ];
  if (compiledIsStale()) prepare.push(['emulator and CLI', 'npm run build:emulator --silent']);
  const prepared = report(await Promise.all(prepare.map((c) => run(c))));
  if (prepared.length) fail(prepared);

  const checks = Promise.all(
    [
      ['eslint', 'npx eslint .'],
      ['prettier', 'npx prettier --check --log-level warn "**/*.{ts,js,json}"'],
      ['typescript', 'npm run typecheck --silent'],
    ].map((c) => run(c)),
  );
  const quoted = process.argv.slice(2).map((a) => `'${a.replace(/'/g, `'\\''`)}'`);
  const jest = await run(['jest', ['npx jest', ...JEST, ...quoted].join(' ')], { live: true });
  const failed = report([...(await checks), jest]);
  if (failed.length) fail(failed);
}

void main();
