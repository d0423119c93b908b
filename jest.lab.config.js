/**
 * `npm run test:lab`: the agent against the real stargz-store of ../shared/lab (root and
 * /dev/fuse needed; the test says so and skips otherwise). One file, run in order: the daemon's
 * states follow each other.
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/src/agent/lab/**/*.lab.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
  testTimeout: 120_000,
};
