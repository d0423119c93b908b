/**
 * The browser tests (`npm run test:e2e`): @playwright/test driving Debian's Chromium against the
 * dev server (`npm start`). One test at a time: the machines have two cores, and each dev server
 * is a simulated cluster of its own. Traces and screenshots of failed tests go to
 * integration-tests/results/.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS, VIEWPORT } from './integration-tests/support/chromium';

export default defineConfig({
  testDir: 'integration-tests',
  testMatch: '*.spec.ts',
  outputDir: 'integration-tests/results',
  globalSetup: './integration-tests/support/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['./integration-tests/support/summary-reporter.ts']],
  use: {
    browserName: 'chromium',
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
    viewport: VIEWPORT,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
