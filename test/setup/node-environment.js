// The "node" project's environment: Jest's Node environment, plus Node's own require for the one
// library the browser tests share (playwright-core). Jest evaluates every module afresh for each
// test file, and playwright-core alone costs about 0.45 s of CPU to evaluate; loaded through
// Node's require it is evaluated once per worker. It keeps no test's state: each file still
// opens and closes its own connection and browser contexts (test/helpers/chromium.ts).
const { TestEnvironment } = require('jest-environment-node');

class NodeWithSharedLibraries extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.__bpsetupSharedRequire = (name) => {
      if (name !== 'playwright-core') throw new Error(`${name} is not shared between test files`);
      return require(name);
    };
  }
}

module.exports = NodeWithSharedLibraries;
