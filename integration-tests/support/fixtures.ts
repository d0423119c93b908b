/**
 * The browser tests' fixtures, on @playwright/test:
 *
 * - `cluster` (worker option): the dev server a file runs against; `test.use({ cluster: {
 *   persona: 'read-only' } })` gives a file its own server. Tests with the same options share one
 *   server (a worker-scoped fixture), which stops after their last test.
 * - `shell`: that running server; `baseURL` points at it, so `page.goto('/lazy-pull')` works.
 * - `api`: a client of the simulated cluster's API, as another user of the cluster calls it.
 * - `problems` (automatic): every console error, page error and failed request of `page` fails
 *   the test, unless the test declared it with `problems.expect(/…/)`.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { expect, test as base, type Locator, type Page } from '@playwright/test';
import { recordProblems, type PageProblems } from './chromium';
import { ROOT, startShell, type RunningShell, type ShellOptions } from './dev-server';

export { expect };
export type { PageProblems, RunningShell };

// ---------------------------------------------------------------------------------------------
// The simulated cluster's API

export const API = {
  nodes: '/api/kubernetes/api/v1/nodes',
  ctrcfgs: '/api/kubernetes/apis/machineconfiguration.openshift.io/v1/containerruntimeconfigs',
  machineConfigs: '/api/kubernetes/apis/machineconfiguration.openshift.io/v1/machineconfigs',
  pools: '/api/kubernetes/apis/machineconfiguration.openshift.io/v1/machineconfigpools',
} as const;

export interface ApiResponse<T> {
  status: number;
  body: T;
}

export interface ApiClient {
  get<T = any>(path: string): Promise<ApiResponse<T>>;
  send<T = any>(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body: unknown,
    contentType?: string,
  ): Promise<ApiResponse<T>>;
  /** GET that must answer 200. */
  read<T = any>(path: string): Promise<T>;
  /** Drives the simulated MCO by hand: one step, or until it has nothing left to do. */
  mco(action: 'step' | 'settle'): Promise<{ busy: boolean }>;
}

export const apiClient = (shell: RunningShell): ApiClient => {
  const call = async <T>(
    method: string,
    urlPath: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<ApiResponse<T>> => {
    const res = await fetch(`${shell.url}${urlPath}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': contentType }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T };
  };
  return {
    get: (p) => call('GET', p),
    send: (method, p, body, contentType) => call(method, p, body, contentType),
    read: async (p) => {
      const res = await call<any>('GET', p);
      expect(res.status, `GET ${p}: ${JSON.stringify(res.body)}`).toBe(200);
      return res.body;
    },
    mco: async (action) => {
      const res = await call<{ busy: boolean }>('POST', '/api/dev/mco', { action });
      expect(res.status, `POST /api/dev/mco ${action}: ${JSON.stringify(res.body)}`).toBe(200);
      return res.body;
    },
  };
};

export interface NodeMeta {
  name: string;
  annotations: Record<string, string>;
}

/** The GPU pool's nodes (a pool with a layer store), as the API serves them, sorted by name. */
export const gpuNodeMetadata = async (api: ApiClient): Promise<NodeMeta[]> => {
  const list = await api.read<{ items: { metadata: NodeMeta }[] }>(
    `${API.nodes}?labelSelector=${encodeURIComponent('node-role.kubernetes.io/gpu')}`,
  );
  return list.items.map((n) => n.metadata).sort((a, b) => a.name.localeCompare(b.name));
};

// ---------------------------------------------------------------------------------------------
// Fixtures

interface TestFixtures {
  api: ApiClient;
  problems: PageProblems;
}

interface WorkerFixtures {
  cluster: ShellOptions;
  shell: RunningShell;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  cluster: [{}, { scope: 'worker', option: true }],
  shell: [
    async ({ cluster }, use) => {
      const shell = await startShell(cluster);
      try {
        await use(shell);
      } finally {
        await shell.stop();
      }
    },
    { scope: 'worker', timeout: 300_000 },
  ],
  baseURL: async ({ shell }, use) => use(shell.url),
  api: async ({ shell }, use) => use(apiClient(shell)),
  problems: [
    async ({ page }, use, testInfo) => {
      page.setDefaultTimeout(20_000);
      const problems = recordProblems(page);
      await use(problems);
      // A test that already failed says why itself; otherwise the page must have stayed clean.
      if (testInfo.status === testInfo.expectedStatus)
        expect(problems.unexpected, 'the page reported problems').toEqual([]);
    },
    { auto: true },
  ],
});

// ---------------------------------------------------------------------------------------------
// Pages

/** Opens a page of the shell and waits until the plugin (or the shell) has rendered its heading. */
export const openPage = async (page: Page, urlPath: string): Promise<void> => {
  await page.goto(urlPath);
  await expect(page.locator('main h1').first()).toBeVisible({ timeout: 30_000 });
};

/** The element a control's aria-describedby points at (its helper text). */
export const descriptionOf = async (control: Locator): Promise<Locator> => {
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').trim();
  expect(ids, 'the control has no aria-describedby').not.toBe('');
  return control.page().locator(
    ids
      .split(/\s+/)
      .map((id) => `[id="${id}"]`)
      .join(', '),
  );
};

/** A page has crashed when the shell's error boundary or an error page shows. */
export const expectNotBroken = async (page: Page): Promise<void> => {
  await expect(
    page.locator('[data-test="plugin-error"], [data-test="shell-error"]'),
    'an error page or error boundary is shown',
  ).toHaveCount(0);
};

/** Waits for the page's running animations and transitions (PatternFly's colour changes). */
export const animationsDone = (page: Page): Promise<unknown> =>
  page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));

export interface YamlEditor {
  /** The editor on the page (Monaco, as in the console). */
  readonly locator: Locator;
  /** Its text, from the editor's model. */
  text(): Promise<string>;
  /** Replaces its text through the editor's model, as a paste would. */
  setText(text: string): Promise<void>;
}

/**
 * The page's YAML editor. The console's CodeEditor is Monaco; like the console's own browser
 * tests, these read and replace its text through `window.monaco`, and type into it only where
 * typing is the point.
 */
export const yamlEditor = (page: Page): YamlEditor => {
  const locator = page.locator('.monaco-editor').first();
  return {
    locator,
    text: async () => {
      await expect(locator).toBeVisible();
      return page.evaluate(() => {
        const { monaco } = window as unknown as { monaco: MonacoGlobal };
        return monaco.editor.getEditors()[0].getValue();
      });
    },
    setText: async (text) => {
      await expect(locator).toBeVisible();
      await page.evaluate((t) => {
        const { monaco } = window as unknown as { monaco: MonacoGlobal };
        monaco.editor.getEditors()[0].setValue(t);
      }, text);
    },
  };
};

interface MonacoGlobal {
  editor: { getEditors(): { getValue(): string; setValue(text: string): void }[] };
}

export const SCREENSHOTS = path.join(ROOT, 'integration-tests/screenshots');

/** A named screenshot for people to look at (and for the README's images). */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
};

/**
 * A screenshot with `part` scrolled into view (the console's page scrolls inside its main area,
 * which a full-page screenshot does not capture).
 */
export const screenshotAt = async (part: Locator, name: string): Promise<string> => {
  await part.scrollIntoViewIfNeeded();
  return screenshot(part.page(), name);
};
