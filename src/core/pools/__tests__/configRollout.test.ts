import type { ContainerRuntimeConfig } from '../../model/types';
import type { MachineConfigPool } from '../machineConfigPool';
import { rolloutProgress, type RolloutWatch } from '../configRollout';

const MC = '99-worker-generated-containerruntime';

const ctrcfg = (status?: ContainerRuntimeConfig['status']): ContainerRuntimeConfig => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'ContainerRuntimeConfig',
  metadata: { name: 'lazy', generation: 2 },
  spec: { containerRuntimeConfig: {} },
  status,
});

const pool = (opts: {
  target?: string;
  running?: string;
  sources?: string[];
  updated?: number;
  degraded?: number;
  conditions?: Record<string, string>;
}): MachineConfigPool => ({
  metadata: { name: 'worker' },
  spec: {
    configuration: {
      name: opts.target,
      source: (opts.sources ?? []).map((name) => ({ kind: 'MachineConfig', name })),
    },
  },
  status: {
    machineCount: 3,
    updatedMachineCount: opts.updated ?? 0,
    readyMachineCount: 3,
    degradedMachineCount: opts.degraded ?? 0,
    configuration: { name: opts.running },
    conditions: Object.entries(opts.conditions ?? {}).map(([type, status]) => ({ type, status })),
  },
});

const watch: RolloutWatch = {
  machineConfigName: MC,
  appliedGeneration: 2,
  conditionsAtApply: 1,
  renderedAtApply: 'rendered-worker-old',
  expectRenderedChange: true,
};
const success = { type: 'Success', status: 'True', message: 'Success' };

describe('rolloutProgress', () => {
  it('waits for the MCO until it observes the new generation or appends a condition', () => {
    const p = pool({ target: 'rendered-worker-old', sources: [MC] });
    expect(
      rolloutProgress(watch, ctrcfg({ observedGeneration: 1, conditions: [success] }), p).phase,
    ).toBe('waiting-for-mco');
    expect(
      rolloutProgress(watch, ctrcfg({ observedGeneration: 2, conditions: [success] }), p).phase,
    ).toBe('rendering');
    expect(rolloutProgress(watch, ctrcfg({ conditions: [success, success] }), p).phase).toBe(
      'rendering',
    );
  });

  it('reports the MCO failure with its condition', () => {
    const failure = { type: 'Failure', status: 'True', message: 'Error: invalid PidsLimit 5' };
    const progress = rolloutProgress(watch, ctrcfg({ conditions: [success, failure] }), pool({}));
    expect(progress.phase).toBe('failed');
    expect(progress.condition).toEqual(failure);
  });

  it('keeps rendering until the generated MachineConfig is in a new rendered config', () => {
    const done = ctrcfg({ conditions: [success, success] });
    expect(
      rolloutProgress(watch, done, pool({ target: 'rendered-worker-new', sources: ['00-worker'] }))
        .phase,
    ).toBe('rendering');
    const moving = rolloutProgress(
      watch,
      done,
      pool({
        target: 'rendered-worker-new',
        running: 'rendered-worker-old',
        sources: ['00-worker', MC],
        updated: 1,
        conditions: { Updating: 'True' },
      }),
    );
    expect(moving).toMatchObject({
      phase: 'updating',
      machineConfigInSources: true,
      counts: { machine: 3, updated: 1 },
    });
  });

  it('is done when every machine runs the new rendered config', () => {
    const progress = rolloutProgress(
      watch,
      ctrcfg({ conditions: [success, success] }),
      pool({
        target: 'rendered-worker-new',
        running: 'rendered-worker-new',
        sources: [MC],
        updated: 3,
        conditions: { Updated: 'True', Updating: 'False' },
      }),
    );
    expect(progress.phase).toBe('done');
  });

  it('does not wait for a new rendered config when no file changes', () => {
    const progress = rolloutProgress(
      { ...watch, expectRenderedChange: false },
      ctrcfg({ conditions: [success, success] }),
      pool({
        target: 'rendered-worker-old',
        running: 'rendered-worker-old',
        sources: [MC],
        updated: 3,
        conditions: { Updated: 'True' },
      }),
    );
    expect(progress.phase).toBe('done');
  });

  it('is degraded when the pool degrades', () => {
    const progress = rolloutProgress(
      watch,
      ctrcfg({ conditions: [success, success] }),
      pool({ target: 'rendered-worker-new', sources: [MC], degraded: 1 }),
    );
    expect(progress.phase).toBe('degraded');
    expect(progress.counts.degraded).toBe(1);
  });
});
