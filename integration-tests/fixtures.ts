/**
 * What the journeys share: one Chromium for the whole run (one browser context, a new page per
 * test), one dev server per persona / gate combination (started when a test first needs it), a
 * small client for the simulated cluster's API, and `journey()`, a test that gets a fresh page and
 * fails on anything the page's console reports.
 *
 *   journey('name', 'admin', async ({ page, shell, api }) => { … });
 */
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import {
  assertNoPageProblems,
  openBrowser,
  screenshot,
  startShell,
  test,
  type Browser,
  type CheckedPage,
  type RunningShell,
  type ShellOptions,
} from './harness';

// ---------------------------------------------------------------------------------------------
// Servers and the browser

/** The cluster a journey runs against: the default admin cluster, or one persona / gate variant. */
export type ShellKind = 'admin' | 'read-only' | 'gate-off';

const SHELL_OPTIONS: Record<ShellKind, ShellOptions> = {
  admin: {},
  'read-only': { persona: 'read-only' },
  'gate-off': { gate: 'off' },
};

const shells = new Map<ShellKind, Promise<RunningShell>>();

/** The dev server of that kind, started on first use and stopped after the last test. */
export const shellFor = (kind: ShellKind): Promise<RunningShell> => {
  let shell = shells.get(kind);
  if (!shell) {
    shell = startShell(SHELL_OPTIONS[kind]);
    shells.set(kind, shell);
  }
  return shell;
};

/** Stops a server early, when no later test needs it (the two cores are shared). */
export const stopShell = async (kind: ShellKind): Promise<void> => {
  const shell = shells.get(kind);
  if (!shell) return;
  shells.delete(kind);
  await (await shell).stop();
};

let browser: Promise<Browser> | undefined;

/** The run's one Chromium. */
export const sharedBrowser = (): Promise<Browser> => (browser ??= openBrowser());

// ---------------------------------------------------------------------------------------------
// The simulated cluster's API, as a test (another client of the cluster) calls it

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
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<ApiResponse<T>> => {
    const res = await fetch(`${shell.url}${path}`, {
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
  const client: ApiClient = {
    get: (path) => call('GET', path),
    send: (method, path, body, contentType) => call(method, path, body, contentType),
    read: async (path) => {
      const res = await call<any>('GET', path);
      assert.equal(res.status, 200, `GET ${path}: ${JSON.stringify(res.body)}`);
      return res.body;
    },
    mco: async (action) => {
      const res = await call<{ busy: boolean }>('POST', '/api/dev/mco', { action });
      assert.equal(res.status, 200, `POST /api/dev/mco ${action}: ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
  return client;
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
// Journeys

export interface JourneyContext {
  page: CheckedPage;
  shell: RunningShell;
  api: ApiClient;
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/**
 * A browser test on a fresh page of the shared Chromium against the dev server of `kind`. It fails
 * on any console error, page error or failed request the test did not declare with
 * page.expectProblem(), and leaves a screenshot `failed-<name>.png` when it fails.
 */
export const journey = (
  name: string,
  kind: ShellKind,
  fn: (context: JourneyContext) => Promise<void>,
  options: {
    timeoutMs?: number;
    /** The last test of its server: stop the server when done (after the page is closed). */
    stopsShell?: boolean;
  } = {},
) =>
  test(
    name,
    async () => {
      const shell = await shellFor(kind);
      const page = await (await sharedBrowser()).newPage();
      page.setDefaultTimeout(20_000);
      try {
        await fn({ page, shell, api: apiClient(shell) });
        assertNoPageProblems(page, name);
      } catch (e) {
        await screenshot(page, `failed-${slug(name)}`).catch(() => undefined);
        throw e;
      } finally {
        await page.close().catch(() => undefined);
        if (options.stopsShell) await stopShell(kind);
      }
    },
    { timeoutMs: options.timeoutMs ?? 120_000 },
  );

/** Opens a page of the shell and waits until the plugin (or the shell) has rendered its heading. */
export const openPage = async (page: CheckedPage, shell: RunningShell, path: string) => {
  await page.goto(`${shell.url}${path}`);
  await page.locator('main h1').first().waitFor({ state: 'visible', timeout: 30_000 });
};

/** The element a control's aria-describedby points at (its helper text). */
export const descriptionOf = async (control: Locator): Promise<Locator> => {
  const ids = (await control.getAttribute('aria-describedby')) ?? '';
  assert.ok(ids.trim() !== '', 'the control has no aria-describedby');
  return control.page().locator(
    ids
      .trim()
      .split(/\s+/)
      .map((id) => `[id="${id}"]`)
      .join(', '),
  );
};

/** Polls `probe` until it returns something other than undefined. */
export const eventually = async <T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  intervalMs = 200,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
};

/** A page has crashed when the shell's error boundary or an error page shows. */
export const assertNotBroken = async (page: CheckedPage) => {
  assert.equal(
    await page.locator('[data-test="plugin-error"], [data-test="shell-error"]').count(),
    0,
    'an error page or error boundary is shown',
  );
};

/**
 * A screenshot of the page with `part` scrolled into view (the console's page scrolls inside its
 * main area, which a full-page screenshot does not capture).
 */
export const screenshotAt = async (part: Locator, name: string): Promise<string> => {
  await part.scrollIntoViewIfNeeded();
  return screenshot(part.page(), name);
};
