// Jest global setup: tests run built outputs (bundle, content package, compiled emulator and CLI),
// so when any source is newer than those outputs, build them once first. `npx jest` after an edit
// then tests the code as edited, never a stale build. `npm test` builds before Jest: nothing to do.
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

function oldestOutput() {
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  const outputs = [`target/bpsetup.all-${version}.zip`, 'build/emulator/server.js', 'build/cli/main.js'].map((p) => path.join(ROOT, p));
  return outputs.every((p) => fs.existsSync(p)) ? Math.min(...outputs.map((p) => fs.statSync(p).mtimeMs)) : 0;
}

module.exports = async function freshBuild() {
  const sources = Math.max(...SOURCES.map(newest));
  if (oldestOutput() >= sources) return;
  process.stdout.write('\nSources changed since the last build: building once before the tests...\n');
  execSync('npm run build --silent && npm run typecheck:emit --silent', { cwd: ROOT, stdio: 'inherit' });
};
