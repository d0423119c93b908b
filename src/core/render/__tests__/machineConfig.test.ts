import type { ContainerRuntimeConfig } from '../../model/types';
import {
  generatedMachineConfigName,
  MAX_CTRCFGS_ERROR,
  nextMachineConfigSuffix,
  renderGeneratedMachineConfig,
} from '../machineConfig';
import { renderForPool } from '..';

const ctrcfg = (
  name: string,
  suffix?: string,
  pool = 'worker',
  extra: Partial<ContainerRuntimeConfig['metadata']> = {},
): ContainerRuntimeConfig => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'ContainerRuntimeConfig',
  metadata: {
    name,
    ...(suffix === undefined
      ? {}
      : { annotations: { 'machineconfiguration.openshift.io/mc-name-suffix': suffix } }),
    ...extra,
  },
  spec: {
    machineConfigPoolSelector: {
      matchLabels: { [`pools.operator.machineconfiguration.openshift.io/${pool}`]: '' },
    },
    containerRuntimeConfig: { logLevel: 'debug' },
  },
});

describe('generatedMachineConfigName', () => {
  it('is 99-<pool>-generated-containerruntime, with -<suffix> when there is one', () => {
    expect(generatedMachineConfigName('worker')).toBe('99-worker-generated-containerruntime');
    expect(generatedMachineConfigName('gpu', '')).toBe('99-gpu-generated-containerruntime');
    expect(generatedMachineConfigName('gpu', '3')).toBe('99-gpu-generated-containerruntime-3');
  });
});

describe('nextMachineConfigSuffix', () => {
  const fresh = ctrcfg('new');

  it('gives the first ContainerRuntimeConfig of a pool no suffix', () => {
    expect(nextMachineConfigSuffix([], 'worker', fresh)).toEqual({ ok: true, suffix: '' });
    // The one being rendered may already exist (without an annotation yet).
    expect(nextMachineConfigSuffix([fresh], 'worker', fresh)).toEqual({ ok: true, suffix: '' });
  });

  it('gives the next one max(suffix) + 1, counting only configs that select the pool', () => {
    const existing = [
      ctrcfg('a', ''),
      ctrcfg('b', '1'),
      ctrcfg('c', '4'),
      ctrcfg('other-pool', '8', 'master'),
    ];
    expect(nextMachineConfigSuffix(existing, 'worker', fresh)).toEqual({ ok: true, suffix: '5' });
    expect(nextMachineConfigSuffix([ctrcfg('a', '')], 'worker', fresh)).toEqual({
      ok: true,
      suffix: '1',
    });
    // A config without an annotation counts as one but contributes no number.
    expect(nextMachineConfigSuffix([ctrcfg('a')], 'worker', fresh)).toEqual({
      ok: true,
      suffix: '1',
    });
    expect(nextMachineConfigSuffix(existing, 'master', fresh)).toEqual({ ok: true, suffix: '9' });
  });

  it('keeps the suffix a ContainerRuntimeConfig already has', () => {
    const existing = [ctrcfg('a', ''), ctrcfg('b', '3'), ctrcfg('c', '7')];
    expect(nextMachineConfigSuffix(existing, 'worker', ctrcfg('b'))).toEqual({
      ok: true,
      suffix: '3',
    });
    expect(nextMachineConfigSuffix(existing, 'worker', ctrcfg('a'))).toEqual({
      ok: true,
      suffix: '',
    });
  });

  it('allows -9 and refuses the 11th ContainerRuntimeConfig with the MCO error', () => {
    const nine = ['', '1', '2', '3', '4', '5', '6', '7', '8'].map((s, i) => ctrcfg(`c${i}`, s));
    expect(nextMachineConfigSuffix(nine, 'worker', fresh)).toEqual({ ok: true, suffix: '9' });
    const ten = [...nine, ctrcfg('c9', '9')];
    expect(nextMachineConfigSuffix(ten, 'worker', fresh)).toEqual({
      ok: false,
      error: MAX_CTRCFGS_ERROR,
    });
    expect(MAX_CTRCFGS_ERROR).toBe(
      'max number of supported ctrcfgs (10) has been reached. Please delete old ctrcfgs before retrying',
    );
    // Suffixes are never reused: after deletions the highest one still counts.
    expect(nextMachineConfigSuffix([ctrcfg('a', ''), ctrcfg('z', '9')], 'worker', fresh)).toEqual({
      ok: false,
      error: MAX_CTRCFGS_ERROR,
    });
  });

  it('reports a suffix that is not a number as the MCO does', () => {
    expect(nextMachineConfigSuffix([ctrcfg('a', 'x1')], 'worker', fresh)).toEqual({
      ok: false,
      error: 'error converting x1 to int: strconv.Atoi: parsing "x1": invalid syntax',
    });
  });

  it('matches selectors against the pool labels it is given', () => {
    const byCustomLabel: ContainerRuntimeConfig = {
      ...ctrcfg('custom', '2'),
      spec: {
        machineConfigPoolSelector: { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] },
        containerRuntimeConfig: {},
      },
    };
    const pool = {
      name: 'gpu',
      labels: { gpu: 'true', 'pools.operator.machineconfiguration.openshift.io/gpu': '' },
    };
    expect(nextMachineConfigSuffix([byCustomLabel], pool, fresh)).toEqual({
      ok: true,
      suffix: '3',
    });
    expect(nextMachineConfigSuffix([byCustomLabel], 'gpu', fresh)).toEqual({
      ok: true,
      suffix: '',
    });
  });
});

