#!/usr/bin/env node
// `npm run bench`: figures, not pass/fail. Sizes of what AEM downloads for the panel (gzip, as
// a Dispatcher would serve it) and of the content package; and, measured in the same run, what
// bundling Coral instead of using AEM's would have added.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const ROOT = path.resolve(__dirname, '..');
const { PACKAGE } = require('./build-package');
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

const dist = path.join(ROOT, 'ui.frontend/dist/clientlib-setup');
const js = fs.readFileSync(path.join(dist, 'setup.js'));
const css = fs.readFileSync(path.join(dist, 'setup.css'));
const zip = fs.readFileSync(path.join(ROOT, 'target', `${PACKAGE.name}-${PACKAGE.version}.zip`));
const coralDist = path.join(ROOT, 'node_modules/@adobe/coral-spectrum/dist');
const coral = Buffer.concat([fs.readFileSync(path.join(coralDist, 'js/coral.min.js')), fs.readFileSync(path.join(coralDist, 'css/coral.min.css'))]);

const rows = [
  ['panel JS+CSS (gzip)', kb(gz(js) + gz(css)), `${js.length + css.length} B raw`],
  ['  setup.js (gzip)', kb(gz(js)), `${js.length} B raw`],
  ['  setup.css (gzip)', kb(gz(css)), `${css.length} B raw`],
  ['content package zip', kb(zip.length), `${zip.length} B`],
  ['Coral JS+CSS AEM already serves (gzip)', kb(gz(coral)), 'not in our bundle'],
  ['bundling Coral would multiply the download by', `${((gz(js) + gz(css) + gz(coral)) / (gz(js) + gz(css))).toFixed(0)}x`, 'same-run ratio'],
];
const width = Math.max(...rows.map((r) => r[0].length));
console.log('bpsetup benchmark figures');
for (const [name, value, note] of rows) console.log(`  ${name.padEnd(width)}  ${value.padStart(10)}  ${note}`);
