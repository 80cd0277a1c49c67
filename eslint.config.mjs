// ESLint (flat config) with type information: `pnpm lint`, and `npm run test:all` runs it.
// The rules are chosen to catch bugs (promises, `any` leaking into typed code, unused code,
// the libraries' purity); formatting is Prettier's (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The pure libraries: texts in, texts and edits out; only packages/cli touches the machine. */
const LIBRARIES = ['core', 'web-config', 'prosody-config', 'jicofo-config', 'recipes', 'state'];

export default defineConfig(
  {
    // Build output, tools, and files that are data rather than our code: fixtures and the example
    // Debian tree are Jitsi's own files (byte-exact inputs of golden tests), luaparse is vendored.
    ignores: ['**/node_modules/', '**/dist/', '.tools/', 'coverage/', 'artifacts/', 'fixtures/', 'examples/debian-tree/', 'packages/prosody-config/src/vendor/'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error', reportUnusedInlineConfigs: 'error' },
    languageOptions: {
      globals: globals.node,
      // Every linted file is in tsconfig.json, so every rule sees the types.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  comments.recommended,
  {
    rules: {
      // A disable says why (`-- reason`), names its rule, and stays as narrow as one line or a pair.
      '@eslint-community/eslint-comments/require-description': 'error',
      '@eslint-community/eslint-comments/no-unlimited-disable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `typeof import('…')` stays allowed: it is how vitest's vi.mock factories type the original module.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: LIBRARIES.map((p) => `packages/${p}/src/**/*.ts`),
    ignores: ['**/*.test.ts', '**/test-support/**'],
    rules: {
      'no-console': 'error',
      'no-restricted-globals': ['error', { name: 'process', message: 'Libraries are pure: the CLI reads the environment and exits.' }],
      // node:path is allowed: its posix functions only compute on strings (the doctor's in-root paths).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', '!node:path', 'fs', 'fs/*', 'child_process', 'os', 'process'],
              message: 'Libraries are pure (text in, text and edits out): I/O lives in packages/cli.',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain JavaScript (benchmarks, scripts, build helpers, examples) has no type annotations: what
    // it reads (JSON.parse, a child's output) is `any` by design, so the no-unsafe-* family, which
    // keeps `any` out of typed code, stays on for the TypeScript only. The promise rules still apply.
    files: ['**/*.mjs', '**/*.cjs'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // CommonJS on purpose: the CLI's bundle loader, a probe loaded with require(), a syslog stub.
    // `const { join } = require('node:path')` is CommonJS's import, not a method torn off its object.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.commonjs },
    rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
);