describe('the generated MachineConfig', () => {
  const owner = ctrcfg('lazy-pull', undefined, 'worker', { uid: 'uid-123' });

  it('carries the MCO metadata and the ContainerRuntimeConfig as controlling owner', () => {
    const mc = renderGeneratedMachineConfig(owner, 'worker', {
      suffix: '2',
      controllerVersion: 'abc123',
    });
    expect(mc).toEqual({
      apiVersion: 'machineconfiguration.openshift.io/v1',
      kind: 'MachineConfig',
      metadata: {
        name: '99-worker-generated-containerruntime-2',
        labels: { 'machineconfiguration.openshift.io/role': 'worker' },
        annotations: {
          'machineconfiguration.openshift.io/generated-by-controller-version': 'abc123',
        },
        ownerReferences: [
          {
            apiVersion: 'machineconfiguration.openshift.io/v1',
            kind: 'ContainerRuntimeConfig',
            name: 'lazy-pull',
            uid: 'uid-123',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        osImageURL: '',
        config: expect.objectContaining({
          storage: {
            files: [expect.objectContaining({ path: '/etc/crio/crio.conf.d/01-ctrcfg-logLevel' })],
          },
        }),
      },
    });
    expect(Object.keys(mc)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(mc.metadata)).toEqual(['name', 'labels', 'annotations', 'ownerReferences']);
    expect(Object.keys(mc.spec)).toEqual(['osImageURL', 'config']);
  });

  it('uses a placeholder controller version by default', () => {
    const mc = renderGeneratedMachineConfig(owner, 'worker');
    expect(
      mc.metadata.annotations['machineconfiguration.openshift.io/generated-by-controller-version'],
    ).toBe('lazy-pull-console-plugin-preview');
    expect(mc.metadata.name).toBe('99-worker-generated-containerruntime');
  });

  it('is what renderForPool returns, with the name chosen from existing configs', () => {
    const existing = [ctrcfg('a', ''), ctrcfg('b', '1')];
    const result = renderForPool(owner, 'worker', {
      existingConfigs: existing,
      controllerVersion: 'v',
    });
    expect(result.ok && result.machineConfigName).toBe('99-worker-generated-containerruntime-2');
    expect(result.ok && result.machineConfig).toEqual(
      renderGeneratedMachineConfig(owner, 'worker', { suffix: '2', controllerVersion: 'v' }),
    );
  });

  it('makes renderForPool fail for the 11th ContainerRuntimeConfig of a pool', () => {
    const ten = ['', '1', '2', '3', '4', '5', '6', '7', '8', '9'].map((s, i) => ctrcfg(`c${i}`, s));
    expect(renderForPool(owner, 'worker', { existingConfigs: ten })).toEqual({
      ok: false,
      error: MAX_CTRCFGS_ERROR,
    });
    // An explicit suffix wins over the existing configs.
    expect(renderForPool(owner, 'worker', { existingConfigs: ten, suffix: '4' }).ok).toBe(true);
  });
});
