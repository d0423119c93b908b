import { poolMaxUnavailable } from '../../src/core/pools/machineConfigPool';
import type {
  ContainerRuntimeConfig,
  ContainerRuntimeConfiguration,
} from '../../src/core/model/types';
import { MC_NAME_SUFFIX_ANNOTATION, renderForPool } from '../../src/core/render';
import { selectorMatches } from '../../src/core/model/labelSelector';
import { mcoValidationError } from '../../src/core/validation/mco';
import { kubeTimestamp, type Scheduler, type TimerHandle } from './clock';
import { isPlainObject, jsonEqual, type KubeObject } from './kube-object';
import {
  poolConfiguration,
  renderPoolConfig,
  SIMULATED_CONTROLLER_VERSION,
} from './machine-configs';
import { applyNodePhase, machineConfigNodeFor, type UpdatePhase } from './node-updates';
import type { ObjectStore, StoreEvent } from './object-store';
import {
  annotationOf,
  nodesByPool,
  NODE_CURRENT_CONFIG,
  NODE_DESIRED_CONFIG,
  NODE_STATE,
  poolStatus,
} from './pools';
import {
  CONTAINER_RUNTIME_CONFIGS,
  MACHINE_CONFIG_NODES,
  MACHINE_CONFIG_POOLS,
  MACHINE_CONFIGS,
  NODES,
} from './resources';
import type { SimulatedAgents } from './simulated-agents';

/**
 * The simulated Machine Config Operator. Like the real one it:
 * - syncs each ContainerRuntimeConfig whose generation it has not observed: the MCO's checks,
 *   then per selected pool the generated MachineConfig `99-<pool>-generated-containerruntime[-N]`
 *   (rendered by the core), its annotations replaced by mc-name-suffix, the MachineConfig's name
 *   as a finalizer, and a Success or Failure condition appended;
 * - on a ContainerRuntimeConfig being deleted, deletes its MachineConfigs and drops its finalizers;
 * - renders each pool's config from the MachineConfigs its selector picks (a new hash whenever
 *   they change) and rolls the pool's nodes onto it, maxUnavailable at a time, each node going
 *   Working → Rebooting → Done, after which the node's agent reports again.
 *
 * Everything advances in `step()`s: with `autoRun` the MCO schedules them itself (a few seconds
 * per batch); tests turn autoRun off and call step() or settle().
 */

export interface SimulatedMcoOptions {
  store: ObjectStore;
  scheduler: Scheduler;
  agents: SimulatedAgents;
  /** Run steps on the scheduler by itself whenever there is work. */
  autoRun: boolean;
  /** Time between steps (each phase of a node update takes one step). */
  stepIntervalMs: number;
  /** Delay between a change (a ContainerRuntimeConfig applied) and the MCO's first reaction. */
  reactionDelayMs: number;
  /** Makes boot IDs for rebooted nodes. */
  newUid: () => string;
}

type Condition = { type: string; status: string; lastTransitionTime: string; message: string };

const needsSync = (cfg: KubeObject): boolean => {
  if (cfg.metadata.deletionTimestamp) return true;
  const status = isPlainObject(cfg.status) ? cfg.status : {};
  return status.observedGeneration !== cfg.metadata.generation;
};

const phaseAfter: Record<string, UpdatePhase | undefined> = {
  Working: 'Rebooting',
  Rebooting: 'Done',
};

export class SimulatedMco {
  private timer: TimerHandle | undefined;
  private unsubscribe: (() => void) | undefined;
  private stepping = false;

  constructor(private readonly options: SimulatedMcoOptions) {}

