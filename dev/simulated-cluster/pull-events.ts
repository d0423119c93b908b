import type { Scheduler, TimerHandle } from './clock';
import { kubeTimestamp } from './clock';
import type { KubeObject } from './kube-object';
import { storageConfOf } from './machine-configs';
import type { ObjectStore, StoreEvent } from './object-store';
import { configuredStoresOf } from './agent-reports';
import { annotationOf, NODE_CURRENT_CONFIG, NODE_STATE } from './pools';
import { EVENTS, MACHINE_CONFIGS, NODES } from './resources';
import { SeededRandom } from './seed/random';
import { fuseMountsOf } from './storage-plugins';
import { HEALTH_ANNOTATION } from '../../src/core/health/report';

/**
 * The kubelets' image events of the simulated cluster (core/v1 Events, as the 1.35 kubelet's
 * image manager writes them): `Pulling image %q`, then `Successfully pulled image %q in %v (%v
 * including waiting). Image size: %v bytes.`, `Container image %q already present on machine`,
 * `Failed to pull image %q: …` with `Back-off pulling image %q`, and `Starting kubelet.` on the
 * Node when a node comes back from a reboot. A node whose rendered config gives it a layer store
 * with its plugin mounted (and whose store is not broken) pulls lazily: a few seconds, and a small
 * size at pull time; every other node pulls the whole image at registry speed.
 *
 * Among them, as on a real cluster: a pre-puller's `Pulled` events (another source), a patched
 * kubelet's wording nobody reads, the container's `Error: ErrImagePull` and crash-loop back-offs.
 * Events expire after `ttlMs` (OpenShift's API server keeps them 3 h), and a new pull happens
 * every `intervalMs`.
 */

export interface SimulatedPullsOptions {
  store: ObjectStore;
  scheduler: Scheduler;
  seed: number;
  /** How long the API server keeps an event. Default 3 h. */
  ttlMs?: number;
  /** Time between two new pulls somewhere in the cluster. Default 20 s. */
  intervalMs?: number;
}

interface CatalogImage {
  ref: string;
  sizeBytes: number;
}

const GPU_IMAGES: CatalogImage[] = [
  { ref: 'nvcr.io/nvidia/pytorch:24.12-py3', sizeBytes: 9_842_117_632 },
  { ref: 'nvcr.io/nvidia/tritonserver:24.12-py3', sizeBytes: 7_318_203_904 },
  { ref: 'registry.example.com/ml/vllm-openai:v0.6.4', sizeBytes: 4_903_557_120 },
  { ref: 'registry.example.com/ml/llama-finetune:2.3', sizeBytes: 12_480_331_776 },
  { ref: 'nvcr.io/nvidia/k8s/dcgm-exporter:3.3.9-3.6.1-ubuntu22.04', sizeBytes: 1_086_418_944 },
];

const APP_IMAGES: CatalogImage[] = [
  { ref: 'registry.redhat.io/ubi9/python-311:1-77', sizeBytes: 388_711_424 },
  { ref: 'registry.redhat.io/ubi9/openjdk-21:1.21', sizeBytes: 412_090_368 },
  { ref: 'registry.redhat.io/ubi9/nodejs-20:1-59', sizeBytes: 245_366_784 },
  { ref: 'registry.redhat.io/rhel9/postgresql-16:1-25', sizeBytes: 376_832_000 },
  { ref: 'quay.io/example/payments-api:4.2.1', sizeBytes: 167_772_160 },
  { ref: 'quay.io/example/search-indexer:2.0.3', sizeBytes: 891_289_600 },
  { ref: 'docker.io/library/nginx:1.27', sizeBytes: 72_351_744 },
];

const NAMESPACES = { gpu: ['ml-serving', 'ml-training'], worker: ['shop', 'batch', 'search'] };

const DEFAULT_TTL_MS = 3 * 3600_000;
const DEFAULT_INTERVAL_MS = 20_000;
const EXPIRY_CHECK_MS = 60_000;

