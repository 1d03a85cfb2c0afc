// ESLint (typescript-eslint) over the TypeScript and the build scripts; Prettier owns the format.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'build/', 'target/', 'ui.frontend/dist/', 'ui.apps/', 'data/', 'test-results/', '.tmp/', '.jest-cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // Unused names are already compile errors (noUnusedLocals / noUnusedParameters).
      '@typescript-eslint/no-unused-vars': 'off',
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
  {
    files: ['ui.frontend/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/ui/*', '**/steps/*', '**/setup-page', '**/main'], message: 'domain/ is pure logic: it never imports page code.' },
            {
              group: [
                '**/aem/fetch',
                '**/aem/*-client',
                '**/aem/client',
                '**/aem/setup-facts',
                '**/aem/authorizables',
                '**/aem/one-ims-config',
                '**/aem/ims-proof',
                '**/aem/settings-guard',
                'node:*',
              ],
              message: 'domain/ never does I/O: only the endpoint map and the error classes of aem/ are data it may use.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['ui.frontend/src/aem/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ui/*', '**/steps/*', '**/setup-page', '**/main'],
              message: 'aem/ is shared with the CLI and the emulator: never page code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['ui.frontend/src/ui/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/steps/*', '**/setup-page'], message: 'ui/ holds components; steps use them, not the other way round.' }],
        },
      ],
    },
  },
  {
    files: ['cli/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ui.frontend/src/ui/*', '**/ui.frontend/src/steps/*', '**/ui.frontend/src/setup-page', '**/ui.frontend/src/main'],
              message: 'The CLI and the emulator use aem/ and domain/ only, never page code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ui.frontend/src/ui/*', '**/ui.frontend/src/steps/*', '**/ui.frontend/src/setup-page', '**/ui.frontend/src/main'],
              message: 'The emulator never uses page code.',
            },
            {
              group: ['**/ui.frontend/src/aem/*', '!**/ui.frontend/src/aem/endpoints'],
              message: 'The emulator shares the endpoint map and domain/, never the client it stands in for.',
            },
          ],
        },
      ],
    },
  },
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