  /** Starts reacting to changes (and, with autoRun, stepping by itself). */
  start(): void {
    this.unsubscribe = this.options.store.subscribe((e) => this.onChange(e));
    if (this.options.autoRun && this.busy) this.schedule(this.options.reactionDelayMs);
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.timer) this.options.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Whether anything is left to do: a config to sync, or a pool not yet on its rendered config. */
  get busy(): boolean {
    const { store } = this.options;
    if (store.list(CONTAINER_RUNTIME_CONFIGS).some(needsSync)) return true;
    const pools = store.list(MACHINE_CONFIG_POOLS);
    const byPool = nodesByPool(store.list(NODES), pools);
    return pools.some((pool) => {
      if (this.targetOf(pool) !== this.renderedNameFor(pool)) return true;
      return !this.isPaused(pool) && this.poolIsRolling(pool, byPool.get(pool.metadata.name) ?? []);
    });
  }

  /**
   * One unit of progress: sync changed ContainerRuntimeConfigs, re-render pools whose
   * MachineConfigs changed, move every updating node one phase on and start new nodes within
   * maxUnavailable, and publish pool status. Returns whether more work remains.
   */
  step(): boolean {
    this.stepping = true;
    try {
      this.syncContainerRuntimeConfigs();
      this.renderPools();
      this.advanceRollouts();
      this.updatePoolStatuses();
    } finally {
      this.stepping = false;
    }
    return this.busy;
  }

  /** Steps until nothing is left to do; returns the number of steps taken. */
  settle(maxSteps = 100_000): number {
    for (let i = 1; i <= maxSteps; i += 1) if (!this.step()) return i;
    throw new Error(`the simulated MCO did not settle within ${maxSteps} steps`);
  }

  /** Syncs every ContainerRuntimeConfig whose generation the MCO has not observed yet. */
  syncContainerRuntimeConfigs(): void {
    const { store } = this.options;
    for (const cfg of store.list(CONTAINER_RUNTIME_CONFIGS)) {
      if (!needsSync(cfg)) continue;
      if (cfg.metadata.deletionTimestamp) this.finalizeDeletion(cfg);
      else this.syncConfig(cfg);
    }
  }

  /** Points each pool at the rendered config of its current MachineConfigs, creating that config when new. */
  renderPools(): void {
    const { store } = this.options;
    for (const pool of store.list(MACHINE_CONFIG_POOLS)) {
      const rendered = renderPoolConfig(pool, store.list(MACHINE_CONFIGS));
      if (!store.get(MACHINE_CONFIGS, rendered.name))
        store.create(MACHINE_CONFIGS, rendered.machineConfig);
      const configuration = poolConfiguration(rendered);
      const spec = isPlainObject(pool.spec) ? pool.spec : {};
      if (!jsonEqual(spec.configuration, configuration)) {
        store.mutate(MACHINE_CONFIG_POOLS, pool.metadata.name, (draft) => {
          draft.spec = { ...(isPlainObject(draft.spec) ? draft.spec : {}), configuration };
        });
      }
    }
  }

  /** Publishes every pool's status computed from its nodes (written only when it changed). */
  updatePoolStatuses(): void {
    const { store } = this.options;
    const pools = store.list(MACHINE_CONFIG_POOLS);
    const byPool = nodesByPool(store.list(NODES), pools);
    const now = this.now();
    for (const pool of pools) {
      const spec = isPlainObject(pool.spec) ? pool.spec : {};
      const target = spec.configuration as { name: string; source: unknown[] } | undefined;
      if (!target) continue;
      const status = poolStatus(pool, byPool.get(pool.metadata.name) ?? [], target, now);
      if (!jsonEqual(pool.status, status)) {
        store.mutate(MACHINE_CONFIG_POOLS, pool.metadata.name, (draft) => {
          draft.status = status;
        });
      }
    }
  }

  private onChange(e: StoreEvent): void {
    if (this.stepping || !this.options.autoRun) return;
    const relevant =
      e.resource === CONTAINER_RUNTIME_CONFIGS ||
      e.resource === MACHINE_CONFIGS ||
      e.resource === MACHINE_CONFIG_POOLS ||
      (e.resource === NODES && e.type !== 'MODIFIED');
    if (relevant && !this.timer) this.schedule(this.options.reactionDelayMs);
  }

