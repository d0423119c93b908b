/**
 * A small cluster for the configuration pages' tests, served through the typed SDK mock: pools,
 * ContainerRuntimeConfigs, the FeatureGate and MachineConfigs, each with its own loaded/error state.
 */
import * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { mockPullEvents } from '../../pulls/__fixtures__/eventWatches';
import { mockNodeList } from '../../shared/__fixtures__/nodeListServer';
import type { MachineConfigLike } from '../../../core/pools/poolFindings';
import type { MachineConfigPool } from '../../../core/pools/machineConfigPool';
import type { ContainerRuntimeConfig } from '../../../core/model/types';
import { BASE_TEMPLATE_STORAGE_CONF } from '../../../core/preview/baseStorageConf';
import { buildIgnitionConfig, type GeneratedFile } from '../../../core/ignition/ignitionConfig';
import { renderForPool } from '../../../core/render';

export const STARGZ = '/var/lib/stargz-store/store';
export const NYDUS = '/var/lib/nydus-store/store';
export const GENERATED_MC = '99-worker-generated-containerruntime';
export const WORKER_LABEL = 'pools.operator.machineconfiguration.openshift.io/worker';

export const pool = (
  name: string,
  opts: {
    machines?: number;
    sources?: string[];
    rendered?: string;
    conditions?: Record<string, string>;
    maxUnavailable?: number | string;
    paused?: boolean;
    /** Its labels; by default those the MCO gives master and worker, and none for a custom pool. */
    labels?: Record<string, string>;
  } = {},
): MachineConfigPool => {
  const rendered = opts.rendered ?? `rendered-${name}-1`;
  const source = (opts.sources ?? [`00-${name}`]).map((n) => ({
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    name: n,
  }));
  const machines = opts.machines ?? 3;
  return {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfigPool',
    metadata: {
      name,
      resourceVersion: '7',
      ...((opts.labels ?? (name === 'master' || name === 'worker'))
        ? {
            labels: opts.labels ?? {
              [`pools.operator.machineconfiguration.openshift.io/${name}`]: '',
            },
          }
        : {}),
    },
    spec: {
      configuration: { name: rendered, source },
      ...(opts.maxUnavailable === undefined ? {} : { maxUnavailable: opts.maxUnavailable }),
      ...(opts.paused === undefined ? {} : { paused: opts.paused }),
    },
    status: {
      machineCount: machines,
      updatedMachineCount: machines,
      readyMachineCount: machines,
      degradedMachineCount: 0,
      configuration: { name: rendered, source },
      conditions: Object.entries(
        opts.conditions ?? { Updated: 'True', Updating: 'False', Degraded: 'False' },
      ).map(([type, status]) => ({ type, status })),
    },
  };
};

/** A MachineConfig; its role is the pool its name names (`00-worker`), none for a rendered one. */
export const machineConfig = (
  name: string,
  files: GeneratedFile[],
  role = /^[0-9]+-([a-z]+)-?/.exec(name)?.[1],
): MachineConfigLike => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'MachineConfig',
  metadata: {
    name,
    ...(role ? { labels: { 'machineconfiguration.openshift.io/role': role } } : {}),
  },
  spec: { config: buildIgnitionConfig(files) },
});

export const baseMachineConfigs = (poolName = 'worker'): MachineConfigLike[] => [
  machineConfig(`00-${poolName}`, [
    { path: '/etc/containers/storage.conf', contents: BASE_TEMPLATE_STORAGE_CONF },
  ]),
  machineConfig(`rendered-${poolName}-1`, [
    { path: '/etc/containers/storage.conf', contents: BASE_TEMPLATE_STORAGE_CONF },
  ]),
];

/** A live ContainerRuntimeConfig with fields the form does not show, known and unknown. */
export const liveConfig = (
  overrides: Partial<ContainerRuntimeConfig['spec']['containerRuntimeConfig']> = {},
): ContainerRuntimeConfig => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'ContainerRuntimeConfig',
  metadata: {
    name: 'lazy-pull-worker',
    uid: 'uid-1',
    resourceVersion: '42',
    generation: 3,
    creationTimestamp: '2026-01-01T00:00:00Z',
    labels: { team: 'platform' },
    annotations: { 'machineconfiguration.openshift.io/mc-name-suffix': '' },
    finalizers: ['99-worker-generated-containerruntime'],
    managedFields: [{ manager: 'kubectl', operation: 'Update' }],
  },
  spec: {
    machineConfigPoolSelector: { matchLabels: { [WORKER_LABEL]: '' } },
    containerRuntimeConfig: {
      additionalLayerStores: [{ path: STARGZ }],
      pidsLimit: 4096,
      logLevel: 'info',
      ...overrides,
    },
    futureSpecField: { keep: 'me' },
  },
  status: {
    observedGeneration: 3,
    conditions: [
      {
        type: 'Success',
        status: 'True',
        message: 'Success',
        lastTransitionTime: '2026-01-01T00:01:00Z',
      },
    ],
  },
  futureTopLevel: 'also kept',
});

