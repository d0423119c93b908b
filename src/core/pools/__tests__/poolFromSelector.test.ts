import { poolFromSelector } from '../poolFromSelector';

describe('poolFromSelector', () => {
  it.each([
    [{ matchLabels: { 'pools.operator.machineconfiguration.openshift.io/worker': '' } }, 'worker'],
    [
      { matchLabels: { team: 'ml', 'pools.operator.machineconfiguration.openshift.io/gpu': '' } },
      'gpu',
    ],
    [
      {
        matchExpressions: [
          { key: 'pools.operator.machineconfiguration.openshift.io/infra', operator: 'Exists' },
        ],
      },
      'infra',
    ],
    [
      {
        matchExpressions: [
          {
            key: 'pools.operator.machineconfiguration.openshift.io/edge',
            operator: 'In',
            values: [''],
          },
        ],
      },
      'edge',
    ],
    [
      {
        matchExpressions: [
          {
            key: 'pools.operator.machineconfiguration.openshift.io/edge',
            operator: 'DoesNotExist',
          },
        ],
      },
      null,
    ],
    [{ matchLabels: { 'machineconfiguration.openshift.io/role': 'worker' } }, null],
    [{ matchLabels: { 'pools.operator.machineconfiguration.openshift.io/': '' } }, null],
    [{}, null],
    [null, null],
    [undefined, null],
  ])('%j names %p', (selector, pool) => {
    expect(poolFromSelector(selector)).toBe(pool);
  });
});
