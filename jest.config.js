// Two projects: "unit" runs in jsdom with the real Coral Spectrum and the emulator's Granite
// stand-in injected; "node" runs the emulator contract tests over real HTTP, the package
// structure tests and the end-to-end tests in headless Chromium.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] };

module.exports = {
  cacheDirectory: '<rootDir>/.jest-cache',
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
      testMatch: ['<rootDir>/test/emulator/**/*.test.ts', '<rootDir>/test/package/**/*.test.ts', '<rootDir>/test/e2e/**/*.test.ts', '<rootDir>/test/cli/**/*.test.ts'],
      transform,
    },
  ],
  // Three workers on two cores: the browser and HTTP tests mostly wait, so they overlap well
  // (measured: 67 s against 77 s with two).
  maxWorkers: 3,
  testTimeout: 30000,
};
