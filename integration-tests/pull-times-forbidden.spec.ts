/**
 * Journey: a user whose roles do not include reading events opens the pools overview: the pull
 * times say why they cannot be shown, and the rest of the page works as before.
 */
import { expectAccessible } from './support/axe';
import { expect, openPage, test } from './support/fixtures';

test.use({ cluster: { nodes: 12, extraArgs: ['--pull-events', 'forbidden'] } });

test('pull times: says that events cannot be read, and the page works on', async ({
  page,
  problems,
}) => {
  problems.expect(/\/api\/kubernetes\/api\/v1\/events.*403|status of 403/);
  await openPage(page, '/lazy-pull');
  const section = page.getByRole('region', { name: 'Pull times' });
  await expect(section.getByText('Pull times need permission to read events')).toBeVisible({
    timeout: 30_000,
  });
  await expect(section.getByText(/cannot list resource "events"/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'worker', exact: true })).toBeVisible();
  await expectAccessible(page, 'the pools overview without events');
});
