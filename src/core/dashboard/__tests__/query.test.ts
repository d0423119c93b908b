import { buildDashboard } from '../buildDashboard';
import {
  DEFAULT_QUERY,
  isFiltered,
  NO_POOL,
  type NodeQuery,
  readNodeQuery,
  selectEntries,
  writeNodeQuery,
} from '../query';
import {
  agentAnnotations,
  degradedReport,
  mcoAnnotations,
  notConfiguredReport,
  NOW,
  sampleConfigs,
  sampleNode,
  samplePools,
  sampleReport,
  sampleStore,
  unhealthyReport,
} from '../__fixtures__/sampleCluster';

const snapshot = buildDashboard({
  nodes: [
    sampleNode('gpu-b', ['worker', 'gpu'], {
      ...mcoAnnotations('Done', 'rendered-gpu-new'),
      ...agentAnnotations(
        sampleReport({
          at: new Date(NOW - 5_000).toISOString(),
          stores: [sampleStore({ layers: 50, images: ['quay.io/ai/vllm:1'] })],
        }),
      ),
    }),
    sampleNode('gpu-a', ['worker', 'gpu'], {
      ...mcoAnnotations('Rebooting', 'a', 'b'),
      ...agentAnnotations(unhealthyReport()),
    }),
    sampleNode('gpu-c', ['worker', 'gpu'], {
      ...mcoAnnotations('Done', 'rendered-gpu-new'),
      ...agentAnnotations(degradedReport()),
    }),
    sampleNode('wrk-a', ['worker'], {
      ...mcoAnnotations('Working', 'a', 'b'),
      ...agentAnnotations(notConfiguredReport()),
    }),
    sampleNode('edge-a', ['edge'], {}),
  ],
  pools: samplePools(),
  configs: sampleConfigs(),
  now: NOW,
});

const names = (query: Partial<NodeQuery>) =>
  selectEntries(snapshot.nodes, { ...DEFAULT_QUERY, ...query }).map((e) => e.name);

describe('selecting table rows', () => {
  it.each<[string, Partial<NodeQuery>, string[]]>([
    [
      'default: worst health first, then by name',
      {},
      ['gpu-a', 'gpu-c', 'edge-a', 'wrk-a', 'gpu-b'],
    ],
    ['by name', { sort: 'name' }, ['edge-a', 'gpu-a', 'gpu-b', 'gpu-c', 'wrk-a']],
    [
      'by name, descending',
      { sort: 'name', order: 'desc' },
      ['wrk-a', 'gpu-c', 'gpu-b', 'gpu-a', 'edge-a'],
    ],
    ['by pool, no pool last', { sort: 'pool' }, ['gpu-a', 'gpu-b', 'gpu-c', 'wrk-a', 'edge-a']],
    [
      'by pool descending, no pool still last',
      { sort: 'pool', order: 'desc' },
      ['wrk-a', 'gpu-a', 'gpu-b', 'gpu-c', 'edge-a'],
    ],
    // Degraded, Unknown, Rebooting, Updating, UpToDate.
    ['by rollout', { sort: 'rollout' }, ['edge-a', 'gpu-a', 'wrk-a', 'gpu-b', 'gpu-c']],
    [
      'by layers served, descending, no report last',
      { sort: 'layers', order: 'desc' },
      ['gpu-b', 'gpu-c', 'gpu-a', 'wrk-a', 'edge-a'],
    ],
    [
      'by report age, youngest first',
      { sort: 'age' },
      ['gpu-b', 'gpu-a', 'gpu-c', 'wrk-a', 'edge-a'],
    ],
    [
      'by stores, fewest answering first',
      { sort: 'stores' },
      ['wrk-a', 'gpu-a', 'gpu-b', 'gpu-c', 'edge-a'],
    ],
    ['one pool', { pools: ['gpu'], sort: 'name' }, ['gpu-a', 'gpu-b', 'gpu-c']],
    ['nodes without a pool', { pools: [NO_POOL] }, ['edge-a']],
    ['two health states', { health: ['Unhealthy', 'Degraded'], sort: 'name' }, ['gpu-a', 'gpu-c']],
    ['a rollout state', { rollout: ['Updating'] }, ['wrk-a']],
    ['pool and health together', { pools: ['gpu'], health: ['NotConfigured'] }, []],
    ['text in the name', { text: 'WRK' }, ['wrk-a']],
    ['text in an image served lazily', { text: 'vllm:1' }, ['gpu-b']],
    ['blank text', { text: '   ' }, ['gpu-a', 'gpu-c', 'edge-a', 'wrk-a', 'gpu-b']],
  ])('%s', (_label, query, expected) => {
    expect(names(query)).toEqual(expected);
  });

  it('does not reorder its input', () => {
    const before = snapshot.nodes.map((n) => n.name);
    names({ sort: 'name' });
    expect(snapshot.nodes.map((n) => n.name)).toEqual(before);
  });
});

describe('the query in the URL', () => {
  it('round-trips', () => {
    const query: NodeQuery = {
      pools: ['gpu', NO_POOL],
      health: ['Unhealthy', 'Stale'],
      rollout: ['Degraded'],
      text: 'a b&c',
      sort: 'age',
      order: 'desc',
      node: 'gpu-a',
    };
    const params = writeNodeQuery(query);
    expect(params.toString()).toBe(
      'pool=gpu%2C_none&health=Unhealthy%2CStale&rollout=Degraded&q=a+b%26c&sort=age&order=desc&node=gpu-a',
    );
    expect(readNodeQuery(new URLSearchParams(params.toString()))).toEqual(query);
  });

  it('leaves defaults out and other parameters alone', () => {
    expect(
      writeNodeQuery(DEFAULT_QUERY, new URLSearchParams('other=1&health=Stale')).toString(),
    ).toBe('other=1');
  });

  it('drops values it does not know', () => {
    expect(
      readNodeQuery(
        new URLSearchParams('health=Healthy,Bogus,Healthy&rollout=Nope&sort=evil&order=up'),
      ),
    ).toEqual({
      ...DEFAULT_QUERY,
      health: ['Healthy'],
    });
  });

  it.each<[Partial<NodeQuery>, boolean]>([
    [{}, false],
    [{ sort: 'name', node: 'x' }, false],
    [{ text: ' ' }, false],
    [{ text: 'x' }, true],
    [{ pools: ['gpu'] }, true],
    [{ health: ['Stale'] }, true],
    [{ rollout: ['Degraded'] }, true],
  ])('filtered %j: %s', (query, filtered) => {
    expect(isFiltered({ ...DEFAULT_QUERY, ...query })).toBe(filtered);
  });
});
