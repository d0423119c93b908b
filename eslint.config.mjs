// Type-checked lint for the whole project; formatting is prettier's job, not eslint's.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import jest from 'eslint-plugin-jest';
import playwright from 'eslint-plugin-playwright';
import reactHooks from 'eslint-plugin-react-hooks';
import testingLibrary from 'eslint-plugin-testing-library';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-agent/**',
      '.tmp/**',
      'dev/shell/dist/**',
      'node_modules/**',
      'coverage/**',
      'locales/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  importX.flatConfigs.recommended,
  importX.flatConfigs.typescript,
  {
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      // TypeScript already reports unresolved and misnamed imports, with the project's own resolution.
      'import-x/no-unresolved': 'off',
      'import-x/named': 'off',
      'import-x/no-cycle': 'error',
      'import-x/no-duplicates': 'error',
      'import-x/first': 'error',
      // fast-check (`fc.property`), i18next (`i18next.use`), Ajv and AxeBuilder document their default
      // export as the way to call them; TypeScript checks the names.
      'import-x/no-named-as-default-member': 'off',
      'import-x/no-named-as-default': 'off',
    },
  },
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node, ...globals.jest },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // Numbers read naturally in messages; anything else must be made a string on purpose.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Cluster objects, annotations and YAML arrive as untyped JSON: the types say what a well-formed
      // object holds, and the guards this rule calls unnecessary are what keeps a malformed one from
      // crashing a page. Without noUncheckedIndexedAccess it also flags the `??` on regex groups.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    // The core runs in the browser, the agent and the CLI alike: no React, SDK or Node built-ins.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/__tests__/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-*', '@openshift-console/*', '@patternfly/*'],
              message: 'src/core is pure: no React, SDK or PatternFly.',
            },
            {
              group: [
                'node:*',
                'fs',
                'path',
                'os',
                'child_process',
                'zlib',
                'crypto',
                'http',
                'https',
                'net',
                'worker_threads',
              ],
              message: 'src/core is pure: no Node-only modules.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Buffer', message: 'src/core is pure: Buffer is Node-only.' },
        { name: 'process', message: 'src/core is pure: process is Node-only.' },
      ],
    },
  },
  {
    // Views reach the cluster only through the console SDK, so they work behind its proxy.
    files: ['src/views/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Use the console SDK (k8s* functions, hooks), never fetch.' },
      ],
    },
  },
  {
    files: [
      '**/__tests__/**',
      '**/__test-support__/**',
      '**/*.test.ts',
      '**/*.test.tsx',
      '**/*.lab.ts',
      '__mocks__/**',
      'bench/**',
      'dev/**',
      'integration-tests/**',
    ],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // In tests and stand-ins a wrong `!` fails loudly at once; narrowing first adds noise only.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // JSON merge patch and the tests' mutations remove keys by name, as the API server does.
      '@typescript-eslint/no-dynamic-delete': 'off',
    },
  },
  {
    files: ['**/__tests__/**', '**/*.test.ts', '**/*.test.tsx', '**/*.lab.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      // Tests that need ../shared or root are declared through these, and skip with a reason.
      'jest/no-standalone-expect': [
        'error',
        { additionalTestBlockFunctions: ['itWithShared', 'itUnlessRoot'] },
      ],
      // Result types are checked as `expect(r.ok).toBe(false); if (!r.ok) expect(r.error)…`: the
      // condition is asserted first, so the narrowed expectation cannot be skipped silently.
      'jest/no-conditional-expect': 'off',
      // fast-check's `fc.assert` fails the test as `expect` does.
      // A test that cannot run here is skipped with the reason in its name, never dropped.
      'jest/no-disabled-tests': 'off',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'fc.assert'] }],
    },
  },
  {
    files: ['**/__tests__/**/*.tsx', '**/*.test.tsx'],
    ...testingLibrary.configs['flat/react'],
    // Only Testing Library's own render renders; renderForPool and friends are the core's renderers.
    settings: { 'testing-library/custom-renders': 'off' },
    rules: {
      ...testingLibrary.configs['flat/react'].rules,
      // PatternFly's Alert, Card and description-list group have no role to query by, and diff
      // lines carry their kind as a data attribute: tests find an element by role or text first,
      // then step to its container once. The markup-injection test must inspect the DOM itself.
      'testing-library/no-node-access': 'off',
      'testing-library/no-container': 'off',
    },
  },
  {
    files: ['integration-tests/**'],
    ...playwright.configs['flat/recommended'],
  },
  {
    // The shell and the jest mock implement the SDK as the console ships it, deprecated parts included.
    files: ['dev/shell/src/sdk/**', '__mocks__/**'],
    rules: { '@typescript-eslint/no-deprecated': 'off' },
  },
  {
    // Playwright's fixtures hand each value over through a callback named `use`, not React's hook.
    files: ['integration-tests/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
);
