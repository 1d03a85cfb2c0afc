#!/usr/bin/env node
// Compiles the package's server-side scripts as AEM 6.5 would (Apache Jasper for javax.servlet,
// Tomcat 9's, against small stubs of the Sling, Jackrabbit and Granite interfaces they use), and
// the test harness that runs them in an embedded Tomcat. Output in build/jsp (git-ignored),
// rebuilt only when a script, a stub or the harness changed. Prints the classpath to run with.
//   node scripts/build-jsp.js           build (or reuse) and print the classpath
// Needs Debian's openjdk-17-jdk-headless, libtomcat9-java and ant (scripts/ensure-test-tools.js).
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const JCR_ROOT = path.join(ROOT, 'ui.apps/src/main/content/jcr_root');
/** Every script of the package, at its repository path: static includes name absolute paths. */
const COMPONENTS = 'apps/bpsetup/components';
const SCRIPT = /\.jspf?$/;
const STUBS = path.join(ROOT, 'test/jsp/stubs');
const HARNESS = path.join(ROOT, 'test/jsp/harness');
const OUT = path.join(ROOT, 'build/jsp');
const JAVA = '/usr/share/java';
const JARS = [
  'tomcat9-jasper',
  'tomcat9-servlet-api',
  'tomcat9-jsp-api',
  'tomcat9-el-api',
  'tomcat9-juli',
  'tomcat9-api',
  'tomcat9-util',
  'tomcat9-util-scan',
  'tomcat9-jasper-el',
  'tomcat9-catalina',
  'tomcat9-coyote',
  'tomcat9-annotations-api',
  'tomcat9-jaspic-api',
  'ant',
  'eclipse-jdt-core',
].map((j) => path.join(JAVA, `${j}.jar`));

const scripts = () =>
  fs
    .readdirSync(path.join(JCR_ROOT, COMPONENTS), { recursive: true })
    .map(String)
    .filter((f) => SCRIPT.test(f))
    .sort();

const javaFiles = (dir) =>
  fs
    .readdirSync(dir, { recursive: true })
    .filter((f) => String(f).endsWith('.java'))
    .map((f) => path.join(dir, String(f)))
    .sort();

function inputsHash() {
  const h = crypto.createHash('sha256');
  const files = [
    ...scripts().map((f) => path.join(JCR_ROOT, COMPONENTS, f)),
    ...javaFiles(STUBS),
    ...javaFiles(HARNESS),
    path.join(ROOT, 'scripts/build-jsp.js'),
  ];
  for (const f of files.sort()) h.update(path.relative(ROOT, f)).update(fs.readFileSync(f));
  return h.digest('hex');
}

function build() {
  const missing = JARS.filter((j) => !fs.existsSync(j));
  if (missing.length) throw new Error(`Missing ${missing.join(', ')}: run node scripts/ensure-test-tools.js (Debian libtomcat9-java, ant)`);
  const stamp = path.join(OUT, 'inputs.sha256');
  const hash = inputsHash();
  const classpath = [path.join(OUT, 'stubs'), path.join(OUT, 'classes'), path.join(OUT, 'harness'), ...JARS].join(path.delimiter);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) return classpath;
  fs.rmSync(OUT, { recursive: true, force: true });
  const webapp = path.join(OUT, 'webapp');
  fs.mkdirSync(webapp, { recursive: true });
  for (const f of scripts()) {
    const to = path.join(webapp, COMPONENTS, f);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(JCR_ROOT, COMPONENTS, f), to);
  }
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  run('javac', ['-nowarn', '-d', path.join(OUT, 'stubs'), '-cp', JARS.join(path.delimiter), ...javaFiles(STUBS)]);
  const report = run('java', [
    '-cp',
    [path.join(OUT, 'stubs'), ...JARS].join(path.delimiter),
    'org.apache.jasper.JspC',
    '-webapp',
    webapp,
    '-d',
    path.join(OUT, 'classes'),
    '-p',
    'org.apache.jsp',
    '-compile',
    '-failFast',
  ]);
  for (const f of scripts().filter((n) => n.endsWith('.jsp'))) {
    // Jasper's class for apps/…/publish-proof/POST.jsp: org.apache.jsp.apps.….publish_002dproof.POST_jsp
    const parts = path
      .join(COMPONENTS, f)
      .replace(/\.jsp$/, '_jsp')
      .split(path.sep);
    const cls = parts.map((p) => p.replace(/-/g, '_002d')).join('/');
    if (!fs.existsSync(path.join(OUT, 'classes/org/apache/jsp', `${cls}.class`)))
      throw new Error(`Jasper wrote no ${cls}.class:\n${report}`);
  }
  run('javac', ['-nowarn', '-d', path.join(OUT, 'harness'), '-cp', classpath, ...javaFiles(HARNESS)]);
  fs.writeFileSync(stamp, hash);
  return classpath;
}

module.exports = { buildJsp: build };

if (require.main === module) {
  try {
    process.stdout.write(`${build()}\n`);
  } catch (e) {
    process.stderr.write(`${e.stderr || ''}${e.stdout || ''}${e.message}\n`);
    process.exit(1);
  }
}
