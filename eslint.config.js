// Flat config for the whole repository: the SPA (src), the local stack (stack), tests and benchmarks.
// Import boundaries keep features independent of each other and the stack apart from the app.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import { defineConfig, globalIgnores } from 'eslint/config';

const root = import.meta.dirname;

/** Every layer of the SPA; the stack must not reach any of them. */
const spaTypes = ['app', 'feature', 'lib', 'components', 'spa-root'];

export default defineConfig([
  // supabase/functions and the fixture functions are Deno code with its own imports and globals; it is checked by Deno, not here.
  globalIgnores(['dist/', 'node_modules/', '.local/', 'coverage/', 'test-results/', 'supabase/functions/', 'tests/fixtures/functions/']),

  {
    files: ['**/*.{js,cjs,mjs,ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  // Browser code.
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  // Node code: the stack, tests, benchmarks, scripts (seeds) and the tooling configs at the root.
  {
    files: ['.ci/**', 'stack/**', 'tests/**', 'bench/**', 'scripts/**', 'supabase/**', '*.{js,cjs,mjs,ts}'],
    languageOptions: { globals: globals.node },
  },
  // Unit tests run in jsdom and end-to-end tests pass callbacks into the page: both see the DOM too.
  {
    files: ['tests/unit/**', 'tests/e2e/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  {
    files: ['src/**/*.{ts,tsx}', 'tests/unit/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },

  {
    files: ['src/**/*.{ts,tsx}', 'stack/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/root-path': root,
      'import/resolver': { [path.join(root, 'eslint-resolver.cjs')]: {} },
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
      'boundaries/legacy-templates': false,
      // First match wins, so the specific folders come before the catch-all `src`.
      'boundaries/elements': [
        { type: 'feature', pattern: 'src/features/*', capture: ['feature'], partialMatch: false },
        { type: 'app', pattern: 'src/app', partialMatch: false },
        { type: 'lib', pattern: 'src/lib', partialMatch: false },
        { type: 'components', pattern: 'src/components', partialMatch: false },
        { type: 'spa-root', pattern: 'src', partialMatch: false },
        { type: 'stack', pattern: 'stack', partialMatch: false },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            {
              from: { element: { type: 'feature' } },
              disallow: {
                to: { element: { type: 'feature', captured: { feature: '!{{ from.element.captured.feature }}' } } },
              },
              message:
                'Feature "{{ from.element.captured.feature }}" may not import feature "{{ to.element.captured.feature }}". ' +
                'Move shared code to src/lib or src/components, or compose the features in src/app.',
            },
            {
              from: { element: { type: 'feature' } },
              disallow: { to: { element: { type: ['app', 'spa-root'] } } },
              message: 'Features may not import the app shell (src/app, src/main.tsx); the app composes features.',
            },
            {
              from: { element: { type: ['lib', 'components'] } },
              disallow: { to: { element: { type: ['feature', 'app', 'spa-root'] } } },
              message: 'src/lib and src/components are shared layers and may not import features or the app shell.',
            },
            {
              from: { element: { type: 'stack' } },
              disallow: { to: { element: { type: spaTypes } } },
              message: 'The local stack (stack/) may not import the SPA (src/).',
            },
            {
              from: { element: { type: spaTypes } },
              disallow: { to: { element: { type: 'stack' } } },
              message:
                'The SPA (src/) may not import the local stack (stack/); it talks to Supabase only through supabase-js.',
            },
          ],
        },
      ],
    },
  },
]);
