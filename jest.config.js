/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  transform: {
    '\\.css$': '<rootDir>/src/__test-support__/css-source-transform.js',
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2021',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // ESM-only packages used by the core, the views and the dev shell (the console SDK's lib) are
  // transformed too, and stylesheets
  // anywhere (PatternFly's modules import theirs) become their text, as in the plugin's build.
  transformIgnorePatterns: [
    '/node_modules/(?!(smol-toml|@openshift-console|@marcbachmann/cel-js)/)(?!.*\\.css$)',
  ],
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
  setupFilesAfterEnv: ['<rootDir>/src/__test-support__/setup.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/integration-tests/', '/dist/'],
};
