/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  transform: {
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
  // ESM-only packages used by the core and the views are transformed too.
  transformIgnorePatterns: ['/node_modules/(?!(diff|smol-toml)/)'],
  moduleNameMapper: {
    '\\.(css)$': '<rootDir>/src/__test-support__/style-stub.js',
  },
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
  setupFilesAfterEnv: ['<rootDir>/src/__test-support__/setup.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/integration-tests/', '/dist/', '/test-fixtures/'],
};
