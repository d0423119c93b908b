/**
 * Smoke test of `npm start`: the console shell serves, loads the built plugin through its manifest
 * and module federation, shows the plugin's nav item, and renders its page at /lazy-pull with
 * nothing wrong in the page's console, in the light and the dark theme.
 */
import type { Page } from '@playwright/test';
import { animationsDone, expect, expectNotBroken, screenshot, test } from './support/fixtures';

/** Everything the page fetches from the plugin's proxy path, from now on. */
const pluginRequests = (page: Page): string[] => {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/plugins/lazy-pull-console-plugin/')) urls.push(r.url());
  });
  return urls;
};

test('the shell shows the plugin nav item "Lazy image pulling"', async ({ page }) => {
  const requests = pluginRequests(page);
  await page.goto('/');
  await expect(
    page
      .getByRole('navigation', { name: 'Global' })
      .getByRole('link', { name: 'Lazy image pulling' }),
  ).toBeVisible({ timeout: 30_000 });
  expect(
    requests.filter((u) => u.includes('/plugin-manifest.json') || /plugin-entry/.test(u)),
    'the plugin was not loaded from its manifest and entry script',
  ).toHaveLength(2);
  await expectNotBroken(page);
  await screenshot(page, 'smoke-overview');
});

test('the nav item opens /lazy-pull, rendered by the plugin, in both themes', async ({ page }) => {
  const requests = pluginRequests(page);
  await page.goto('/');
  await page
    .getByRole('navigation', { name: 'Global' })
    .getByRole('link', { name: 'Lazy image pulling' })
    .click();
  await expect(page).toHaveURL(/\/lazy-pull$/);
  await expect(page.locator('main h1').first()).toHaveText(/\S/, { timeout: 30_000 });
  // The route's component is one of the plugin's exposed modules, fetched through the container.
  expect(
    requests.filter((u) => /\/exposed-[^/]*\.js/.test(u)),
    'no exposed module of the plugin was loaded',
  ).not.toHaveLength(0);
  // The watches have delivered: every pool has its card.
  await expect(page.getByRole('link', { name: 'worker', exact: true })).toBeVisible();
  await expectNotBroken(page);
  await screenshot(page, 'smoke-lazy-pull-light');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveClass(/pf-v6-theme-dark/);
  await animationsDone(page);
  await screenshot(page, 'smoke-lazy-pull-dark');
  await page.getByRole('button', { name: 'Light theme' }).click();
  await expect(page.locator('html')).not.toHaveClass(/pf-v6-theme-dark/);
});
