// ESLint (typescript-eslint) over the TypeScript and the build scripts; Prettier owns the format.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const seams = require('./eslint/seams');

/** One floor's rule: the files, and the imports they may not make. */
const floor = (files, patterns) => [{ files, rules: { 'no-restricted-imports': ['error', { patterns }] } }];

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'build/', 'target/', 'ui.frontend/dist/', 'ui.apps/', 'data/', 'test-results/', '.tmp/', '.jest-cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { seams },
    rules: {
      // Unused names are already compile errors (noUnusedLocals / noUnusedParameters).
      '@typescript-eslint/no-unused-vars': 'off',
      // The seams between floors, the page app, its features and its ui kit (eslint/seams.js).
      'seams/seams': 'error',
      // One concept per file: past 300 lines of code (comments and blank lines aside), split it.
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-len': [
        'error',
        {
          code: 140,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreComments: false,
        },
      ],
    },
  },
  // The floors (docs/architecture.md): each may import only the floors below it.
  ...floor(
    ['core/**/*.ts'],
    [{ group: ['**/ui.frontend/**'], message: 'core/ is shared by the page, the CLI and the emulator: it never imports page code.' }],
  ),
  ...floor(
    ['core/contract/**/*.ts', 'core/errors.ts', 'core/i18n.ts'],
    [
      { group: ['**/ui.frontend/**'], message: 'core/ never imports page code.' },
      { group: ['**/domain/*', '**/aem/*', 'node:*'], message: 'The ground floor is data: it imports nothing above it and does no I/O.' },
    ],
  ),
  ...floor(
    ['core/domain/**/*.ts'],
    [
      { group: ['**/ui.frontend/**'], message: 'core/ never imports page code.' },
      { group: ['**/aem/*', 'node:*'], message: 'domain/ is pure logic: it never does I/O (the client lives in core/aem/).' },
    ],
  ),
  // Only the page (app/) makes an AEM session: features, components and parts use its own.
  ...floor(
    ['ui.frontend/src/features/**/*.ts', 'ui.frontend/src/ui/**/*.ts'],
    [
      {
        group: ['**/core/aem/session'],
        allowTypeImports: true,
        message: "Features, components and parts use the page's session (PageContext.session).",
      },
    ],
  ),
  // core/ runs in the page, the CLI and the emulator alike: no browser or Node globals, no DOM or Node types.
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'Granite', 'Coral'].map((name) => ({
          name,
          message: 'core/ never reaches the browser: the page injects what it needs (a transport, a translator).',
        })),
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({
          name,
          message: 'core/ never reaches Node: the CLI and the emulator pass what it needs.',
        })),
      ],
      '@typescript-eslint/no-restricted-types': [
        'error',
        {
          types: Object.fromEntries(
            ['Window', 'Document', 'Element', 'HTMLElement', 'HTMLInputElement', 'Node', 'Event', 'EventTarget', 'Buffer', 'NodeJS'].map(
              (name) => [name, { message: 'core/ holds no DOM or Node types: describe what it needs as its own interface.' }],
            ),
          ),
        },
      ],
    },
  },
  ...floor(['cli/**/*.ts'], [{ group: ['**/ui.frontend/**'], message: 'The CLI uses core/ only, never page code.' }]),
  // The build scripts measure the page by its timing marks, and use nothing else of it.
  ...floor(
    ['scripts/**/*.ts'],
    [
      {
        regex: 'ui\\.frontend/src/(?!app/timing$)',
        message: 'Scripts use core/ and the timing marks only.',
      },
    ],
  ),
  ...floor(
    ['emulator/**/*.ts'],
    [
      { group: ['**/ui.frontend/**'], message: 'The emulator never uses page code.' },
      { group: ['**/core/aem/*'], message: 'The emulator shares the contract and domain/, never the client it stands in for.' },
    ],
  ),
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
        URLSearchParams: 'readonly',
        FormData: 'readonly',
        Blob: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
);
