#!/usr/bin/env node
// Writes the three FileVault content packages to target/, the same packages `mvn verify` builds:
//   bpsetup.ui.apps-<version>.zip     application: everything under /apps (the npm-built clientlib too)
//   bpsetup.ui.content-<version>.zip  content: the page's settings under /conf/bpsetup and their access rule
//   bpsetup.all-<version>.zip         container: both, as sub packages under /etc/packages/bpsetup
// Deterministic: sorted entries, explicit directories, fixed mtime and mode, so two clean builds
// give byte-identical zips. properties.xml is generated from package.json (one version source).
'use strict';
const fs = require('fs');
const path = require('path');
const yazl = require('yazl');

const ROOT = path.resolve(__dirname, '..');
const pkg = require(path.join(ROOT, 'package.json'));
const GROUP = 'bpsetup';
const MTIME = new Date('2020-01-01T00:00:00Z');

/** Each package as its module's pom.xml describes it (the package test compares both builds). */
const PACKAGES = {
  apps: {
    name: 'bpsetup.ui.apps',
    content: path.join(ROOT, 'ui.apps/src/main/content'),
    description: 'Brand Portal setup for the AEM Tools console: Tools tile, setup page and its client library',
    packageType: 'application',
  },
  content: {
    name: 'bpsetup.ui.content',
    content: path.join(ROOT, 'ui.content/src/main/content'),
    description: "Brand Portal setup: the setup page's settings on this author",
    packageType: 'content',
    // The access rule on /conf/bpsetup (only administrators may write the settings that steer
    // addresses) replaces whatever list was there: FileVault's default, ignore, would not install it.
    acHandling: 'overwrite',
  },
  all: {
    name: 'bpsetup.all',
    description: 'Brand Portal setup: the application and its settings, installed together',
    packageType: 'container',
    subPackages: ['apps', 'content'],
  },
};
/** The package an admin installs (and the emulator starts with). */
const PACKAGE = { group: GROUP, name: PACKAGES.all.name, version: pkg.version };

const fileName = (p) => `${p.name}-${pkg.version}.zip`;

const xmlEscape = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]);

function propertiesXml(p) {
  const entries = {
    name: p.name,
    group: GROUP,
    version: pkg.version,
    description: p.description,
    packageType: p.packageType,
    requiresRoot: 'false',
    allowIndexDefinitions: 'false',
    ...(p.acHandling ? { acHandling: p.acHandling } : {}),
  };
  const lines = Object.keys(entries).map((k) => `<entry key="${xmlEscape(k)}">${xmlEscape(entries[k])}</entry>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE properties SYSTEM "http://java.sun.com/dtd/properties.dtd">\n<properties>\n${lines.join('\n')}\n</properties>\n`;
}

const subPackagePath = (p) => `/etc/packages/${GROUP}/${fileName(p)}`;

function containerFilterXml(subs) {
  const roots = subs.map((p) => `    <filter root="${subPackagePath(p)}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<workspaceFilter version="1.0">\n${roots.join('\n')}\n</workspaceFilter>\n`;
}

/** One package's zip as a Buffer. */
function zipOf(p, subZips) {
  const zip = new yazl.ZipFile();
  const dir = (d) => zip.addEmptyDirectory(d, { mtime: MTIME, mode: 0o40755 });
  const file = (f, buf) => zip.addBuffer(buf, f, { mtime: MTIME, mode: 0o100644, compress: true });
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
  if (subZips) {
    file('META-INF/vault/filter.xml', Buffer.from(containerFilterXml(subZips.map(([s]) => s))));
    file('META-INF/vault/properties.xml', Buffer.from(propertiesXml(p)));
    for (const d of ['jcr_root', 'jcr_root/etc', 'jcr_root/etc/packages', `jcr_root/etc/packages/${GROUP}`]) dir(d);
    for (const [s, buf] of subZips) file(`jcr_root${subPackagePath(s)}`, buf);
  } else {
    file('META-INF/vault/filter.xml', fs.readFileSync(path.join(p.content, 'META-INF/vault/filter.xml')));
    file('META-INF/vault/properties.xml', Buffer.from(propertiesXml(p)));
    addTree(path.join(p.content, 'jcr_root'), 'jcr_root');
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks = [];
    zip.outputStream.on('data', (c) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** Builds the three packages into outDir; answers the path of `all`. */
async function build(outDir = path.join(ROOT, 'target')) {
  const clientlib = path.join(PACKAGES.apps.content, 'jcr_root/apps/bpsetup/clientlibs/clientlib-setup');
  if (!fs.existsSync(path.join(clientlib, 'js.txt'))) {
    throw new Error('The generated clientlib is missing: run "npm run build" (webpack and clientlib) first.');
  }
  fs.mkdirSync(outDir, { recursive: true });
  const subs = [];
  for (const key of PACKAGES.all.subPackages) {
    const buf = await zipOf(PACKAGES[key]);
    fs.writeFileSync(path.join(outDir, fileName(PACKAGES[key])), buf);
    subs.push([PACKAGES[key], buf]);
  }
  const all = path.join(outDir, fileName(PACKAGES.all));
  fs.writeFileSync(all, await zipOf(PACKAGES.all, subs));
  return all;
}

module.exports = { PACKAGE, PACKAGES, propertiesXml, build };

if (require.main === module) {
  const i = process.argv.indexOf('--out');
  build(i > 0 ? path.resolve(process.argv[i + 1]) : undefined)
    .then((f) =>
      console.log(`content package: ${path.relative(ROOT, f)} (${fs.statSync(f).size} bytes), with ui.apps and ui.content beside it`),
    )
    .catch((e) => {
      console.error(e.message);
      process.exit(1);
    });
}
