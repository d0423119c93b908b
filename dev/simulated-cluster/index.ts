import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createRealScheduler, type Scheduler } from './clock';
import { handleDevRequest, type DevControls, type NodeListSizes } from './dev-endpoints';
import { MACHINE_CONFIG_GROUP } from './discovery';
import { featureGateObject, isStorageGateEnabled } from './feature-gate';
import { HttpApi } from './http-api';
import { KubeApi } from './kube-api';
import { listJsonBytes } from './list-serializer';
import { SimulatedMco } from './mco';
import { ObjectStore } from './object-store';
import { PERSONAS, type Persona, type PersonaName } from './personas';
import { CUSTOM_RESOURCE_DEFINITIONS, EVENTS, FEATURE_GATES, NODES } from './resources';
import { SimulatedPulls } from './pull-events';
import { containerRuntimeConfigCrd } from './crd';
import { CTRCFG_CRD_NAME } from '../../src/core/validation/crd/crdObject';
import { SeededRandom } from './seed/random';
import { seedCluster, type SeedSummary } from './seed/seed-cluster';
import { SimulatedAgents } from './simulated-agents';
import { WatchHub } from './watch-hub';

/**
 * The simulated cluster: a Kubernetes API server for the resources the plugin uses, under the
 * console's proxy path (/api/kubernetes/…), seeded with a realistic cluster, with a simulated MCO
 * and simulated node agents behind it. A dev server mounts `handleRequest` and `handleUpgrade` on
 * its own port next to the console shell.
 */

export interface SimulatedClusterOptions {
  /** Worker plus GPU nodes (three control-plane nodes come on top). Default 12. */
  nodes?: number;
  /** Seed of everything random (names, uids, digests, health states). Default 1. */
  seed?: number;
  /** Whether the AdditionalStorageConfig feature gate is on at start. Default true. */
  storageGateEnabled?: boolean;
  /** The caller everyone is, until switched. Default admin. */
  persona?: PersonaName;
  /** Time and timers; a ManualScheduler in tests. Default the wall clock. */
  scheduler?: Scheduler;
  mco?: {
    /** Whether the MCO steps by itself. Default true. */
    autoRun?: boolean;
    /** Time per node-update phase. Default 1500 ms (a batch takes about 4.5 s). */
    stepIntervalMs?: number;
    /** Time from a change to the MCO's reaction. Default 500 ms. */
    reactionDelayMs?: number;
  };
  /**
   * Whether the simulated agents rewrite their reports once per heartbeat, as real agents do.
   * Default true.
   */
  heartbeats?: boolean;
  /** Change events kept for watches and paginated lists; older resourceVersions get 410. Default 20,000. */
  eventWindow?: number;
  /** BOOKMARK interval of watches that allow them. Default 60 s. */
  bookmarkIntervalMs?: number;
  /**
   * A watch without timeoutSeconds ends after between this and twice this, as the API server's
   * --min-request-timeout makes it. Default 1800 s.
   */
  minRequestTimeoutSeconds?: number;
  /**
   * Whether the cluster serves the Machine Config Operator's API. Default true; false is a hosted
   * control plane, whose clusters have nodes but no MachineConfigs or pools.
   */
  machineConfigApi?: boolean;
  /**
   * The kubelets' image events: `seeded` (default) holds the last 3 h of pulls and adds one every
   * 20 s; `none` holds no events; `forbidden` answers every request for events 403, as for a user
   * whose roles do not include reading events.
   */
  pullEvents?: PullEventsMode;
}

export type PullEventsMode = 'seeded' | 'none' | 'forbidden';

export interface SimulatedCluster {
  /** Serves /api/kubernetes/… and /api/dev/…; false for any other path. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Accepts WebSocket watches under /api/kubernetes/…; false for any other path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  store: ObjectStore;
  mco: SimulatedMco;
  seeded: SeedSummary;
  persona(): Persona;
  setPersona(name: PersonaName): void;
  storageGateEnabled(): boolean;
  setStorageGateEnabled(enabled: boolean): void;
  /** Sizes of the node list in full and as metadata only (what a metadata-only watch saves). */
  nodeListSizes(): NodeListSizes;
  /** Every reporting agent writes once, spread evenly over the next `ms`; returns how many. */
  heartbeatAllWithin(ms: number): number;
  /** Watches open now, over either transport (for tests that must wait for a watch to start). */
  activeWatches(): number;
  /** Stops the MCO, ends every watch and closes WebSockets. */
  close(): void;
}