/**
 * Go's Duration.String() for a whole number of milliseconds: `523ms`, `1.018s`, `1m4.004s`,
 * `1h0m0s`, `0s`.
 */
export const formatGoDuration = (ms: number): string => {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3600_000);
  const minutes = Math.floor((ms % 3600_000) / 60_000);
  const millis = ms % 60_000;
  const seconds = `${Math.floor(millis / 1000)}${
    millis % 1000 === 0
      ? ''
      : `.${String(millis % 1000)
          .padStart(3, '0')
          .replace(/0+$/, '')}`
  }s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${minutes}m${seconds}`;
  return seconds;
};

type Role = 'gpu' | 'worker';

const roleOf = (node: KubeObject): Role | null => {
  const labels = node.metadata.labels ?? {};
  if ('node-role.kubernetes.io/gpu' in labels) return 'gpu';
  if ('node-role.kubernetes.io/worker' in labels) return 'worker';
  return null;
};

export class SimulatedPulls {
  private readonly rng: SeededRandom;
  private readonly ttlMs: number;
  private readonly intervalMs: number;
  private readonly lazyByConfig = new Map<string, boolean>();
  private timers: TimerHandle[] = [];
  private unsubscribe: (() => void) | undefined;
  private serial = 0;

  constructor(private readonly options: SimulatedPullsOptions) {
    this.rng = new SeededRandom(options.seed * 104_729 + 3);
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  }

  /** Writes the events a cluster holds at `now`: pulls over the last ttl, unrecorded. */
  seed(now: Date): number {
    const before = this.options.store.count(EVENTS);
    const nodes = this.options.store.list(NODES);
    const from = now.getTime() - this.ttlMs * 0.97;
    for (const node of nodes) {
      const role = roleOf(node);
      if (role === null) continue;
      const pulls = role === 'gpu' ? this.rng.int(1, 4) : this.rng.int(0, 2);
      for (let i = 0; i < pulls; i += 1) {
        const at = from + this.rng.next() * (now.getTime() - from - 120_000);
        this.pull(node, role, at, true);
      }
      if (this.rng.chance(0.3)) this.present(node, role, from + this.rng.next() * this.ttlMs * 0.9);
    }
    this.oddities(nodes, from, now.getTime());
    return this.options.store.count(EVENTS) - before;
  }

  /** New pulls every interval, expiry every minute, and a `Starting` event after each reboot. */
  start(): void {
    const pullLater = () => {
      this.timers[0] = this.options.scheduler.setTimeout(() => {
        this.pullSomewhere();
        pullLater();
      }, this.intervalMs);
    };
    const expireLater = () => {
      this.timers[1] = this.options.scheduler.setTimeout(() => {
        this.expire();
        expireLater();
      }, EXPIRY_CHECK_MS);
    };
    pullLater();
    expireLater();
    this.unsubscribe = this.options.store.subscribe((e) => this.onChange(e));
  }

  stop(): void {
    for (const t of this.timers) if (t) this.options.scheduler.clearTimeout(t);
    this.timers = [];
    this.unsubscribe?.();
  }

  /** One pull on a node drawn at random, now. */
  pullSomewhere(): void {
    const nodes = this.options.store.list(NODES).filter((n) => roleOf(n) !== null);
    if (nodes.length === 0) return;
    const node = this.rng.pick(nodes);
    const now = this.options.scheduler.now().getTime();
    this.pull(node, roleOf(node)!, now - 1000, false);
  }

  /** Deletes the events older than the ttl, as the API server's storage expires them. */
  expire(): number {
    const limit = this.options.scheduler.now().getTime() - this.ttlMs;
    let removed = 0;
    for (const event of this.options.store.list(EVENTS)) {
      const last = event.lastTimestamp;
      const at = Date.parse(
        typeof last === 'string' ? last : (event.metadata.creationTimestamp ?? ''),
      );
      if (at < limit) {
        this.options.store.delete(EVENTS, event.metadata.name);
        removed += 1;
      }
    }
    return removed;
  }

