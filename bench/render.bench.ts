/**
 * render.full: model → storage.conf + CRI-O drop-ins + MachineConfig (renderForPool, validation
 * included) at the largest configuration the API accepts: 5 layer stores, 10 image stores and
 * 10 artifact stores of 256-character paths, and every scalar field set.
 */
import type { ContainerRuntimeConfig } from '../src/core/model/types';
import { renderForPool } from '../src/core/render';
import { medianMicros, report } from './measure';

/** A valid store path of exactly 256 characters. */
const longPath = (kind: string, i: number): { path: string } => {
  const head = `/var/lib/${kind}-${i}/`;
  return { path: head + 'x'.repeat(256 - head.length) };
};

const largest: ContainerRuntimeConfig = {
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'ContainerRuntimeConfig',
  metadata: { name: 'lazy-pull-largest', uid: '6b1f1c7e-2f7b-4f4e-9a55-0d7f0c8c1e11' },
  spec: {
    machineConfigPoolSelector: {
      matchLabels: { 'pools.operator.machineconfiguration.openshift.io/worker': '' },
    },
    containerRuntimeConfig: {
      additionalLayerStores: Array.from({ length: 5 }, (_, i) => longPath('layers', i)),
      additionalImageStores: Array.from({ length: 10 }, (_, i) => longPath('images', i)),
      additionalArtifactStores: Array.from({ length: 10 }, (_, i) => longPath('artifacts', i)),
      pidsLimit: 4096,
      logLevel: 'debug',
      logSizeMax: '64Mi',
      overlaySize: '1.5Gi',
      defaultRuntime: 'crun',
    },
  },
};

const once = renderForPool(largest, 'worker');
if (!once.ok || once.storageConf === null || once.dropIns.length !== 5) {
  throw new Error(
    `the benchmark configuration does not render fully: ${JSON.stringify(once).slice(0, 200)}`,
  );
}

report(
  'render.full',
  medianMicros(() => renderForPool(largest, 'worker')),
  'µs',
);