export const featureGate = (
  enabled: boolean,
  featureSet = enabled ? 'TechPreviewNoUpgrade' : '',
) => ({
  apiVersion: 'config.openshift.io/v1',
  kind: 'FeatureGate',
  metadata: { name: 'cluster' },
  spec: { featureSet },
  status: {
    featureGates: [
      {
        version: '4.22.0',
        enabled: enabled ? [{ name: 'AdditionalStorageConfig' }] : [],
        disabled: enabled ? [] : [{ name: 'AdditionalStorageConfig' }],
      },
    ],
  },
});

type Slot =
  | 'MachineConfigPool'
  | 'ContainerRuntimeConfig'
  | 'FeatureGate'
  | 'MachineConfig'
  | 'Node'
  | 'CustomResourceDefinition';

export interface ClusterFixture {
  pools?: MachineConfigPool[];
  configs?: ContainerRuntimeConfig[];
  featureGate?: unknown;
  machineConfigs?: MachineConfigLike[];
  /** Nodes as metadata-only watches return them. */
  nodes?: {
    metadata: {
      name: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
    };
  }[];
  /** The ContainerRuntimeConfig CRD the cluster serves (none by default). */
  crd?: unknown;
  loading?: Slot[];
  /** Watches whose first read failed: nothing loaded, and the error. */
  errors?: Partial<Record<Slot, unknown>>;
  /** Watches that failed after they had loaded: as the console's, they keep the last data. */
  failing?: Partial<Record<Slot, unknown>>;
}

export const defaultCluster = (): Required<
  Omit<ClusterFixture, 'loading' | 'errors' | 'failing' | 'crd'>
> => ({
  pools: [pool('master'), pool('worker', { machines: 6 })],
  configs: [],
  featureGate: featureGate(true),
  machineConfigs: baseMachineConfigs(),
  nodes: [],
});

const NOTHING: readonly never[] = [];

/**
 * Serves the fixture to every useK8sWatchResource call, by kind, and the nodes to the node list
 * and watch as the API server would.
 */
export const serveCluster = (fixture: ClusterFixture) => {
  mockPullEvents();
  mockNodeList({
    nodes: fixture.nodes ?? [],
    listError: fixture.errors?.Node,
    watchError: fixture.failing?.Node,
    answer: !fixture.loading?.includes('Node'),
  });
  const data: Record<Slot, unknown> = {
    MachineConfigPool: fixture.pools ?? [],
    ContainerRuntimeConfig: fixture.configs ?? [],
    FeatureGate: fixture.featureGate,
    MachineConfig: fixture.machineConfigs ?? [],
    Node: fixture.nodes ?? [],
    CustomResourceDefinition: fixture.crd,
  };
  (SDK.useK8sWatchResource as unknown as jest.Mock).mockImplementation(
    (res: SDK.WatchK8sResource | null) => {
      const kind = res?.groupVersionKind?.kind as Slot;
      const single = kind === 'FeatureGate' || kind === 'CustomResourceDefinition';
      // As the console's watches, an unchanged result is the same value from render to render.
      if (fixture.errors?.[kind] !== undefined)
        return [single ? null : NOTHING, false, fixture.errors[kind]];
      if (fixture.failing?.[kind] !== undefined) return [data[kind], true, fixture.failing[kind]];
      // As the console's watches answer: no error is '', an object not yet read is null.
      if (fixture.loading?.includes(kind)) return [single ? null : NOTHING, false, ''];
      return [data[kind], true, ''];
    },
  );
};

export const allowEverything = () => {
  jest.mocked(SDK.useAccessReview).mockReturnValue([true, false]);
};

export const routed = (ui: ReactElement, path: string, route: string) => (
  <MemoryRouter initialEntries={[path]}>
    <Routes>
      <Route path={route} element={ui} />
      <Route path="*" element={<div>elsewhere</div>} />
    </Routes>
  </MemoryRouter>
);

export const renderAt = (ui: ReactElement, path: string, route: string) =>
  render(routed(ui, path, route));

/** An API server Status error as the console's fetch rejects with it. */
export const statusError = (
  code: number,
  reason: string,
  message: string,
  causes: { field?: string; message?: string; reason?: string }[] = [],
) =>
  Object.assign(new Error(message), {
    code,
    json: {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      code,
      reason,
      message,
      details: { causes },
    },
  });

/** The cluster after the MCO generated the MachineConfig for the live config (stargz only). */
export const configuredCluster = (live: ContainerRuntimeConfig = liveConfig()): ClusterFixture => {
  const rendered = renderForPool(live, 'worker');
  if (!rendered.ok || rendered.storageConf === null) throw new Error('fixture');
  const conf = [
    { path: '/etc/containers/storage.conf', contents: rendered.storageConf },
    ...rendered.dropIns.map(({ path, contents }) => ({ path, contents })),
  ];
  return {
    ...defaultCluster(),
    pools: [pool('worker', { machines: 6, sources: ['00-worker', GENERATED_MC] })],
    configs: [live],
    machineConfigs: [
      baseMachineConfigs()[0],
      machineConfig(GENERATED_MC, conf),
      machineConfig('rendered-worker-1', conf),
    ],
  };
};
