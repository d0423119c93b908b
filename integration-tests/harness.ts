/**
 * The browser tests' harness: a tiny test registry (run by run.ts), the dev server started as a
 * person would start it, and Chromium pages that record every console error and page error.
 *
 *   test('name', async () => { … }, { timeoutMs })
 *   const shell = await startShell({ nodes: 12 });      // `tsx dev/server.ts --no-build --port 0 …`
 *   const browser = await openBrowser();
 *   const page = await browser.newPage();               // page.problems collects console errors
 *   …; assertNoPageProblems(page); await screenshot(page, 'name');
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..');
export const SCREENSHOTS = path.join(ROOT, 'integration-tests/screenshots');

// ---------------------------------------------------------------------------------------------
// Tests

export interface TestCase {
  name: string;
  file: string;
  fn: () => Promise<void>;
  timeoutMs: number;
}

export const registry: TestCase[] = [];
let currentFile = '';
export const setCurrentFile = (file: string) => {
  currentFile = file;
};

export const test = (
  name: string,
  fn: () => Promise<void>,
  options: { timeoutMs?: number } = {},
) => {
  registry.push({ name, file: currentFile, fn, timeoutMs: options.timeoutMs ?? 120_000 });
};

/** Runs after all tests, also when they fail (servers, browsers). */
export const cleanups: (() => Promise<void> | void)[] = [];
export const afterAll = (fn: () => Promise<void> | void) => {
  cleanups.push(fn);
};

// ---------------------------------------------------------------------------------------------
// The dev server (`npm start` without the build)

export interface ShellOptions {
  nodes?: number;
  gate?: 'on' | 'off';
  persona?: 'admin' | 'read-only';
  extraArgs?: string[];
}

export interface RunningShell {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts dev/server.ts on a free port against the plugin already built in dist/ (the server
 * builds the console shell itself when its bundle is missing or stale).
 */
export const startShell = async (options: ShellOptions = {}): Promise<RunningShell> => {
  if (!existsSync(path.join(ROOT, 'dist/plugin-manifest.json'))) {
    throw new Error(
      'dist/plugin-manifest.json is missing: build the plugin first (npm run build).',
    );
  }
  const args = [
    path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
    path.join(ROOT, 'dev/server.ts'),
    '--no-build',
    '--port',
    '0',
    '--nodes',
    String(options.nodes ?? 12),
    '--gate',
    options.gate ?? 'on',
    '--persona',
    options.persona ?? 'admin',
    ...(options.extraArgs ?? []),
  ];
  // Its own process group, so that stopping it stops tsx's child too.
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the dev server did not start within 5 minutes:\n${output}`)),
      300_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /ready: http:\/\/[^:/]+:(\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the dev server exited (${code}):\n${output}`));
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  afterAll(stop);
  return { url, stop };
};

// ---------------------------------------------------------------------------------------------
// Chromium

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExpectedProblem {
  readonly pattern: RegExp;
  /** How many problems it has matched so far. */
  readonly count: number;
}

export type CheckedPage = Page & {
  /** Console errors, page errors and failed requests the test did not expect. */
  problems: string[];
  /**
   * Declares a problem the test provokes on purpose (a 409 the browser logs, say): problems
   * matching `pattern` are counted on the returned object instead of failing the test. Keep the
   * pattern narrow — the status, the method's URL — so that nothing else slips through.
   */
  expectProblem(pattern: RegExp): ExpectedProblem;
};

export interface Browser {
  context: BrowserContext;
  newPage(): Promise<CheckedPage>;
  close(): Promise<void>;
}

/** Every console error, page error and failed request of a page, as text. */
export const watchPage = (page: Page): CheckedPage => {
  const checked = page as CheckedPage;
  const expected: { pattern: RegExp; count: number }[] = [];
  checked.problems = [];
  checked.expectProblem = (pattern) => {
    const entry = { pattern, count: 0 };
    expected.push(entry);
    return entry;
  };
  const record = (text: string) => {
    const match = expected.find((e) => e.pattern.test(text));
    if (match) match.count += 1;
    else checked.problems.push(text);
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
  return checked;
};

export const openBrowser = async (
  options: {
    viewport?: { width: number; height: number };
    /** More Chromium arguments, e.g. `--js-flags=--expose-gc` for a benchmark. */
    extraArgs?: string[];
  } = {},
): Promise<Browser> => {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'lazy-pull-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      ...(options.extraArgs ?? []),
    ],
    viewport: options.viewport ?? { width: 1440, height: 900 },
  });
  const close = async () => {
    await context.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
  };
  afterAll(close);
  return {
    context,
    newPage: async () => watchPage(await context.newPage()),
    close,
  };
};

export const assertNoPageProblems = (page: CheckedPage, what = 'the page') => {
  if (page.problems.length > 0) {
    throw new Error(
      `${what} reported ${page.problems.length} problem(s):\n  ${page.problems.join('\n  ')}`,
    );
  }
};

export const screenshot = async (
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  return file;
};
