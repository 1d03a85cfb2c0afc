#!/usr/bin/env node
// Writes the FileVault content package target/bpsetup.ui.apps-<version>.zip from ui.apps.
// Deterministic: sorted entries, explicit directories, fixed mtime and mode, so two clean builds
// give byte-identical zips. properties.xml is generated from package.json (one version source).
'use strict';
const fs = require('fs');
const path = require('path');
const yazl = require('yazl');

const ROOT = path.resolve(__dirname, '..');
const CONTENT = path.join(ROOT, 'ui.apps/src/main/content');
const pkg = require(path.join(ROOT, 'package.json'));

const PACKAGE = { group: 'bpsetup', name: 'bpsetup.ui.apps', version: pkg.version };
const MTIME = new Date('2020-01-01T00:00:00Z');

const xmlEscape = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]);

function propertiesXml() {
  const entries = {
    name: PACKAGE.name,
    group: PACKAGE.group,
    version: PACKAGE.version,
    description: 'Brand Portal setup for the AEM Tools console: Tools tile, setup page and its client library',
    packageType: 'mixed', // app code under /apps plus the settings node under /conf (merge: never overwritten)
    requiresRoot: 'false',
    allowIndexDefinitions: 'false',
    // The access rule on /conf/bpsetup (only administrators may write the settings that steer addresses)
    // replaces whatever list was there: FileVault's default, ignore, would not install it.
    acHandling: 'overwrite',
  };
  const lines = Object.keys(entries).map((k) => `<entry key="${xmlEscape(k)}">${xmlEscape(entries[k])}</entry>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE properties SYSTEM "http://java.sun.com/dtd/properties.dtd">\n<properties>\n${lines.join('\n')}\n</properties>\n`;
}

function build(outDir = path.join(ROOT, 'target')) {
  const jcrRoot = path.join(CONTENT, 'jcr_root');
  const clientlib = path.join(jcrRoot, 'apps/bpsetup/clientlibs/clientlib-setup');
  if (!fs.existsSync(path.join(clientlib, 'js.txt'))) {
    throw new Error('The generated clientlib is missing: run "npm run build" (webpack and clientlib) first.');
  }
  fs.mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `${PACKAGE.name}-${PACKAGE.version}.zip`);

  const zip = new yazl.ZipFile();
  const dir = (p) => zip.addEmptyDirectory(p, { mtime: MTIME, mode: 0o40755 });
  const file = (p, buf) => zip.addBuffer(buf, p, { mtime: MTIME, mode: 0o100644, compress: true });
  const addTree = (abs, rel) => {
    dir(rel);
    for (const name of fs.readdirSync(abs).sort()) {
      const a = path.join(abs, name);
      if (fs.statSync(a).isDirectory()) addTree(a, `${rel}/${name}`);
      else file(`${rel}/${name}`, fs.readFileSync(a));
    }
  };
  dir('META-INF');
  dir('META-INF/vault');
  file('META-INF/vault/filter.xml', fs.readFileSync(path.join(CONTENT, 'META-INF/vault/filter.xml')));
  file('META-INF/vault/properties.xml', Buffer.from(propertiesXml()));
  addTree(jcrRoot, 'jcr_root');
  zip.end();
  return new Promise((resolve, reject) => {
    zip.outputStream
      .pipe(fs.createWriteStream(outFile))
      .on('close', () => resolve(outFile))
      .on('error', reject);
  });
}

module.exports = { PACKAGE, propertiesXml, build };

if (require.main === module) {
  const i = process.argv.indexOf('--out');
  build(i > 0 ? path.resolve(process.argv[i + 1]) : undefined)
    .then((f) => console.log(`content package: ${path.relative(ROOT, f)} (${fs.statSync(f).size} bytes)`))
    .catch((e) => {
      console.error(e.message);
      process.exit(1);
    });
}