  private schedule(delayMs: number): void {
    const { scheduler } = this.options;
    this.timer = scheduler.setTimeout(() => {
      this.timer = undefined;
      if (this.step()) this.schedule(this.options.stepIntervalMs);
    }, delayMs);
  }

  private now(): string {
    return kubeTimestamp(this.options.scheduler.now());
  }

  private targetOf(pool: KubeObject): string | undefined {
    const spec = isPlainObject(pool.spec) ? pool.spec : {};
    return isPlainObject(spec.configuration)
      ? (spec.configuration.name as string | undefined)
      : undefined;
  }

  private renderedNameFor(pool: KubeObject): string {
    return renderPoolConfig(pool, this.options.store.list(MACHINE_CONFIGS)).name;
  }

  private isPaused(pool: KubeObject): boolean {
    return isPlainObject(pool.spec) && pool.spec.paused === true;
  }

  private poolIsRolling(pool: KubeObject, nodes: readonly KubeObject[]): boolean {
    const target = this.targetOf(pool);
    return nodes.some(
      (n) =>
        annotationOf(n, NODE_CURRENT_CONFIG) !== target ||
        annotationOf(n, NODE_DESIRED_CONFIG) !== target ||
        annotationOf(n, NODE_STATE) !== 'Done',
    );
  }

  private appendCondition(
    cfg: KubeObject,
    type: 'Success' | 'Failure',
    message: string,
    changeMetadata?: (d: KubeObject) => void,
  ): void {
    this.options.store.mutate(CONTAINER_RUNTIME_CONFIGS, cfg.metadata.name, (draft) => {
      changeMetadata?.(draft);
      const status = isPlainObject(draft.status) ? draft.status : {};
      const conditions = Array.isArray(status.conditions) ? (status.conditions as Condition[]) : [];
      draft.status = {
        ...status,
        observedGeneration: draft.metadata.generation,
        conditions: [
          ...conditions,
          { type, status: 'True', lastTransitionTime: this.now(), message },
        ],
      };
    });
  }

  private syncConfig(cfg: KubeObject): void {
    const { store } = this.options;
    const ctrcfg = cfg as unknown as ContainerRuntimeConfig;
    const spec = isPlainObject(cfg.spec) ? cfg.spec : {};
    // Like the real controller: the configuration's own checks first, then the pools.
    const invalid = mcoValidationError(
      spec.containerRuntimeConfig as ContainerRuntimeConfiguration | undefined,
    );
    if (invalid !== null) {
      this.appendCondition(cfg, 'Failure', `Error: ${invalid}`);
      return;
    }
    const selector =
      spec.machineConfigPoolSelector as ContainerRuntimeConfig['spec']['machineConfigPoolSelector'];
    const pools = store
      .list(MACHINE_CONFIG_POOLS)
      .filter((p) => selectorMatches(selector, p.metadata.labels ?? {}));
    if (pools.length === 0) {
      // The real controller's pool lookup fails first with this message; its "does not match any
      // MachineConfigPools" branch after it is never reached.
      this.appendCondition(
        cfg,
        'Failure',
        `Error: could not find any MachineConfigPool set for ContainerRuntimeConfig ${cfg.metadata.name}`,
      );
      return;
    }
    const existing = store.list(CONTAINER_RUNTIME_CONFIGS) as unknown as ContainerRuntimeConfig[];
    const generated: { name: string; suffix: string }[] = [];
    for (const pool of pools) {
      const result = renderForPool(
        ctrcfg,
        { name: pool.metadata.name, labels: pool.metadata.labels ?? {} },
        {
          existingConfigs: existing.filter((c) => !c.metadata.deletionTimestamp),
          controllerVersion: SIMULATED_CONTROLLER_VERSION,
        },
      );
      if (!result.ok) {
        this.appendCondition(cfg, 'Failure', `Error: ${result.error}`);
        return;
      }
      const mc = result.machineConfig as unknown as KubeObject;
      const old = store.get(MACHINE_CONFIGS, mc.metadata.name);
      if (!old) {
        store.create(MACHINE_CONFIGS, mc);
      } else if (
        !jsonEqual(old.spec, mc.spec) ||
        !jsonEqual(old.metadata.labels, mc.metadata.labels)
      ) {
        store.update(MACHINE_CONFIGS, {
          ...old,
          metadata: { ...old.metadata, ...mc.metadata },
          spec: mc.spec,
        });
      }
      const suffix = mc.metadata.name
        .replace(`99-${pool.metadata.name}-generated-containerruntime`, '')
        .replace(/^-/, '');
      generated.push({ name: mc.metadata.name, suffix });
    }
    this.appendCondition(cfg, 'Success', 'Success', (draft) => {
      // The MCO replaces all annotations with its own (a tool must keep no state there).
      draft.metadata.annotations = {
        [MC_NAME_SUFFIX_ANNOTATION]: generated[generated.length - 1].suffix,
      };
      const finalizers = draft.metadata.finalizers ?? [];
      draft.metadata.finalizers = [
        ...finalizers,
        ...generated.map((g) => g.name).filter((n) => !finalizers.includes(n)),
      ];
    });
  }

