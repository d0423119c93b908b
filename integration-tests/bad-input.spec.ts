/**
 * Journey: bad input typed into every field of the editor — relative paths, `//`, `:`, spaces,
 * 300-character paths, non-ASCII, markup — into each store list and the name, and broken YAML into
 * the YAML tab. The page must never break (no page error, no error boundary), must show the core's
 * message for each problem where the problem is, and must keep Create disabled. It uses the master
 * pool, which no other journey configures, so its form is a new object with a name field.
 */
import {
  EMPTY_STORE_SECTION,
  newContainerRuntimeConfig,
  withStoreSection,
  type StoreSection,
} from '../src/core/model/storeSection';
import { parseContainerRuntimeConfigText } from '../src/core/model/manifest';
import type { ContainerRuntimeConfig, StoreField } from '../src/core/model/types';
import {
  blockingErrors,
  formatFieldError,
  validateContainerRuntimeConfig,
} from '../src/core/validation';
import {
  expectNotBroken,
  descriptionOf,
  test,
  expect,
  openPage,
  screenshotAt,
  screenshot,
  type PageProblems,
  yamlEditor,
} from './support/fixtures';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { hasShared, sharedPath } from '../src/__test-support__/sharedData';

const POOL = 'master';

/** Markup that would run if the page ever rendered input as HTML. */
const MARKUP =
  '/var/lib/<img src=x onerror="window.__lazyPullXss=1"><script>window.__lazyPullXss=1</script>';

const BAD_PATHS = [
  'var/lib/stargz-store/store', // relative
  '/var/lib//stargz-store', // consecutive slashes
  '//', // nothing but slashes
  '/var/lib/stargz-store/store:ref', // a colon (storage.conf's own :ref suffix)
  '/var/lib/stargz store', // a space
  ' /var/lib/stargz-store/store', // a leading space
  `/${'a'.repeat(299)}`, // 300 characters
  '/var/lib/ストア/é', // non-ASCII
  '/var/lib/\u200bzero-width', // an invisible character
  MARKUP,
  '', // emptied
];

const BAD_NAMES = [
  'Lazy Pull', // upper case and a space
  'lazy_pull', // underscore
  '-lazy-pull', // leading dash
  'lazy:pull',
  'lazy-pull-ü',
  'a'.repeat(300),
  '<script>window.__lazyPullXss=1</script>',
  '', // emptied: required
];

const FIELDS: { field: StoreField; label: string }[] = [
  { field: 'additionalLayerStores', label: 'Layer store 1' },
  { field: 'additionalImageStores', label: 'Image store 1' },
  { field: 'additionalArtifactStores', label: 'Artifact store 1' },
];

/** Types like a person for short values; long ones are pasted. */
const enter = async (page: Page, label: string, value: string) => {
  const box = page.getByRole('textbox', { name: label, exact: true });
  await box.fill('');
  if (value.length <= 40) await box.pressSequentially(value);
  else await box.fill(value);
  await expect(box, `${label} does not hold what was typed`).toHaveValue(value);
  return box;
};

/** The core's blocking messages for one field of a draft. */
const messagesFor = (draft: ContainerRuntimeConfig, fieldPath: string): string[] =>
  blockingErrors(validateContainerRuntimeConfig(draft, { gateEnabled: true }))
    .filter((e) => e.field === fieldPath || e.field.startsWith(`${fieldPath}.`))
    .map((e) => e.message);

/** What the core finds wrong with a YAML text (a parser that gives up counts as a problem too). */
const expectedYamlProblems = (text: string): string[] => {
  try {
    const parsed = parseContainerRuntimeConfigText(text);
    return parsed.ok
      ? blockingErrors(validateContainerRuntimeConfig(parsed.object, { gateEnabled: true })).map(
          formatFieldError,
        )
      : parsed.problems.map((p) => p.message);
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)];
  }
};

const expectBlocked = async (page: Page, problems: PageProblems, what: string) => {
  await expect(
    page.getByRole('button', { name: 'Create', exact: true }),
    `Create is enabled with ${what}`,
  ).toBeDisabled();
  expect(
    await page.evaluate(() => (window as { __lazyPullXss?: number }).__lazyPullXss),
    'input was run as markup',
  ).toBe(undefined);
  await expectNotBroken(page);
  expect(problems.unexpected, `the page reported problems after ${what}`).toEqual([]);
};