export const createSimulatedCluster = (options: SimulatedClusterOptions = {}): SimulatedCluster => {
  const scheduler = options.scheduler ?? createRealScheduler();
  const seed = options.seed ?? 1;
  // uids come from their own sequence, so that API calls after seeding repeat exactly too.
  const uids = new SeededRandom(seed * 7919 + 17);
  const newUid = (): string => uids.uuid();
  const store = new ObjectStore({ scheduler, newUid, eventWindow: options.eventWindow ?? 20_000 });
  const agents = new SimulatedAgents(store, scheduler);
  const mco = new SimulatedMco({
    store,
    scheduler,
    agents,
    newUid,
    autoRun: options.mco?.autoRun ?? true,
    stepIntervalMs: options.mco?.stepIntervalMs ?? 1500,
    reactionDelayMs: options.mco?.reactionDelayMs ?? 500,
  });
  const seeded = seedCluster(store, mco, scheduler.now(), {
    computeNodes: options.nodes ?? 12,
    seed,
    storageGateEnabled: options.storageGateEnabled ?? true,
  });
  mco.start();
  if (options.heartbeats ?? true) agents.start();
  const pullEvents = options.pullEvents ?? 'seeded';
  const pulls = new SimulatedPulls({ store, scheduler, seed });
  if (pullEvents === 'seeded') {
    pulls.seed(scheduler.now());
    store.forgetHistory();
    pulls.start();
  }

  let persona = PERSONAS[options.persona ?? 'admin'];
  const storageGateEnabled = (): boolean =>
    isStorageGateEnabled(store.get(FEATURE_GATES, 'cluster'));
  const api = new KubeApi({
    store,
    persona: () => persona,
    forbidden: (r) => pullEvents === 'forbidden' && r === EVENTS,
  });
  const watches = new WatchHub({
    store,
    scheduler,
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
    minRequestTimeoutSeconds: options.minRequestTimeoutSeconds ?? 1800,
  });
  const http = new HttpApi({
    api,
    watches,
    hiddenGroups: new Set(options.machineConfigApi === false ? [MACHINE_CONFIG_GROUP] : []),
  });

  const setStorageGateEnabled = (enabled: boolean): void => {
    if (enabled === storageGateEnabled()) return;
    const current = store.get(FEATURE_GATES, 'cluster')!;
    const wanted = featureGateObject(enabled);
    store.update(FEATURE_GATES, { ...current, spec: wanted.spec, status: wanted.status });
    // The cluster then serves the other CRD (with or without the store lists).
    const crd = store.get(CUSTOM_RESOURCE_DEFINITIONS, CTRCFG_CRD_NAME);
    const served = containerRuntimeConfigCrd(enabled);
    if (crd)
      store.update(CUSTOM_RESOURCE_DEFINITIONS, {
        ...crd,
        metadata: { ...crd.metadata, annotations: served.metadata.annotations },
        spec: served.spec,
      });
  };

  const nodeListSizes = (): NodeListSizes => {
    const fullBytes = listJsonBytes(api.list(NODES, {}, 'full'));
    const metadataOnlyBytes = listJsonBytes(api.list(NODES, {}, 'metadata'));
    return {
      nodes: store.count(NODES),
      fullBytes,
      metadataOnlyBytes,
      ratio: metadataOnlyBytes / fullBytes,
    };
  };

  const controls: DevControls = {
    persona: () => persona,
    setPersona: (name) => {
      persona = PERSONAS[name];
    },
    storageGateEnabled,
    setStorageGateEnabled,
    nodeListSizes,
    mcoBusy: () => mco.busy,
    mcoStep: () => mco.step(),
    mcoSettle: () => mco.settle(),
    heartbeatAllWithin: (ms) => agents.heartbeatAllWithin(ms),
  };

  return {
    handleRequest: (req, res) =>
      handleDevRequest(req, res, controls) || http.handleRequest(req, res),
    handleUpgrade: (req, socket, head) => http.handleUpgrade(req, socket, head),
    store,
    mco,
    seeded,
    persona: () => persona,
    setPersona: controls.setPersona,
    storageGateEnabled,
    setStorageGateEnabled,
    nodeListSizes,
    heartbeatAllWithin: controls.heartbeatAllWithin,
    activeWatches: () => watches.activeWatches,
    close: () => {
      mco.stop();
      agents.stop();
      pulls.stop();
      watches.closeAll();
      http.close();
    },
  };
};

export type { PersonaName, Persona } from './personas';
export type { NodeListSizes } from './dev-endpoints';
export { ManualScheduler, type Scheduler } from './clock';
