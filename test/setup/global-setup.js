// Jest global setup: a fresh build when sources changed, the JSPs compiled, then one headless Chromium for the whole
// run, as a browser server whose address the workers inherit (test/helpers/chromium.ts connects
// to it). A browser start costs about a second of CPU; a context in a running one, milliseconds.
'use strict';
const { existsSync, mkdirSync } = require('fs');
const path = require('path');
const freshBuild = require('./fresh-build');

module.exports = async function globalSetup(globalConfig) {
  await freshBuild();
  // The JSPs once, before any worker: three files run them, and workers building the same output
  // folder at once would waste the CPU and delete each other's classes. Reused when up to date.
  require('../../scripts/build-jsp.js').buildJsp();
  if (process.env.BPSETUP_NO_BROWSER === '1') return;
  const { chromium } = require('playwright-core');
  const launch = require('../helpers/chromium-launch.json');
  const executablePath = [process.env.CHROMIUM_PATH, ...launch.candidates].find((p) => p && existsSync(p));
  if (!executablePath) throw new Error('Chromium not found: run "apt-get install -y chromium" or set CHROMIUM_PATH.');
  const tmp = path.join(globalConfig.rootDir, '.tmp');
  mkdirSync(tmp, { recursive: true });
  const server = await chromium.launchServer({
    executablePath,
    headless: true,
    args: launch.flags,
    env: { ...process.env, TMPDIR: tmp },
  });
  // The name test/helpers/chromium.ts reads (BROWSER_ENDPOINT_ENV).
  process.env.BPSETUP_BROWSER_WS = server.wsEndpoint();
  globalThis.__bpsetupBrowserServer = server;
};