  private onChange(e: StoreEvent): void {
    if (e.resource !== NODES || e.type !== 'MODIFIED' || !e.previous) return;
    if (
      annotationOf(e.previous, NODE_STATE) === 'Rebooting' &&
      annotationOf(e.object, NODE_STATE) !== 'Rebooting'
    ) {
      const name = e.object.metadata.name;
      this.write(
        this.event({
          namespace: 'default',
          involved: { kind: 'Node', name, uid: name, apiVersion: 'v1' },
          reason: 'Starting',
          message: 'Starting kubelet.',
          host: name,
          atMs: this.options.scheduler.now().getTime(),
        }),
        false,
      );
    }
  }

  /** Whether the node pulls through a working layer store: its config has one, and its plugin runs. */
  private pullsLazily(node: KubeObject): boolean {
    if (node.metadata.annotations?.[HEALTH_ANNOTATION] === 'Unhealthy') return false;
    const config = annotationOf(node, NODE_CURRENT_CONFIG) ?? '';
    let lazy = this.lazyByConfig.get(config);
    if (lazy === undefined) {
      const rendered = this.options.store.get(MACHINE_CONFIGS, config);
      const stores = configuredStoresOf(storageConfOf(rendered)).layerStores;
      const mounts = fuseMountsOf(rendered).map((m) => m.path);
      lazy = stores.some((s) => mounts.some((m) => s.path.startsWith(m) || m.startsWith(s.path)));
      this.lazyByConfig.set(config, lazy);
    }
    return lazy;
  }

  private pull(node: KubeObject, role: Role, startMs: number, seeding: boolean): void {
    const image = this.rng.chance(role === 'gpu' ? 0.7 : 0)
      ? this.rng.pick(GPU_IMAGES)
      : this.rng.pick(APP_IMAGES);
    const lazy = this.pullsLazily(node);
    let durationMs: number;
    let sizeBytes: number;
    if (lazy) {
      // Only what the container needs first is fetched now; the rest comes as it is read.
      durationMs = this.rng.int(400, 3500);
      sizeBytes = Math.round(image.sizeBytes * (0.02 + this.rng.next() * 0.1));
    } else {
      const bytesPerSecond = this.rng.int(60, 250) * 1_000_000;
      durationMs = Math.round((image.sizeBytes / bytesPerSecond) * 1000) + this.rng.int(800, 3000);
      sizeBytes = image.sizeBytes;
    }
    const waitingMs = durationMs + (this.rng.chance(0.2) ? this.rng.int(1, 8000) : 0);
    const pod = this.podOf(role, image);
    const host = node.metadata.name;
    this.write(
      this.event({
        ...pod,
        reason: 'Pulling',
        message: `Pulling image "${image.ref}"`,
        host,
        atMs: startMs,
      }),
      seeding,
    );
    this.write(
      this.event({
        ...pod,
        reason: 'Pulled',
        message: `Successfully pulled image "${image.ref}" in ${formatGoDuration(durationMs)} (${formatGoDuration(waitingMs)} including waiting). Image size: ${sizeBytes} bytes.`,
        host,
        atMs: startMs + waitingMs,
      }),
      seeding,
    );
  }

  private present(node: KubeObject, role: Role, atMs: number): void {
    const image = this.rng.pick(role === 'gpu' ? GPU_IMAGES : APP_IMAGES);
    this.write(
      this.event({
        ...this.podOf(role, image),
        reason: 'Pulled',
        message: `Container image "${image.ref}" already present on machine and can be accessed by the pod`,
        host: node.metadata.name,
        atMs,
      }),
      true,
    );
  }

