// Jest global teardown: closes the run's shared Chromium (see global-setup.js).
'use strict';
module.exports = async function globalTeardown() {
  await globalThis.__bpsetupBrowserServer?.close();
};
