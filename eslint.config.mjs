// Type-checked lint for the whole project; formatting is prettier's job, not eslint's.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
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
  ...tseslint.configs.recommendedTypeChecked,
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
    // The CEL engine is about a third of the editor page's download: pages load it only when a
    // rule must run (editor/useOnDemand.ts), never through a static import.
    files: ['src/views/**/*.{ts,tsx}'],
    ignores: ['src/views/**/__tests__/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^@marcbachmann/cel-js|/core/validation(/index)?$|/crd/celEnvironment$)',
              message:
                'Import core/validation/check and the modules needed; the CEL engine is loaded by useOnDemand.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      '**/__tests__/**',
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
    },
  },
  {
    // Playwright's fixtures hand each value over through a callback named `use`, not React's hook.
    files: ['integration-tests/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
);
