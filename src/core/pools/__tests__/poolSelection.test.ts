import { newContainerRuntimeConfig } from '../../model/storeSection';
import type { ContainerRuntimeConfig } from '../../model/types';
import { applyJsonPatch } from '../../../../dev/simulated-cluster/patch';
import { selectorMatches } from '../../model/labelSelector';
import { planPoolSelection, readPoolSelector } from '../poolSelection';
import type { MachineConfigPool } from '../machineConfigPool';

const KEY = 'pools.operator.machineconfiguration.openshift.io/';

/** The labels the MCO's own manifests give worker (manifests/worker.machineconfigpool.yaml). */
const worker: MachineConfigPool = {
  metadata: {
    name: 'worker',
    resourceVersion: '10',
    labels: { 'machineconfiguration.openshift.io/mco-built-in': '', [`${KEY}worker`]: '' },
  },
};
/** A custom pool as Red Hat's documentation creates one: no labels at all. */
const infra: MachineConfigPool = { metadata: { name: 'infra', resourceVersion: '20' } };
/** A custom pool its author labelled for a KubeletConfig. */
const gpu: MachineConfigPool = {
  metadata: { name: 'gpu', resourceVersion: '30', labels: { 'custom-kubelet': 'large-pods' } },
};

const config = (
  name: string,
  selector: ContainerRuntimeConfig['spec']['machineConfigPoolSelector'],
) => ({
  ...newContainerRuntimeConfig(name, 'x'),
  spec: { machineConfigPoolSelector: selector, containerRuntimeConfig: {} },
});

describe('planPoolSelection', () => {
  it('selects a pool the MCO labelled by its label, with nothing to change', () => {
    expect(planPoolSelection(worker, [])).toEqual({
      kind: 'has-label',
      key: `${KEY}worker`,
      selector: { matchLabels: { [`${KEY}worker`]: '' } },
    });
  });

  it('adds the label to a custom pool without changing its other labels', () => {
    const plan = planPoolSelection(gpu, []);
    if (plan.kind !== 'needs-label') throw new Error('expected a label change');
    expect(plan.change.patch).toEqual([
      { op: 'test', path: '/metadata/labels', value: { 'custom-kubelet': 'large-pods' } },
      { op: 'add', path: `/metadata/labels/${KEY.replace('/', '~1')}gpu`, value: '' },
    ]);
    const patched = applyJsonPatch(gpu, plan.change.patch) as MachineConfigPool;
    expect(patched.metadata.labels).toEqual(plan.change.after);
    expect(plan.change.after).toEqual({ 'custom-kubelet': 'large-pods', [`${KEY}gpu`]: '' });
    expect(selectorMatches(plan.selector, patched.metadata.labels)).toBe(true);
    expect(selectorMatches(plan.selector, gpu.metadata.labels)).toBe(false);
  });

  it('does not overwrite labels someone changed after they were read', () => {
    const plan = planPoolSelection(gpu, []);
    if (plan.kind !== 'needs-label') throw new Error('expected a label change');
    const changed = { ...gpu, metadata: { ...gpu.metadata, labels: { team: 'ml' } } };
    expect(() => applyJsonPatch(changed, plan.change.patch)).toThrow(/test failed/);
  });

  it('gives a pool without labels its first one, only if the pool is still the version read', () => {
    const plan = planPoolSelection(infra, []);
    if (plan.kind !== 'needs-label') throw new Error('expected a label change');
    const patched = applyJsonPatch(infra, plan.change.patch) as MachineConfigPool;
    expect(patched.metadata.labels).toEqual({ [`${KEY}infra`]: '' });
    const labelledMeanwhile = {
      metadata: { ...infra.metadata, resourceVersion: '21', labels: { team: 'ml' } },
    };
    expect(() => applyJsonPatch(labelledMeanwhile, plan.change.patch)).toThrow(/test failed/);
  });

  it('selects on the pool label with the value someone gave it, rather than change it', () => {
    const odd = { metadata: { name: 'gpu', labels: { [`${KEY}gpu`]: 'true' } } };
    expect(planPoolSelection(odd, [])).toEqual({
      kind: 'has-label',
      key: `${KEY}gpu`,
      selector: { matchLabels: { [`${KEY}gpu`]: 'true' } },
    });
  });

  it('names the other configurations that would start selecting the pool once labelled', () => {
    const plan = planPoolSelection(
      gpu,
      [
        config('waiting-for-gpu', { matchLabels: { [`${KEY}gpu`]: '' } }),
        config('any-pool-label', {
          matchExpressions: [{ key: `${KEY}gpu`, operator: 'Exists' }],
        }),
        config('already', { matchLabels: { 'custom-kubelet': 'large-pods' } }),
        config('the-one-being-written', { matchLabels: { [`${KEY}gpu`]: '' } }),
        config('worker-only', { matchLabels: { [`${KEY}worker`]: '' } }),
      ],
      'the-one-being-written',
    );
    if (plan.kind !== 'needs-label') throw new Error('expected a label change');
    expect(plan.change.alsoSelectedBy).toEqual(['any-pool-label', 'waiting-for-gpu']);
  });
});

describe('readPoolSelector', () => {
  const pools = [worker, infra, gpu];

  it('names the pools a selector selects', () => {
    expect(readPoolSelector({ matchLabels: { [`${KEY}worker`]: '' } }, pools)).toEqual({
      pools: ['worker'],
      usesRoleLabel: false,
      empty: false,
    });
    expect(
      readPoolSelector(
        { matchExpressions: [{ key: 'custom-kubelet', operator: 'DoesNotExist' }] },
        pools,
      ).pools,
    ).toEqual(['infra', 'worker']);
  });

  it('sees a selector on the MachineConfig role label, which selects no pool', () => {
    expect(
      readPoolSelector(
        { matchLabels: { 'machineconfiguration.openshift.io/role': 'infra' } },
        pools,
      ),
    ).toEqual({ pools: [], usesRoleLabel: true, empty: false });
  });

  it('sees an empty selector, which the MCO takes as selecting nothing', () => {
    expect(readPoolSelector({}, pools)).toEqual({ pools: [], usesRoleLabel: false, empty: true });
    expect(readPoolSelector(undefined, pools).empty).toBe(true);
  });
});
