// Two projects: "unit" runs in jsdom with the real Coral Spectrum and the emulator's Granite
// stand-in injected; "node" runs the emulator contract tests over real HTTP, the package
// structure tests and the end-to-end tests in headless Chromium.
// Type errors fail the tests (ts-jest diagnostics on).
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: true }] };

module.exports = {
  cacheDirectory: '<rootDir>/.jest-cache',
  // Built outputs are what the emulator serves and the CLI runs: rebuilt once when sources changed.
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: '<rootDir>/test/setup/jsdom-environment.js',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/setup/load-page-globals.ts'],
      transform,
    },
    {
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: [
        '<rootDir>/test/emulator/**/*.test.ts',
        '<rootDir>/test/package/**/*.test.ts',
        '<rootDir>/test/e2e/**/*.test.ts',
        '<rootDir>/test/cli/**/*.test.ts',
      ],
      transform,
    },
  ],
  // Three workers on two cores: the browser and HTTP tests mostly wait, so they overlap well
  // (measured: 67 s against 77 s with two).
  maxWorkers: 3,
  testTimeout: 30000,
};
