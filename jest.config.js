// Four projects: "domain" runs the pure rules in Node; "unit" runs in jsdom with the real Coral
// Spectrum and the emulator's Granite stand-in injected; "page" runs that page against an
// in-process emulator; "node" runs the emulator contract tests over real HTTP, the package
// structure tests and the end-to-end tests in headless Chromium.
// Transpiled by swc, file by file (as ts-jest did with isolatedModules, at a fraction of the CPU on
// a clean cache); the types are checked once for the whole tree by `tsc` in npm test. Class fields
// keep TypeScript's assign semantics (tsconfig's target: ES2019, useDefineForClassFields off).
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2019', transform: { useDefineForClassFields: false } },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

module.exports = {
  cacheDirectory: '<rootDir>/.jest-cache',
  // Built outputs are what the emulator serves and the CLI runs: rebuilt once when sources changed.
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
  projects: [
    {
      // core/domain is pure logic: its tests run in Node, without a DOM or Coral (which also
      // proves the floor needs neither). A test that parses HTML asks for jsdom in its docblock.
      displayName: 'domain',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/domain/**/*.test.ts'],
      transform,
    },
    {
      displayName: 'unit',
      testEnvironment: '<rootDir>/test/setup/jsdom-environment.js',
      testMatch: ['<rootDir>/test/unit/{aem,contract,page}/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/setup/load-page-globals.ts'],
      transform,
    },
    {
      // Page flows that need no real browser: the page in jsdom against an in-process emulator
      // (test/helpers/page-tier.ts). Chromium keeps what only a browser shows.
      displayName: 'page',
      testEnvironment: '<rootDir>/test/setup/page-tier-environment.js',
      testMatch: ['<rootDir>/test/page/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/setup/load-page-globals.ts'],
      transform,
    },
    {
      displayName: 'node',
      testEnvironment: '<rootDir>/test/setup/node-environment.js',
      testMatch: [
        '<rootDir>/test/emulator/**/*.test.ts',
        '<rootDir>/test/package/**/*.test.ts',
        '<rootDir>/test/e2e/**/*.test.ts',
        '<rootDir>/test/cli/**/*.test.ts',
      ],
      transform,
    },
    {
      // The Maven build (`npm run test:maven`, not part of npm test: Maven's JVM runs cost a minute of CPU).
      displayName: 'maven',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/maven/**/*.test.ts'],
      transform,
    },
  ],
  // Three workers on two cores: the browser and HTTP tests mostly wait, so they overlap well
  // (measured: 67 s against 77 s with two).
  maxWorkers: 3,
  testTimeout: 30000,
};
