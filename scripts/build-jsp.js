#!/usr/bin/env node
// Compiles the package's server-side scripts as AEM 6.5 would: Apache Jasper for javax.servlet
// (Tomcat 9's) against AEM's own public API, Adobe's uber-jar from Maven Central, in both lines
// (6.5.21, and 6.6.0 "apis" for 6.5 LTS); then the test harness that runs them in an embedded
// Tomcat (its test doubles implement the jar's interfaces). Output in build/jsp (git-ignored),
// rebuilt only when a script, the harness or a jar changed. Prints the classpath to run with.
//   node scripts/build-jsp.js           build (or reuse) and print the classpath
// Needs Debian's openjdk-17-jdk-headless, libtomcat9-java, ant and maven (scripts/ensure-test-tools.js);
// the jars come into Maven's local repository on first use (mvn dependency:get), offline after that.
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

/**
 * JVM options for a run of a few seconds (Jasper, javac, the test harness): the client compiler
 * alone, one compiler thread and the serial collector take about a third less CPU than the
 * server defaults, and nothing here runs long enough to gain from C2.
 */
const SHORT_LIVED_JVM = ['-XX:TieredStopAtLevel=1', '-XX:CICompilerCount=1', '-XX:+UseSerialGC', '-XX:-UsePerfData'];

/** AEM's public API, one jar per product line; the harness runs against the first. */
const M2 = path.join(process.env.HOME || require('os').homedir(), '.m2/repository');
const AEM_APIS = [
  { line: '6.5.21', artifact: 'com.adobe.aem:uber-jar:6.5.21', jar: 'com/adobe/aem/uber-jar/6.5.21/uber-jar-6.5.21.jar' },
  { line: '6.6.0', artifact: 'com.adobe.aem:uber-jar:6.6.0:jar:apis', jar: 'com/adobe/aem/uber-jar/6.6.0/uber-jar-6.6.0-apis.jar' },
].map((a) => ({ ...a, jar: path.join(M2, a.jar) }));

/** Each jar from Maven's local repository, fetched from Maven Central the first time. */
function aemApiJars() {
  for (const api of AEM_APIS) {
    if (fs.existsSync(api.jar)) continue;
    execFileSync('mvn', ['-B', '-q', 'dependency:get', `-Dartifact=${api.artifact}`, '-Dtransitive=false'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (!fs.existsSync(api.jar)) throw new Error(`Maven did not bring ${api.artifact} to ${api.jar}`);
  }
  return AEM_APIS;
}

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
    ...javaFiles(HARNESS),
    path.join(ROOT, 'scripts/build-jsp.js'),
  ];
  for (const f of files.sort()) h.update(path.relative(ROOT, f)).update(fs.readFileSync(f));
  for (const api of AEM_APIS) h.update(api.artifact).update(String(fs.statSync(api.jar).size));
  return h.digest('hex');
}

function build() {
  const missing = JARS.filter((j) => !fs.existsSync(j));
  if (missing.length) throw new Error(`Missing ${missing.join(', ')}: run node scripts/ensure-test-tools.js (Debian libtomcat9-java, ant)`);
  const apis = aemApiJars();
  const stamp = path.join(OUT, 'inputs.sha256');
  const hash = inputsHash();
  // Tomcat's servlet API first: the uber-jar carries an older javax.servlet, which must not shadow it.
  const classpathOf = (api) => [...JARS, api.jar];
  const classes = (api) => path.join(OUT, api.line, 'classes');
  const classpath = [classes(apis[0]), path.join(OUT, 'harness'), ...classpathOf(apis[0])].join(path.delimiter);
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
  // Every script against each product line's API: a call that one line lacks fails here.
  for (const api of apis) {
    const report = run('java', [
      ...SHORT_LIVED_JVM,
      '-cp',
      classpathOf(api).join(path.delimiter),
      'org.apache.jasper.JspC',
      '-webapp',
      webapp,
      '-d',
      classes(api),
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
      if (!fs.existsSync(path.join(classes(api), 'org/apache/jsp', `${cls}.class`)))
        throw new Error(`Jasper wrote no ${cls}.class against ${api.artifact}:\n${report}`);
    }
  }
  run('javac', [
    ...SHORT_LIVED_JVM.map((o) => `-J${o}`),
    '-nowarn',
    '-d',
    path.join(OUT, 'harness'),
    '-cp',
    classpath,
    ...javaFiles(HARNESS),
  ]);
  fs.writeFileSync(stamp, hash);
  return classpath;
}

module.exports = { buildJsp: build, AEM_APIS, SHORT_LIVED_JVM };

if (require.main === module) {
  try {
    process.stdout.write(`${build()}\n`);
  } catch (e) {
    process.stderr.write(`${e.stderr || ''}${e.stdout || ''}${e.message}\n`);
    process.exit(1);
  }
}
