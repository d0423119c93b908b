/**
 * Debian's Chromium, never a browser download: the launch options the browser tests
 * (playwright.config.ts) and the browser benchmark share, and the recorder of what a page's
 * console reports.
 */
import { chromium, type Browser, type LaunchOptions, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
};

export const VIEWPORT = { width: 1440, height: 900 };

/** Chromium outside the test runner (the benchmarks), with more arguments if need be. */
export const launchChromium = (extraArgs: string[] = []): Promise<Browser> =>
  chromium.launch({
    ...CHROMIUM_LAUNCH_OPTIONS,
    args: [...(CHROMIUM_LAUNCH_OPTIONS.args ?? []), ...extraArgs],
  });

export interface ExpectedProblem {
  readonly pattern: RegExp;
  /** How many problems it has matched so far. */
  readonly count: number;
}

export interface PageProblems {
  /** Console errors, page errors and failed requests nobody declared. */
  readonly unexpected: string[];
  /**
   * Declares a problem the test provokes on purpose (a 409 the browser logs, say): problems
   * matching `pattern` are counted on the returned object instead of failing the test. Keep the
   * pattern narrow (the status, the method's URL) so that nothing else slips through.
   */
  expect(pattern: RegExp): ExpectedProblem;
}

/** Records every console error, page error and failed request of a page, as text. */
export const recordProblems = (page: Page): PageProblems => {
  const expected: { pattern: RegExp; count: number }[] = [];
  const unexpected: string[] = [];
  const record = (text: string) => {
    const match = expected.find((e) => e.pattern.test(text));
    if (match) match.count += 1;
    else unexpected.push(text);
  };
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium logs an HTTP error response as "Failed to load resource: …", located at the
    // resource's URL: keep the URL, so that an expectation can name the request.
    const url = m.location().url;
    record(
      /^Failed to load resource/.test(m.text()) && url
        ? `console.error: ${m.text()} [${url}]`
        : `console.error: ${m.text()}`,
    );
  });
  page.on('pageerror', (e) => record(`page error: ${e.stack ?? e.message}`));
  page.on('requestfailed', (r) => {
    const failure = r.failure()?.errorText ?? '';
    // Navigations and closed WebSockets abort requests on purpose.
    if (!/ERR_ABORTED/.test(failure)) record(`request failed: ${r.method()} ${r.url()} ${failure}`);
  });
  return {
    unexpected,
    expect: (pattern) => {
      const entry = { pattern, count: 0 };
      expected.push(entry);
      return entry;
    },
  };
};
