import fc from 'fast-check';
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

describe('placement of many nodes', () => {
  const NAMES = ['master', 'worker', 'gpu', 'infra', 'edge'];

  /** The MCO's rule, written out plainly: the reference placeNode's cached decisions must match. */
  const reference = (poolNames: string[], nodeRoles: string[]) => {
    const matched = poolNames.filter((p) => nodeRoles.includes(p)).sort();
    const custom = matched.filter((p) => p !== 'master' && p !== 'worker');
    if (matched.length === 0) return { kind: 'none' };
    if (custom.length > 1) return { kind: 'conflict', pools: matched };
    const pool = matched.includes('master') ? 'master' : (custom[0] ?? 'worker');
    return { kind: 'pool', pool, alsoMatches: matched.filter((p) => p !== pool) };
  };

  it('decides each node as the rule says, however many nodes share a placement', () => {
    fc.assert(
      fc.property(
        fc.subarray(NAMES, { minLength: 1 }),
        fc.array(fc.subarray(NAMES), { minLength: 1, maxLength: 30 }),
        (poolNames, nodes) => {
          const prepared = placementPools(poolNames.map(rolePool));
          for (const nodeRoles of nodes) {
            const placement = placeNode(prepared, roles(...nodeRoles));
            expect(placement).toEqual(reference(poolNames, nodeRoles));
            // Decided once per combination: the same object for the same matching pools.
            expect(placeNode(prepared, roles(...nodeRoles))).toBe(placement);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the decisions of different pool lists apart', () => {
    const a = placementPools([rolePool('worker'), rolePool('gpu')]);
    const b = placementPools([rolePool('worker'), rolePool('infra')]);
    const node = roles('worker', 'gpu', 'infra');
    expect(placeNode(a, node)).toEqual({ kind: 'pool', pool: 'gpu', alsoMatches: ['worker'] });
    expect(placeNode(b, node)).toEqual({ kind: 'pool', pool: 'infra', alsoMatches: ['worker'] });
  });

  it('places nodes among more pools than it caches decisions for', () => {
    const many = placementPools(
      Array.from({ length: 40 }, (_, i) => rolePool(`pool-${String(i).padStart(2, '0')}`)).concat(
        rolePool('worker'),
      ),
    );
    expect(placeNode(many, roles('worker', 'pool-39'))).toEqual({
      kind: 'pool',
      pool: 'pool-39',
      alsoMatches: ['worker'],
    });
    expect(placeNode(many, roles('pool-01', 'pool-39'))).toEqual({
      kind: 'conflict',
      pools: ['pool-01', 'pool-39'],
    });
  });
});
