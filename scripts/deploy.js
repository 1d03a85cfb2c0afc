#!/usr/bin/env node
// `npm run deploy`: uploads and installs the built content package through Package Manager's
// HTTP API [contract: Package Manager] on an AEM author or the emulator.
//   AEM_URL (default http://localhost:4502), AEM_USER (admin), AEM_PASSWORD (admin)
// The password is read from the environment and never printed.
'use strict';
const fs = require('fs');
const path = require('path');
const { PACKAGE } = require('./build-package');

const ROOT = path.resolve(__dirname, '..');
const base = (process.env.AEM_URL || 'http://localhost:4502').replace(/\/+$/, '');
const auth = `Basic ${Buffer.from(`${process.env.AEM_USER || 'admin'}:${process.env.AEM_PASSWORD || 'admin'}`).toString('base64')}`;

async function csrfToken() {
  const res = await fetch(`${base}/libs/granite/csrf/token.json`, { headers: { Authorization: auth } });
  if (!res.ok) throw new Error(`CSRF token: HTTP ${res.status} (is ${base} an AEM author, and are the credentials right?)`);
  return (await res.json()).token;
}

async function packmgr(url, body) {
  const res = await fetch(url, { method: 'POST', body, headers: { Authorization: auth, 'CSRF-Token': await csrfToken() } });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`Package Manager answered HTTP ${res.status} without JSON`);
  }
  if (!json.success) throw new Error(`Package Manager: ${json.msg}`);
  return json;
}

async function main() {
  const file = path.join(ROOT, 'target', `${PACKAGE.name}-${PACKAGE.version}.zip`);
  if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run "npm run build" first`);
  const form = new FormData();
  form.set('package', new Blob([fs.readFileSync(file)]), path.basename(file));
  form.set('force', 'true');
  const uploaded = await packmgr(`${base}/crx/packmgr/service/.json/?cmd=upload`, form);
  console.log(`uploaded ${uploaded.path}`);
  const installed = await packmgr(
    `${base}/crx/packmgr/service/.json${uploaded.path}?cmd=install`,
    new URLSearchParams({ recursive: 'true' }),
  );
  console.log(`installed: ${installed.msg}`);
  console.log(`open ${base}/apps/bpsetup/content/setup.html`);
}

/** Node's fetch says only "fetch failed": name the author and what the network said. */
function explain(e) {
  if (e instanceof TypeError && e.message === 'fetch failed') {
    const code = e.cause && (e.cause.code || (e.cause.errors && e.cause.errors[0] && e.cause.errors[0].code));
    return `Could not reach ${base}${code ? ` (${code})` : ''}: check that AEM is running there and that AEM_URL is its address, for example AEM_URL=http://localhost:4502.`;
  }
  return e.message;
}

main().catch((e) => {
  console.error(explain(e));
  process.exit(1);
});
