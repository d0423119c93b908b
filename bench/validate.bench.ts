/**
 * validate.full: the median time to validate the largest valid ContainerRuntimeConfig (every
 * list at its limit with 256-character paths, every scalar set), API-server rules and MCO checks.
 */
import { validateContainerRuntimeConfig } from '../src/core/validation';
import { medianMicros, report } from './measure';

const path = (i: number) => `/${`store-${i}-`.padEnd(255, 'x')}`;
const stores = (n: number, offset: number) =>
  Array.from({ length: n }, (_, i) => ({ path: path(offset + i) }));

const largest = {
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'ContainerRuntimeConfig',
  metadata: { name: 'lazy-pull-largest' },
  spec: {
    machineConfigPoolSelector: {
      matchLabels: { 'pools.operator.machineconfiguration.openshift.io/worker': '' },
    },
    containerRuntimeConfig: {
      additionalLayerStores: stores(5, 0),
      additionalImageStores: stores(10, 100),
      additionalArtifactStores: stores(10, 200),
      pidsLimit: 4096,
      logLevel: 'debug',
      logSizeMax: '64Mi',
      overlaySize: '10G',
      defaultRuntime: 'crun',
    },
  },
};

const errors = validateContainerRuntimeConfig(largest, { gateEnabled: true });
if (errors.length > 0)
  throw new Error(`the benchmark input must be valid: ${JSON.stringify(errors)}`);
report(
  'validate.full',
  medianMicros(() => validateContainerRuntimeConfig(largest, { gateEnabled: true })),
  'µs',
);