  /** A ContainerRuntimeConfig is being deleted: its MachineConfigs go, then its finalizers. */
  private finalizeDeletion(cfg: KubeObject): void {
    const { store } = this.options;
    for (const name of cfg.metadata.finalizers ?? []) {
      if (store.get(MACHINE_CONFIGS, name)) store.delete(MACHINE_CONFIGS, name);
    }
    store.mutate(CONTAINER_RUNTIME_CONFIGS, cfg.metadata.name, (draft) => {
      draft.metadata.finalizers = [];
    });
  }

  private advanceRollouts(): void {
    const { store } = this.options;
    const pools = store.list(MACHINE_CONFIG_POOLS);
    const byPool = nodesByPool(store.list(NODES), pools);
    for (const pool of pools) {
      const target = this.targetOf(pool);
      if (!target || this.isPaused(pool)) continue;
      this.advancePool(pool, target, byPool.get(pool.metadata.name) ?? []);
    }
  }

  /**
   * Moves the pool's updating nodes one phase on, then starts as many nodes as maxUnavailable
   * allows. A node counts against maxUnavailable from the moment it is picked until it is Done.
   */
  private advancePool(pool: KubeObject, target: string, nodes: readonly KubeObject[]): void {
    const now = this.now();
    let inProgress = 0;
    for (const node of nodes) {
      const state = annotationOf(node, NODE_STATE);
      const next = state ? phaseAfter[state] : undefined;
      if (!next) continue;
      const desired = annotationOf(node, NODE_DESIRED_CONFIG) ?? target;
      this.moveNode(pool, node, next, desired, now);
      if (next === 'Done') this.options.agents.reportAfterReboot(node.metadata.name);
      else inProgress += 1;
    }
    const capacity = poolMaxUnavailable(pool) - inProgress;
    const waiting = nodes.filter(
      (n) =>
        annotationOf(n, NODE_DESIRED_CONFIG) !== target && annotationOf(n, NODE_STATE) === 'Done',
    );
    for (const node of waiting.slice(0, Math.max(0, capacity)))
      this.moveNode(pool, node, 'Working', target, now);
  }

  private moveNode(
    pool: KubeObject,
    node: KubeObject,
    phase: UpdatePhase,
    desired: string,
    now: string,
  ): void {
    const { store } = this.options;
    const updated = store.mutate(NODES, node.metadata.name, (draft) =>
      applyNodePhase(draft, phase, desired, now, this.options.newUid()),
    );
    const current = annotationOf(updated, NODE_CURRENT_CONFIG) ?? desired;
    const previous = store.get(MACHINE_CONFIG_NODES, node.metadata.name);
    const mcn = machineConfigNodeFor(
      previous,
      updated,
      pool.metadata.name,
      phase,
      current,
      desired,
      now,
    );
    if (previous) store.update(MACHINE_CONFIG_NODES, mcn);
    else store.create(MACHINE_CONFIG_NODES, mcn);
  }
}
