#!/usr/bin/env node
// npm test's first half: the build (bundle, clientlib, content package), ESLint, Prettier, the
// TypeScript check, the JSP compile and, when a source is newer than build/ (npm ci's prepare made it),
// the compiled emulator and CLI the tests run, side by side, each one's output printed whole when it
// ends. Exits non-zero, naming them, if any fails; Jest runs only after all pass. (Running Jest beside
// the checks was measured too: no faster on two cores, and the busier machine slowed the browser tests.)
'use strict';
const { spawn } = require('child_process');
const { compiledIsStale } = require('../test/setup/fresh-build');

const CHECKS = [
  ['build', 'npm run build --silent'],
  ['eslint', 'npx eslint .'],
  ['prettier', 'npx prettier --check --log-level warn "**/*.{ts,js,json}"'],
  ['typescript', 'npm run typecheck --silent'],
  // The package's JSPs through Jasper, once for the run (three test files use them).
  ['jsp', 'node scripts/build-jsp.js'],
  ...(compiledIsStale() ? [['emulator and CLI', 'npm run build:emulator --silent']] : []),
];

function run([name, command]) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`${code === 0 ? '✔' : '✖'} ${name} (${seconds} s)\n${code === 0 ? '' : output}`);
      resolve(code === 0 ? undefined : name);
    });
  });
}

Promise.all(CHECKS.map(run)).then((results) => {
  const failed = results.filter(Boolean);
  if (failed.length) {
    console.error(`Failed: ${failed.join(', ')}`);
    process.exit(1);
  }
});
