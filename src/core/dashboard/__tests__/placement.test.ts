import { type PlacementPool, placementPools, placeNode } from '../placement';

const rolePool = (name: string): PlacementPool => ({
  name,
  nodeSelector: { matchLabels: { [`node-role.kubernetes.io/${name}`]: '' } },
});

const pools = placementPools([
  rolePool('worker'),
  rolePool('master'),
  rolePool('gpu'),
  rolePool('infra'),
  { name: 'empty-selector', nodeSelector: {} },
  { name: 'nil-selector', nodeSelector: null },
  { name: 'empty-lists', nodeSelector: { matchLabels: {}, matchExpressions: [] } },
]);

const roles = (...names: string[]) =>
  Object.fromEntries(names.map((n) => [`node-role.kubernetes.io/${n}`, '']));

describe('pool placement, as the MCO decides', () => {
  it.each([
    ['worker only', roles('worker'), { kind: 'pool', pool: 'worker', alsoMatches: [] }],
    ['master only', roles('master'), { kind: 'pool', pool: 'master', alsoMatches: [] }],
    [
      'custom pool wins over worker',
      roles('worker', 'gpu'),
      { kind: 'pool', pool: 'gpu', alsoMatches: ['worker'] },
    ],
    ['custom pool alone', roles('gpu'), { kind: 'pool', pool: 'gpu', alsoMatches: [] }],
    [
      'master wins over worker (compact cluster)',
      roles('master', 'worker'),
      { kind: 'pool', pool: 'master', alsoMatches: ['worker'] },
    ],
    [
      'master wins over a custom pool',
      roles('master', 'gpu'),
      { kind: 'pool', pool: 'master', alsoMatches: ['gpu'] },
    ],
    [
      'two custom pools: the MCO manages it with none',
      roles('worker', 'gpu', 'infra'),
      { kind: 'conflict', pools: ['gpu', 'infra', 'worker'] },
    ],
    ['no matching pool', roles('edge'), { kind: 'none' }],
    ['no labels at all', undefined, { kind: 'none' }],
  ])('%s', (_label, labels, placement) => {
    expect(placeNode(pools, labels)).toEqual(placement);
  });

  it('never places a node by a nil or empty node selector', () => {
    expect(pools.map((p) => p.name)).toEqual(['gpu', 'infra', 'master', 'worker']);
  });

  it('follows matchExpressions too', () => {
    const exprPools = placementPools([
      {
        name: 'worker',
        nodeSelector: {
          matchExpressions: [{ key: 'node-role.kubernetes.io/worker', operator: 'Exists' }],
        },
      },
      {
        name: 'fast',
        nodeSelector: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['nvme'] }] },
      },
    ]);
    expect(placeNode(exprPools, { ...roles('worker'), disk: 'nvme' })).toMatchObject({
      pool: 'fast',
    });
    expect(placeNode(exprPools, { ...roles('worker'), disk: 'sata' })).toMatchObject({
      pool: 'worker',
    });
  });
});
