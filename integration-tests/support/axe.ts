/**
 * axe-core in the browser tests (through @axe-core/playwright): what a screen reader user or a
 * keyboard user would stumble on, as axe judges it, on the page as it is now.
 *
 * - `axeFindings(page)`: the serious and critical violations, one line each (rule, impact, the
 *   elements), so that a failing expectation says what to fix.
 * - `expectAccessible(page, what)`: none of them, or the test fails naming `what`.
 * - `useTheme(page, theme)`: the shell's light or dark theme, switched as a person switches it
 *   (the masthead's toggle), with PatternFly's colour transitions finished, since axe reads the
 *   colours as they are at that instant.
 *
 * The whole document is checked, not only the plugin's part: PatternFly puts menus, popovers and
 * drawers where it likes, and the page's landmarks and heading order are judged as a whole.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { animationsDone, expect } from './fixtures';

/** The impacts that fail a test. axe's others, minor and moderate, are reported only. */
export const FAILING_IMPACTS: readonly string[] = ['serious', 'critical'];

export interface AxeOptions {
  /** CSS selectors of parts to leave out (say, a part that belongs to another product). */
  exclude?: string[];
}

/** Serious and critical violations, as `rule (impact): help — target, target…`. */
export const axeFindings = async (page: Page, options: AxeOptions = {}): Promise<string[]> => {
  let builder = new AxeBuilder({ page });
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => FAILING_IMPACTS.includes(v.impact ?? ''))
    .map(
      (v) =>
        `${v.id} (${v.impact ?? 'unknown'}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
};

/** Fails the test when axe finds a serious or critical violation on the page. */
export const expectAccessible = async (
  page: Page,
  what: string,
  options: AxeOptions = {},
): Promise<void> => {
  expect(
    await axeFindings(page, options),
    `axe: serious or critical violations on ${what}`,
  ).toEqual([]);
};

export type Theme = 'light' | 'dark';

/** Switches the shell's theme with its masthead toggle and waits for the colours to settle. */
export const useTheme = async (page: Page, theme: Theme): Promise<void> => {
  const button = page.getByRole('button', {
    name: theme === 'dark' ? 'Dark theme' : 'Light theme',
  });
  await button.click();
  const html = page.locator('html');
  if (theme === 'dark') await expect(html).toHaveClass(/pf-v6-theme-dark/);
  else await expect(html).not.toHaveClass(/pf-v6-theme-dark/);
  await animationsDone(page);
};