test('bad input in every field and broken YAML never break the editor and keep Create disabled', async ({
  page,
  problems,
}) => {
  test.setTimeout(180_000);
  await openPage(page, `/lazy-pull/pools/${POOL}`);
  const name = await page.getByRole('textbox', { name: 'Name', exact: true }).inputValue();
  await page.getByRole('button', { name: 'Add layer store' }).click();
  await page.getByRole('button', { name: 'Image and artifact stores' }).click();
  await page.getByRole('button', { name: 'Add image store' }).click();
  await page.getByRole('button', { name: 'Add artifact store' }).click();

  // Every store field, every bad path: the core's message at the field, Create disabled.
  const section: StoreSection = {
    ...EMPTY_STORE_SECTION,
    additionalLayerStores: ['/var/lib/stargz-store/store'],
    additionalImageStores: ['/var/lib/images'],
    additionalArtifactStores: ['/var/lib/artifacts'],
  };
  for (const { field, label } of FIELDS) {
    for (const value of BAD_PATHS) {
      const box = await enter(page, label, value);
      section[field] = [value];
      const draft = withStoreSection(newContainerRuntimeConfig(name, POOL), section);
      const expected = messagesFor(draft, `spec.containerRuntimeConfig.${field}[0]`);
      expect(
        expected.length,
        `the core accepts ${JSON.stringify(value)} in ${field}`,
      ).toBeGreaterThan(0);
      const helper = await descriptionOf(box);
      for (const message of expected) await expect(helper.getByText(message)).toBeVisible();
      await expect(box, `${label} is not marked invalid`).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByText('Fix the problems marked in the form first.')).toBeVisible();
      await expectBlocked(page, problems, `${JSON.stringify(value)} in ${label}`);
    }
    // Leave a bad value in each field: markup, the most hostile one.
    await enter(page, label, MARKUP);
    section[field] = [MARKUP];
  }

  await screenshotAt(
    page.getByRole('textbox', { name: 'Layer store 1', exact: true }),
    'bad-input-1-store-fields',
  );

  // The name of the new object.
  const nameBox = page.getByRole('textbox', { name: 'Name', exact: true });
  for (const value of BAD_NAMES) {
    await enter(page, 'Name', value);
    const draft = withStoreSection(newContainerRuntimeConfig(value, POOL), section);
    const expected = messagesFor(draft, 'metadata.name');
    expect(expected.length, `the core accepts the name ${JSON.stringify(value)}`).toBeGreaterThan(
      0,
    );
    const helper = await descriptionOf(nameBox);
    for (const message of expected) await expect(helper.getByText(message)).toBeVisible();
    await expect(nameBox).toHaveAttribute('aria-invalid', 'true');
    await expectBlocked(page, problems, `the name ${JSON.stringify(value)}`);
  }
  await screenshotAt(nameBox, 'bad-input-2-name');

  // The preview counts the problems and still renders.
  const everything = withStoreSection(newContainerRuntimeConfig('', POOL), section);
  const blocking = blockingErrors(
    validateContainerRuntimeConfig(everything, { gateEnabled: true }),
  );
  await page.getByRole('tab', { name: 'Preview' }).click();
  await expect(
    page.getByText(`This configuration cannot be applied: ${blocking.length} problems`),
  ).toBeVisible();
  await expectBlocked(page, problems, 'every field bad, in the preview');
  await screenshot(page, 'bad-input-3-preview');

  // The YAML of that draft holds the markup as text.
  await page.getByRole('tab', { name: 'YAML' }).click();
  const yaml = yamlEditor(page);
  await expect.poll(() => yaml.text()).toContain('<script>window.__lazyPullXss=1</script>');

  // Broken YAML: the core's problem shown, the form untouched, Create disabled.
  const header = 'apiVersion: machineconfiguration.openshift.io/v1\nkind: ContainerRuntimeConfig\n';
  const storeYaml = (path: string) =>
    `${header}metadata:\n  name: lazy-pull-master\nspec:\n  machineConfigPoolSelector:\n    matchLabels:\n      pools.operator.machineconfiguration.openshift.io/master: ""\n  containerRuntimeConfig:\n    additionalLayerStores:\n      - path: ${path}\n`;
  const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (const k of ['b', 'c', 'd', 'e', 'f', 'g']) {
    const prev = laughs[laughs.length - 1][0];
    laughs.push(`${k}: &${k} [${Array.from({ length: 10 }, () => `*${prev}`).join(', ')}]`);
  }
  const BROKEN_YAML = [
    `${header}metadata:\n  name: [unclosed\n`, // unclosed flow sequence
    `${header}metadata:\n\tname: tabbed\n`, // a tab as indentation
    `${header}metadata:\n  name: a\n  name: b\n`, // duplicate key
    'just a string',
    '- a\n- list\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: not-a-ctrcfg\n',
    `${header}metadata: {}\nspec: 42\n`, // wrong types
    storeYaml('relative/path'),
    storeYaml('"/var//lib"'),
    storeYaml('"/var/lib/<script>window.__lazyPullXss=1</script>"'),
    `${laughs.join('\n')}\n`, // billion laughs
    '{{{{',
    '',
  ];
  for (const text of BROKEN_YAML) {
    await yaml.setText(text);
    const expected = expectedYamlProblems(text);
    expect(expected.length, `the core accepts the broken YAML:\n${text}`).toBeGreaterThan(0);
    const alert = page
      .locator('.pf-v6-c-alert')
      .filter({ hasText: 'This YAML is not applied to the form' });
    for (const message of expected) await expect(alert.getByText(message).first()).toBeVisible();
    await expect(page.getByText('Fix the YAML first, or discard your YAML edits.')).toBeVisible();
    await expectBlocked(page, problems, `the YAML ${JSON.stringify(text.slice(0, 60))}`);
    if (text.includes('unclosed')) await screenshot(page, 'bad-input-4-broken-yaml');
  }

  // Back in the form: the YAML edits are set aside, and can be discarded.
  await page.getByRole('tab', { name: 'Form' }).click();
  const setAside = page
    .locator('.pf-v6-c-alert')
    .filter({ hasText: 'Your YAML edits have errors and are not in the form' });
  await expect(setAside).toBeVisible();
  await expect(
    page.getByRole('textbox', { name: 'Layer store 1', exact: true }),
    'the form changed with YAML that was not accepted',
  ).toHaveValue(MARKUP);
  await setAside.getByRole('button', { name: 'Discard YAML edits' }).click();
  await expect(setAside).toHaveCount(0);
  await expect(
    page.getByRole('heading', { name: `Lazy image pulling for pool ${POOL}` }),
  ).toBeVisible();
  await expectBlocked(page, problems, 'discarding the YAML edits');
  await screenshot(page, 'bad-input-5-form-after-yaml');
});