  /** What else a cluster's events hold: failures, foreign sources, wording nobody reads. */
  private oddities(nodes: readonly KubeObject[], from: number, to: number): void {
    const compute = nodes.filter((n) => roleOf(n) !== null);
    if (compute.length === 0) return;
    const count = Math.max(3, Math.round(compute.length * 0.02));
    const at = () => from + this.rng.next() * (to - from);
    for (let i = 0; i < count; i += 1) {
      const node = this.rng.pick(compute);
      const role = roleOf(node)!;
      const host = node.metadata.name;
      const image = this.rng.pick(APP_IMAGES);
      const pod = this.podOf(role, image);
      const missing = `${image.ref.replace(/:[^:]*$/, '')}:does-not-exist`;
      const t = at();
      const kubelet = (reason: string, message: string, atMs = t, type = 'Normal') =>
        this.write(this.event({ ...pod, reason, message, host, atMs, type }), true);
      switch (i % 5) {
        case 0:
          kubelet(
            'Failed',
            `Failed to pull image "${missing}": rpc error: code = Unknown desc = reading manifest does-not-exist in ${missing.replace(/:[^:]*$/, '')}: manifest unknown`,
            t,
            'Warning',
          );
          kubelet('Failed', 'Error: ErrImagePull', t, 'Warning');
          kubelet('BackOff', `Back-off pulling image "${missing}"`, t + 15_000);
          break;
        case 1:
          // A patched kubelet with its own wording: not read, and said so.
          kubelet('Pulled', `Successfully pulled image "${image.ref}" in 2.5 seconds`);
          break;
        case 2:
          // A pre-puller reports its own pulls under the same reason.
          this.write(
            {
              ...this.event({ ...pod, reason: 'Pulled', host, atMs: t, message: '' }),
              message: `Successfully pulled image "${image.ref}" in 1.2s (1.2s including waiting). Image size: ${image.sizeBytes} bytes.`,
              source: { component: 'image-prefetcher' },
              reportingComponent: 'image-prefetcher',
              reportingInstance: '',
            },
            true,
          );
          break;
        case 3:
          kubelet(
            'BackOff',
            `Back-off restarting failed container app in pod ${pod.involved.name}_${pod.namespace}(${pod.involved.uid})`,
            t,
            'Warning',
          );
          break;
        default:
          kubelet(
            'Pulled',
            `Successfully pulled image "${image.ref}" in -3s (1s including waiting). Image size: 0 bytes.`,
          );
      }
    }
  }

  private podOf(
    role: Role,
    image: CatalogImage,
  ): { namespace: string; involved: Record<string, string> } {
    const namespace = this.rng.pick(NAMESPACES[role]);
    const app = image.ref.replace(/^.*\/([^/:@]+).*$/, '$1');
    const name = `${app}-${this.rng.hex(10)}-${this.rng.hex(5)}`;
    return {
      namespace,
      involved: {
        kind: 'Pod',
        namespace,
        name,
        uid: this.rng.uuid(),
        apiVersion: 'v1',
        fieldPath: 'spec.containers{app}',
      },
    };
  }

  private event(e: {
    namespace: string;
    involved: Record<string, string>;
    reason: string;
    message: string;
    host: string;
    atMs: number;
    type?: string;
  }): KubeObject {
    this.serial += 1;
    const time = kubeTimestamp(new Date(e.atMs));
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${e.involved.name}.${(0x180000000000 + this.serial * 7919).toString(16)}`,
        namespace: e.namespace,
        creationTimestamp: time,
      },
      involvedObject: e.involved,
      reason: e.reason,
      message: e.message,
      source: { component: 'kubelet', host: e.host },
      firstTimestamp: time,
      lastTimestamp: time,
      count: 1,
      type: e.type ?? 'Normal',
      eventTime: null,
      reportingComponent: 'kubelet',
      reportingInstance: e.host,
    };
  }

  private write(event: KubeObject, seeding: boolean): void {
    this.options.store.create(EVENTS, event, { unrecorded: seeding });
  }
}
