/**
 * The pool editor as an administrator meets it: unknown fields typed in the YAML tab are marked
 * at their line in the editor itself, with what the API server does with them; the French
 * storage-plugin select leaves room for its arrow; and no page or tab of the editor has a serious
 * or critical axe violation, in the light theme or the dark one.
 */
import type { Page } from '@playwright/test';
import { expectAccessible, useTheme, type Theme } from './support/axe';
import { expect, openPage, screenshot, test, yamlEditor } from './support/fixtures';

const POOL = 'worker';

// A cluster of its own: other journeys configure the worker pool on theirs.
test.use({ cluster: { nodes: 10 } });
const MCP = 'machineconfiguration.openshift.io~v1~MachineConfigPool';

interface Marker {
  startLineNumber: number;
  startColumn: number;
  message: string;
  severity: number;
}

/** The markers the page put on the YAML editor's model. */
const markers = (page: Page): Promise<Marker[]> =>
  page.evaluate(() => {
    const { monaco } = window as unknown as {
      monaco: { editor: { getModelMarkers(filter: { owner?: string }): Marker[] } };
    };
    return monaco.editor.getModelMarkers({ owner: 'lazy-pull' });
  });

test('unknown fields at any level are marked at their line, and Create stays off', async ({
  page,
}) => {
  await openPage(page, `/lazy-pull/pools/${POOL}`);
  await page.getByRole('tab', { name: 'YAML' }).click();
  const yaml = yamlEditor(page);
  const text = (await yaml.text())
    .replace(/^spec:\n/m, 'spec:\n  lazyPull:\n    enabled: true\n')
    .replace(
      /^ {2}containerRuntimeConfig:.*\n/m,
      '  containerRuntimeConfig:\n    lazyPull: true\n    additionalLayerStores:\n    - path: /var/lib/stargz-store/store\n      mountOptions: ro\n',
    );
  await yaml.setText(text);
  // Where each key is, counted in the text itself (1-based, as editors count).
  const lines = text.split('\n');
  const lineOf = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l)) + 1;
  const expected = [
    { line: lineOf(/^ {2}lazyPull:/), field: 'spec.lazyPull', meantStores: true },
    {
      line: lineOf(/^ {4}lazyPull:/),
      field: 'spec.containerRuntimeConfig.lazyPull',
      meantStores: true,
    },
    {
      line: lineOf(/^ {6}mountOptions:/),
      field: 'spec.containerRuntimeConfig.additionalLayerStores[0].mountOptions',
      meantStores: false,
    },
  ];
  for (const e of expected) expect(e.line, `${e.field} is not in the text`).toBeGreaterThan(0);

  await expect.poll(async () => (await markers(page)).length).toBe(expected.length);
  const shown = await markers(page);
  for (const e of expected) {
    const marker = shown.find((m) => m.startLineNumber === e.line);
    expect(marker, `no marker at line ${e.line} (${e.field})`).toBeDefined();
    expect(marker!.message).toContain(`Unknown field ${e.field}`);
    expect(marker!.message).toContain('the API server refuses the object');
    expect(marker!.message).toContain('has the field dropped');
    expect(marker!.message.includes('additionalLayerStores.')).toBe(e.meantStores);
  }
  // The API server would refuse the object (strict field validation): nothing can be sent.
  await expect(page.getByRole('button', { name: 'Create', exact: true })).toBeDisabled();
  await expect(
    page.getByText(/^Remove the fields the API server does not know first: spec\.lazyPull, /),
  ).toBeVisible();
  // The editor draws them (a squiggle under each key).
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(expected.length);
  await screenshot(page, 'editor-yaml-unknown-fields');

  // Removing them lifts the block and the markers.
  await yaml.setText(
    text
      .replace('  lazyPull:\n    enabled: true\n', '')
      .replace('    lazyPull: true\n', '')
      .replace('      mountOptions: ro\n', ''),
  );
  await expect.poll(async () => (await markers(page)).length).toBe(0);
  await expect(page.getByText(/^Remove the fields the API server does not know/)).toHaveCount(0);
});

for (const width of [1024, 1400]) {
  test(`French: the storage-plugin select leaves room for its arrow at ${width} px`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await openPage(page, `/lazy-pull/pools/${POOL}?lng=fr`);
    await page.getByRole('button', { name: 'Ajouter un magasin de couches' }).click();
    const select = page.getByRole('combobox', {
      name: 'Plug-in de stockage de Magasin de couches 1',
    });
    await select.selectOption({ label: 'Chemin personnalisé' });
    // The selected label, measured in the select's own font, ends a clear space before the
    // arrow PatternFly draws over the select's right padding (at least its small spacer, 8 px).
    const room = await select.evaluate((el: HTMLSelectElement) => {
      const style = getComputedStyle(el);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const label = el.options[el.selectedIndex].text;
      const box = el.getBoundingClientRect();
      const textEnd =
        box.left +
        parseFloat(style.borderLeftWidth) +
        parseFloat(style.paddingLeft) +
        ctx.measureText(label).width;
      const arrow = el.parentElement!.querySelector('.pf-v6-c-form-control__toggle-icon');
      const arrowStart = arrow ? arrow.getBoundingClientRect().left : box.right;
      return { label, gap: arrowStart - textEnd, hasArrow: arrow !== null };
    });
    expect(room.label).toBe('Chemin personnalisé');
    expect(room.hasArrow).toBe(true);
    expect(room.gap, `"${room.label}" ends ${room.gap} px before the arrow`).toBeGreaterThanOrEqual(
      8,
    );
    await screenshot(page, `editor-fr-custom-path-${width}`);
  });
}

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`axe: the pools overview, the editor's tabs and the MachineConfigPool tab, ${theme}`, async ({
    page,
  }) => {
    await openPage(page, '/lazy-pull');
    await useTheme(page, theme);
    await expect(page.getByText('Configure lazy pulling').first()).toBeVisible();
    await expectAccessible(page, `the pools overview (${theme})`);

    await openPage(page, `/lazy-pull/pools/${POOL}`);
    await useTheme(page, theme);
    await page.getByRole('button', { name: 'Add layer store' }).click();
    await expect(page.getByRole('textbox', { name: 'Layer store 1' })).toBeVisible();
    await expectAccessible(page, `the editor's Form tab (${theme})`);

    await page.getByRole('tab', { name: 'YAML' }).click();
    await expect(yamlEditor(page).locator).toBeVisible();
    // The text's colours are the code editor's theme, which the console sets (console-light and
    // console-dark, from PatternFly's tokens) and the dev shell does not: Monaco's default theme
    // there is no finding about this page.
    await expectAccessible(page, `the editor's YAML tab (${theme})`, {
      exclude: ['.monaco-editor .view-lines', '.monaco-editor .margin'],
    });

    await page.getByRole('tab', { name: 'Preview' }).click();
    await expect(page.getByRole('heading', { name: 'Storage configuration' })).toBeVisible();
    await expectAccessible(page, `the editor's Preview tab (${theme})`);

    await openPage(page, `/k8s/cluster/${MCP}/gpu/lazy-pull`);
    await useTheme(page, theme);
    await expect(page.locator('main').getByText('gpu-lazy-pull').first()).toBeVisible();
    await expectAccessible(page, `the MachineConfigPool tab (${theme})`);
  });
}
