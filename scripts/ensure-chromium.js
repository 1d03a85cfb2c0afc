#!/usr/bin/env node
// Pretest: make sure a Chromium for the end-to-end tests exists before any test starts, so a
// missing browser is one clear line instead of a launch stack trace. As root with apt-get it
// installs Debian's chromium; otherwise it stops with the exact command to run.
'use strict';
const fs = require('fs');
const { execSync } = require('child_process');

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const found = () => CANDIDATES.find((p) => fs.existsSync(p));

if (found()) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = fs.existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log('Chromium not found: installing Debian package "chromium" for the end-to-end tests...');
  try {
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  } catch (e) {
    console.error('Installing chromium with apt-get failed; see the output above.');
    process.exit(1);
  }
  if (found()) process.exit(0);
}
console.error(
  'Chromium is needed for the end-to-end tests and was not found.\n' +
    (hasApt ? '  Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n' : '  Install Chromium and point CHROMIUM_PATH at its executable.\n') +
    '  Or set CHROMIUM_PATH=/path/to/chromium and run npm test again.',
);
process.exit(1);
