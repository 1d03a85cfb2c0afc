#!/usr/bin/env node
// Pretest: make sure what the tests drive exists before any test starts, so a missing tool is one
// clear line instead of a stack trace: Chromium's headless shell (end-to-end tests; the full
// Chromium does too), curl (the README's recipes
// run as written), and a JDK with Tomcat 9's Jasper and Ant (the package's health JSP is compiled
// and run as AEM 6.5 would, against AEM's API jar, which Maven fetches). As root with apt-get it installs the Debian packages; otherwise it
// stops with the exact command to run.
'use strict';
const fs = require('fs');
const { execSync } = require('child_process');

const CANDIDATES = [process.env.CHROMIUM_PATH, ...require('../test/helpers/chromium-launch.json').candidates].filter(Boolean);
const onPath = (cmd) => {
  try {
    execSync(`command -v ${cmd}`, { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
};
const JAVA = '/usr/share/java';
const missing = () => [
  ...(CANDIDATES.some((p) => fs.existsSync(p)) ? [] : ['chromium-headless-shell']),
  ...(onPath('curl') ? [] : ['curl']),
  ...(onPath('javac') ? [] : ['openjdk-17-jdk-headless']),
  ...(fs.existsSync(`${JAVA}/tomcat9-jasper.jar`) && fs.existsSync(`${JAVA}/tomcat9-catalina.jar`) ? [] : ['libtomcat9-java']),
  ...(fs.existsSync(`${JAVA}/ant.jar`) ? [] : ['ant']),
  // Brings AEM's API jar (com.adobe.aem:uber-jar) from Maven Central for the JSP compile.
  ...(onPath('mvn') ? [] : ['maven']),
];

if (!missing().length) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = fs.existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  const packages = missing().join(' ');
  console.log(`Not found: installing Debian package(s) ${packages} for the tests...`);
  try {
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages}`, { stdio: 'inherit' });
  } catch (e) {
    console.error('Installing with apt-get failed; see the output above.');
    process.exit(1);
  }
  if (!missing().length) process.exit(0);
}
const packages = missing().join(' ');
console.error(
  `The tests need ${packages}, which was not found.\n` +
    (hasApt
      ? `  Install it with:  sudo apt-get update && sudo apt-get install -y ${packages}\n`
      : '  Install it (for Chromium you may point CHROMIUM_PATH at its executable).\n') +
    '  Then run npm test again.',
);
process.exit(1);
