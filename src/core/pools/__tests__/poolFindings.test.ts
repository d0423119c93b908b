import { newContainerRuntimeConfig } from '../../model/storeSection';
import { buildIgnitionConfig } from '../../ignition/ignitionConfig';
import { poolFindings, type MachineConfigLike } from '../poolFindings';
import type { MachineConfigPool } from '../machineConfigPool';

const GEN = '99-worker-generated-containerruntime';
const pool = (sources: string[]): MachineConfigPool => ({
  metadata: { name: 'worker' },
  status: {
    configuration: {
      name: 'rendered-worker-1',
      source: sources.map((name) => ({ kind: 'MachineConfig', name })),
    },
  },
});
const mc = (name: string, paths: string[], role = 'worker'): [string, MachineConfigLike] => [
  name,
  {
    metadata: { name, labels: { 'machineconfiguration.openshift.io/role': role } },
    spec: { config: buildIgnitionConfig(paths.map((path) => ({ path, contents: 'x\n' }))) },
  },
];
const cfg = (name: string) => newContainerRuntimeConfig(name, 'worker');

describe('poolFindings', () => {
  it('finds nothing on a tidy pool', () => {
    expect(
      poolFindings({
        pool: pool(['00-worker', GEN]),
        selecting: [cfg('a')],
        machineConfigs: new Map([mc(GEN, [])]),
      }),
    ).toEqual([]);
  });

  it('names the configs when several select the pool', () => {
    expect(poolFindings({ pool: pool([]), selecting: [cfg('b'), cfg('a')] })).toEqual([
      { kind: 'several-configs', configs: ['a', 'b'] },
    ]);
  });

  it('finds a later MachineConfig writing storage.conf, and ignores earlier ones and other files', () => {
    const machineConfigs = new Map([
      mc('00-worker', ['/etc/containers/storage.conf']),
      mc(GEN, ['/etc/containers/storage.conf']),
      mc('99-worker-zz-storage', ['/etc/containers/storage.conf']),
      mc('99-worker-zz-other', ['/etc/other.conf']),
    ]);
    expect(
      poolFindings({
        pool: pool(['00-worker', GEN, '99-worker-zz-storage', '99-worker-zz-other']),
        selecting: [cfg('a')],
        machineConfigs,
      }),
    ).toEqual([
      { kind: 'storage-conf-overridden', machineConfig: '99-worker-zz-storage', generated: GEN },
    ]);
  });

  it('on a custom pool, merges the worker MachineConfigs it inherits first, whatever their names', () => {
    // The MCO's MergeMachineConfigs: worker-role configs by name, then the others by name.
    const gpuGenerated = '99-gpu-generated-containerruntime';
    const machineConfigs = new Map([
      mc('99-worker-zz-storage', ['/etc/containers/storage.conf']),
      mc(gpuGenerated, ['/etc/containers/storage.conf'], 'gpu'),
      mc('99-gpu-zz-storage', ['/etc/containers/storage.conf'], 'gpu'),
    ]);
    expect(
      poolFindings({
        pool: {
          ...pool(['99-worker-zz-storage', gpuGenerated, '99-gpu-zz-storage']),
          metadata: { name: 'gpu' },
        },
        selecting: [newContainerRuntimeConfig('g', 'gpu')],
        machineConfigs,
      }),
    ).toEqual([
      {
        kind: 'storage-conf-overridden',
        machineConfig: '99-gpu-zz-storage',
        generated: gpuGenerated,
      },
    ]);
  });

  it('compares with the last generated MachineConfig of the pool', () => {
    const machineConfigs = new Map([
      mc(`${GEN}-1`, ['/etc/containers/storage.conf']),
      mc('99-worker-h', ['/etc/containers/storage.conf']),
    ]);
    // "99-worker-h" sorts before "99-worker-generated-…-1"? No: 'h' > 'g', so it wins.
    expect(
      poolFindings({ pool: pool([GEN, `${GEN}-1`, '99-worker-h']), selecting: [], machineConfigs }),
    ).toEqual([
      { kind: 'storage-conf-overridden', machineConfig: '99-worker-h', generated: `${GEN}-1` },
    ]);
  });

  it('warns as the limit of ten configs per pool nears and when it is reached', () => {
    const eight = Array.from({ length: 8 }, (_, i) => cfg(`c${i}`));
    expect(
      poolFindings({ pool: pool([]), selecting: eight }).find((f) => f.kind === 'config-limit'),
    ).toEqual({
      kind: 'config-limit',
      used: 8,
      max: 10,
      reached: false,
    });
    const generated = new Map(
      Array.from({ length: 10 }, (_, i) => mc(i === 0 ? GEN : `${GEN}-${i}`, [])),
    );
    expect(poolFindings({ pool: pool([]), selecting: [], machineConfigs: generated })).toEqual([
      { kind: 'config-limit', used: 10, max: 10, reached: true },
    ]);
    expect(poolFindings({ pool: pool([]), selecting: eight.slice(0, 7) })).toEqual([
      { kind: 'several-configs', configs: ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'] },
    ]);
  });
});
