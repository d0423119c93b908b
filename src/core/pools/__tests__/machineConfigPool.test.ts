import { selectorMatches } from '../../model/labelSelector';
import {
  configsSelectingPool,
  currentCondition,
  poolMaxUnavailable,
  poolUpdateState,
  type MachineConfigPool,
} from '../machineConfigPool';
import type { ContainerRuntimeConfig } from '../../model/types';

const pool = (name: string, extra: Partial<MachineConfigPool> = {}): MachineConfigPool => ({
  metadata: { name, labels: { [`pools.operator.machineconfiguration.openshift.io/${name}`]: '' } },
  ...extra,
});

const ctrcfg = (
  name: string,
  selector: ContainerRuntimeConfig['spec']['machineConfigPoolSelector'],
): ContainerRuntimeConfig => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'ContainerRuntimeConfig',
  metadata: { name },
  spec: { machineConfigPoolSelector: selector, containerRuntimeConfig: {} },
});

describe('label selectors', () => {
  const labels = { a: '1', b: '2' };
  it.each([
    [null, false],
    [undefined, false],
    [{}, false],
    [{ matchLabels: { a: '1' } }, true],
    [{ matchLabels: { a: '2' } }, false],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '3'] }] }, true],
    [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, false],
    [{ matchExpressions: [{ key: 'c', operator: 'NotIn', values: ['1'] }] }, true],
    [{ matchExpressions: [{ key: 'b', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'b', operator: 'DoesNotExist' }] }, false],
    [{ matchExpressions: [{ key: 'b', operator: 'Bogus' }] }, false],
  ])('%j → %s', (selector, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });
});

describe('pools', () => {
  it('finds the configs that select a pool', () => {
    const configs = [
      ctrcfg('w', {
        matchLabels: { 'pools.operator.machineconfiguration.openshift.io/worker': '' },
      }),
      ctrcfg('g', { matchLabels: { 'pools.operator.machineconfiguration.openshift.io/gpu': '' } }),
      ctrcfg('none', null),
    ];
    expect(configsSelectingPool(pool('worker'), configs).map((c) => c.metadata.name)).toEqual([
      'w',
    ]);
  });

  it('takes the last condition as the current one', () => {
    const c = ctrcfg('w', {});
    expect(currentCondition(c)).toBeUndefined();
    c.status = {
      conditions: [
        { type: 'Failure', status: 'True', message: 'Error: x' },
        { type: 'Success', status: 'True', message: 'Success' },
      ],
    };
    expect(currentCondition(c)?.type).toBe('Success');
  });

  it('reads the update state and maxUnavailable', () => {
    expect(
      poolUpdateState(pool('w', { status: { conditions: [{ type: 'Updated', status: 'True' }] } })),
    ).toBe('Updated');
    expect(
      poolUpdateState(
        pool('w', { status: { conditions: [{ type: 'Updating', status: 'True' }] } }),
      ),
    ).toBe('Updating');
    expect(poolUpdateState(pool('w', { status: { degradedMachineCount: 1 } }))).toBe('Degraded');
    expect(poolUpdateState(pool('w'))).toBe('Unknown');
    expect(poolMaxUnavailable(pool('w'))).toBe(1);
    expect(poolMaxUnavailable(pool('w', { spec: { maxUnavailable: 3 } }))).toBe(3);
    expect(
      poolMaxUnavailable(
        pool('w', { spec: { maxUnavailable: '25%' }, status: { machineCount: 10 } }),
      ),
    ).toBe(2);
    expect(
      poolMaxUnavailable(
        pool('w', { spec: { maxUnavailable: '10%' }, status: { machineCount: 3 } }),
      ),
    ).toBe(1);
  });
});
