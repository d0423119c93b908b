/**
 * What the dashboard needs to know about the pools to interpret any one node: how to place it,
 * what its pool rolls out, and which layer stores its pool's configuration asks for. Built once
 * per change of the pools or configurations, shared by every node's interpretation.
 */
import type { MachineConfigPool } from '../pools/machineConfigPool';
import type { ContainerRuntimeConfig } from '../model/types';
import { MC_NAME_SUFFIX_ANNOTATION } from '../render/machineConfigName';
import { expectedStoresByPool, poolTargetConfig } from './expectedStores';
import { placementPools, type PreparedPool } from './placement';
import type { ExpectedStores } from './types';

export interface PoolContext {
  /** Pool names, sorted. */
  readonly names: readonly string[];
  /** Pools able to place nodes, prepared for placeNode. */
  readonly placementPools: readonly PreparedPool[];
  readonly targets: ReadonlyMap<string, string | null>;
  readonly expected: ReadonlyMap<string, ExpectedStores>;
  /** Whether any pool's configuration asks for a layer store. */
  readonly anyLayerStoreExpected: boolean;
}

export const buildPoolContext = (
  pools: readonly MachineConfigPool[],
  configs: readonly ContainerRuntimeConfig[],
): PoolContext => {
  const named = pools.filter((p) => typeof p.metadata?.name === 'string' && p.metadata.name !== '');
  const expected = expectedStoresByPool(named, configs);
  return {
    names: named.map((p) => p.metadata.name as string).sort(),
    placementPools: placementPools(
      named.map((p) => ({ name: p.metadata.name as string, nodeSelector: p.spec?.nodeSelector })),
    ),
    targets: new Map(named.map((p) => [p.metadata.name as string, poolTargetConfig(p)])),
    expected,
    anyLayerStoreExpected: [...expected.values()].some((e) => e.layerStores.length > 0),
  };
};

/**
 * The parts of pools and configurations that the interpretation depends on, as one string:
 * MachineConfigPools change status on every node's progress during a rollout, and those
 * changes must not make the dashboard recompute every node.
 */
export const poolInputsSignature = (
  pools: readonly MachineConfigPool[],
  configs: readonly ContainerRuntimeConfig[],
): string =>
  JSON.stringify([
    pools.map((p) => [
      p.metadata?.name,
      p.metadata?.labels,
      p.spec?.nodeSelector,
      p.spec?.machineConfigSelector,
      poolTargetConfig(p),
    ]),
    configs.map((c) => [
      c.metadata?.name,
      c.metadata?.annotations?.[MC_NAME_SUFFIX_ANNOTATION],
      c.spec,
      c.status?.conditions?.at(-1)?.type,
    ]),
  ]);
