/** @jest-environment jsdom */
import { injectStyles } from '../styles';

const ours = () => [
  ...document.head.querySelectorAll('style[data-plugin="lazy-pull-console-plugin"]'),
];

describe('injectStyles', () => {
  it('adds each stylesheet to the page once', () => {
    const before = ours().length;
    injectStyles('.lazy-pull-test-a { color: inherit; }');
    injectStyles('.lazy-pull-test-a { color: inherit; }');
    injectStyles('.lazy-pull-test-b { color: inherit; }');
    const added = ours()
      .slice(before)
      .map((s) => s.textContent);
    expect(added).toEqual([
      '.lazy-pull-test-a { color: inherit; }',
      '.lazy-pull-test-b { color: inherit; }',
    ]);
  });

  it('is what loading a view does with its stylesheet, as the build imports it (its text)', async () => {
    await import('../../config/editor/DiffView');
    const diffSheet = ours().find((s) => s.textContent?.includes('.lazy-pull-diff__line--add'));
    expect(diffSheet?.textContent).toContain('--pf-t--global--color--nonstatus--green--default');
  });
});
