import type { KubeObject } from '../kube-object';
import { parseFieldSelector, parseLabelSelector } from '../selectors';

const obj = (name: string, labels: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels },
});
const gpu = obj('a', { 'node-role.kubernetes.io/gpu': '', tier: 'gold', size: '8' });
const plain = obj('b', { tier: 'silver' });

describe('label selectors', () => {
  it.each([
    ['', [true, true]],
    ['node-role.kubernetes.io/gpu', [true, false]],
    ['!node-role.kubernetes.io/gpu', [false, true]],
    ['tier=gold', [true, false]],
    ['tier==gold', [true, false]],
    ['tier!=gold', [false, true]],
    ['tier in (gold, silver)', [true, true]],
    ['tier notin (gold)', [false, true]],
    ['tier in (gold,silver),!node-role.kubernetes.io/gpu', [false, true]],
    ['size>4', [true, false]],
    ['size<4', [false, false]],
    ['missing!=x', [true, true]],
  ])('%s', (selector, expected) => {
    const matches = parseLabelSelector(selector);
    expect([matches(gpu), matches(plain)]).toEqual(expected);
  });

  it('refuses what it cannot parse with 400', () => {
    expect(() => parseLabelSelector('tier in (gold')).toThrow(
      expect.objectContaining({ code: 400 }),
    );
    expect(() => parseLabelSelector('a=b=c')).toThrow(expect.objectContaining({ code: 400 }));
  });
});

describe('field selectors', () => {
  it('select by metadata.name, and refuse other fields', () => {
    expect(parseFieldSelector('metadata.name=a')(gpu)).toBe(true);
    expect(parseFieldSelector('metadata.name!=a')(gpu)).toBe(false);
    expect(parseFieldSelector('metadata.name=a,metadata.namespace=')(gpu)).toBe(true);
    expect(() => parseFieldSelector('spec.unschedulable=true')).toThrow(
      'field label not supported: spec.unschedulable',
    );
  });
});
