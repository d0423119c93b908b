/**
 * Journey: an administrator who turned lazy pulling on for the gpu pool opens the pools overview
 * and the node health page and reads, per pool, how long pulls took with lazy pulling and
 * without, from the kubelets' events the simulated cluster holds; the guide the section links
 * opens (pull-times-forbidden.spec.ts: a user whose roles leave events out is told so).
 */
import { expectAccessible, useTheme } from './support/axe';
import { expect, openPage, screenshotAt, test } from './support/fixtures';

const EVENTS = '/api/kubernetes/api/v1/events';

/** A pull time as the section writes it in English, in ms. */
const ms = (text: string): number => {
  const m = /^([\d.,]+) (ms|s|min)$/.exec(text);
  if (!m) throw new Error(`not a pull time: ${text}`);
  const value = Number(m[1].replace(/,/g, ''));
  return value * { ms: 1, s: 1000, min: 60_000 }[m[2] as 'ms' | 's' | 'min'];
};

// Enough gpu nodes that some pull images the worker pool pulls too.
test.use({ cluster: { nodes: 60 } });

test('pull times: each pool lazy against full, the same image both ways, and the guide', async ({
  page,
  api,
}) => {
  // The page watches with field selectors the API server accepts; the same lists, read here.
  const pulled = await api.read<{ items: unknown[] }>(
    `${EVENTS}?fieldSelector=${encodeURIComponent('reason=Pulled,source=kubelet,involvedObject.kind=Pod')}`,
  );
  expect(pulled.items.length).toBeGreaterThan(50);

  await openPage(page, '/lazy-pull');
  const section = page.getByRole('region', { name: 'Pull times' });
  await expect(section.getByText(/^From the kubelets' events of the last 3 h/)).toBeVisible({
    timeout: 30_000,
  });
  const gpu = section.locator('[data-pool="gpu"]');
  const worker = section.locator('[data-pool="worker"]');
  const gpuSentence = gpu.getByText(/^Pool gpu: median pull /);
  await expect(gpuSentence).toHaveText(
    /^Pool gpu: median pull [\d.]+ s with lazy pulling \(\d+ images?, last 3 h\)/,
  );
  await expect(worker.getByText(/^Pool worker: median pull /)).toHaveText(
    /^Pool worker: median pull [\d.]+ (s|min) without lazy pulling \(\d+ images?, last 3 h\)/,
  );
  // The chart is named by its sentence.
  await expect(
    gpu.getByRole('img', { name: (await gpuSentence.textContent()) ?? '' }),
  ).toBeVisible();
  // Lazy pulls are the fast ones, in the table as in the sentence.
  const median = async (card: typeof gpu, side: 'Lazy' | 'Full') =>
    ms(
      (await card
        .getByRole('row', { name: new RegExp(`^${side}`) })
        .locator('td')
        .nth(1)
        .textContent()) ?? '',
    );
  expect(await median(gpu, 'Lazy')).toBeLessThan(await median(worker, 'Full'));

  const same = section.getByTestId('same-image');
  await expect(same.getByRole('row')).not.toHaveCount(1);
  for (const row of await same.locator('tbody tr').all()) {
    const cells = row.locator('td');
    const lazy = ms(((await cells.nth(1).textContent()) ?? '').replace(/ \(.*\)$/, ''));
    const full = ms(((await cells.nth(2).textContent()) ?? '').replace(/ \(.*\)$/, ''));
    expect(lazy).toBeLessThan(full);
  }
  // What the simulated kubelets wrote that nobody reads is counted, and shown on demand.
  const unreadable = section.getByRole('button', { name: /events? could not be read$/ });
  await unreadable.focus();
  await page.keyboard.press('Enter');
  await expect(section.getByText(/in 2\.5 seconds/).first()).toBeVisible();
  await screenshotAt(section, 'pull-times-pools');

  // The guide is served with the plugin, as plain text.
  const link = section.getByRole('link', { name: 'How to read pull times' });
  const guide = await page.request.get((await link.getAttribute('href')) ?? '');
  expect(guide.status()).toBe(200);
  expect(guide.headers()['content-type']).toMatch(/^text\/plain/);
  expect(await guide.text()).toContain('# Reading pull times: does lazy pulling pay off?');

  await expectAccessible(page, 'the pools overview with pull times');
  await useTheme(page, 'dark');
  await expectAccessible(page, 'the pools overview with pull times, dark');
  await useTheme(page, 'light');

  // The node health page shows the same comparison under its table.
  await openPage(page, '/lazy-pull/nodes');
  const onNodes = page.getByRole('region', { name: 'Pull times' });
  await expect(
    onNodes.locator('[data-pool="gpu"]').getByText(/^Pool gpu: median pull /),
  ).toHaveText((await gpuSentence.textContent()) ?? '');
  await screenshotAt(onNodes, 'pull-times-nodes');
  await expectAccessible(page, 'the node health page with pull times');
});
