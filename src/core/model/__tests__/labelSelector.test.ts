import { selectorMatches } from '../labelSelector';

describe('selectorMatches (as the MCO selects pools)', () => {
  const labels = { 'pools.operator.machineconfiguration.openshift.io/worker': '', tier: 'a' };
  it.each([
    [{ matchLabels: { 'pools.operator.machineconfiguration.openshift.io/worker': '' } }, true],
    [{ matchLabels: { 'pools.operator.machineconfiguration.openshift.io/worker': 'x' } }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] }, false],
    [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    [{ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'Gt', values: ['1'] }] }, false],
    [{}, false], // empty: the MCO skips it
    [null, false], // nil selects nothing
  ])('%j → %p', (selector, selected) => {
    expect(selectorMatches(selector, labels)).toBe(selected);
  });
});
