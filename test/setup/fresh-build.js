// Jest global setup: tests run built outputs (bundle, content package, compiled emulator and CLI),
// so when any source is newer than those outputs, build them once first. `npx jest` after an edit
// then tests the code as edited, never a stale build. `npm test` builds before Jest (scripts/checks.js): nothing to do.
'use strict';
const fs = require('fs');
const path = require('path');
const { execSync } = require('child_process');

const ROOT = path.resolve(__dirname, '../..');
const SOURCES = [
  'core',
  'ui.frontend/src',
  'ui.apps/src/main/content',
  'ui.content/src/main/content',
  'emulator',
  'cli',
  'scripts',
  'webpack.config.js',
  'clientlib.config.js',
  'package.json',
];
const GENERATED = path.join('ui.apps', 'src', 'main', 'content', 'jcr_root', 'apps', 'bpsetup', 'clientlibs', 'clientlib-setup');

function newest(p) {
  const abs = path.join(ROOT, p);
  if (!fs.existsSync(abs)) return 0;
  const stat = fs.statSync(abs);
  if (!stat.isDirectory()) return stat.mtimeMs;
  if (path.relative(ROOT, abs) === GENERATED) return 0;
  return fs.readdirSync(abs).reduce((m, n) => Math.max(m, newest(path.join(p, n))), 0);
}

const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const PACKAGE = [`target/bpsetup.all-${VERSION}.zip`];
/** The compiled emulator and CLI (`npm run build:emulator`; npm ci's prepare makes them). */
const COMPILED = ['build/emulator/server.js', 'build/cli/main.js'];

function oldest(outputs) {
  const abs = outputs.map((p) => path.join(ROOT, p));
  return abs.every((p) => fs.existsSync(p)) ? Math.min(...abs.map((p) => fs.statSync(p).mtimeMs)) : 0;
}

const newestSource = () => Math.max(...SOURCES.map(newest));

/** Whether a source is newer than the compiled emulator and CLI. */
const compiledIsStale = () => oldest(COMPILED) < newestSource();

async function freshBuild() {
  const sources = newestSource();
  const steps = [
    ...(oldest(PACKAGE) < sources ? ['npm run build --silent'] : []),
    ...(oldest(COMPILED) < sources ? ['npm run build:emulator --silent'] : []),
  ];
  if (!steps.length) return;
  process.stdout.write('\nSources changed since the last build: building once before the tests...\n');
  execSync(steps.join(' && '), { cwd: ROOT, stdio: 'inherit' });
}

module.exports = freshBuild;
module.exports.compiledIsStale = compiledIsStale;