/**
 * The API server's own answers, recorded from a real server for the same paths
 * (../shared/golden/apiserver): the page must show each cause it gave for the path, in its
 * words, independently of what the core computes.
 */
// Not x-layer-path-257: the recording's server (Kubernetes 1.26) words a too long string as 4.22's
// servers no longer do; openshift/api's 4.22 suite checks the page's wording of that one.
const RECORDED_PATH_CASES = ['x-layer-relative', 'x-layer-double-slash', 'x-layer-empty-path'];
const PATH_FIELD = 'spec.containerRuntimeConfig.additionalLayerStores[0].path';

test('bad layer store paths: the causes the API server gave for them, at the field', async ({
  page,
  problems,
}) => {
  test.skip(!hasShared('golden/apiserver'), `${sharedPath('golden/apiserver')} is absent`);
  await openPage(page, `/lazy-pull/pools/${POOL}`);
  await page.getByRole('button', { name: 'Add layer store' }).click();
  await page
    .getByRole('combobox', { name: 'Storage plugin of Layer store 1' })
    .selectOption('custom');
  for (const name of RECORDED_PATH_CASES) {
    const input = JSON.parse(
      readFileSync(sharedPath(`golden/apiserver/cases/${name}.json`), 'utf8'),
    ) as { spec: { containerRuntimeConfig: { additionalLayerStores: { path: string }[] } } };
    const answer = JSON.parse(
      readFileSync(sharedPath(`golden/apiserver/expected/${name}.json`), 'utf8'),
    ) as {
      strict: {
        http: number;
        status: { details: { causes: { field: string; message: string }[] } };
      };
    };
    expect(answer.strict.http, `${name}: the server accepted it`).toBe(422);
    const causes = answer.strict.status.details.causes.filter((c) => c.field === PATH_FIELD);
    expect(causes.length, `${name}: no cause at ${PATH_FIELD}`).toBeGreaterThan(0);
    const box = await enter(
      page,
      'Layer store 1',
      input.spec.containerRuntimeConfig.additionalLayerStores[0].path,
    );
    const helper = await descriptionOf(box);
    for (const cause of causes) await expect(helper.getByText(cause.message)).toBeVisible();
    await expectBlocked(page, problems, `${name}'s path`);
  }
});
