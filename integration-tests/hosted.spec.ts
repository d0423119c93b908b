/**
 * A cluster without the Machine Config Operator's API (a hosted control plane): the console hides
 * its machine-config pages there (its MACHINE_CONFIG flag), and so does the plugin.
 */
import { expect, test } from './support/fixtures';

test.use({ cluster: { extraArgs: ['--hosted'] } });

test('without the Machine Config API the plugin offers no page', async ({ page, problems }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Global' });
  await expect(nav.getByRole('link', { name: 'Nodes' })).toBeVisible();
  // The plugin has loaded before the nav is judged.
  await expect.poll(() => page.evaluate(() => window.__consoleShell?.pluginsSettled())).toBe(true);
  await expect(page.locator('[data-test="plugin-error"]')).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'MachineConfigPools' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Lazy image pulling' })).toHaveCount(0);

  const notFound = problems.expect(
    /^console\.error: 404: no console page or plugin route matches \/lazy-pull$/,
  );
  await page.goto('/lazy-pull');
  await expect(page.getByText('404: Page not found')).toBeVisible();
  expect(notFound.count).toBe(1);
});
