import { useEffect } from 'react';
import type { MachineConfigPool } from '../../../core/pools/machineConfigPool';
import { useStoreReadiness, type StoreReadinessState } from './useStoreReadiness';

interface ReadinessProbeProps {
  pools: readonly MachineConfigPool[];
  /** The pools whose nodes the change reboots. */
  poolNames: readonly string[];
  /** The layer stores the change configures. */
  paths: readonly string[];
  onChange: (state: StoreReadinessState) => void;
}

/**
 * Watches whether the layer stores are mounted on the nodes that a change reboots, and tells the
 * editor; rendered only while a change reboots nodes with layer stores, so the Node watch and the
 * reading of the agents' reports cost nothing before that.
 */
export const ReadinessProbe = ({ pools, poolNames, paths, onChange }: ReadinessProbeProps) => {
  const state = useStoreReadiness(pools, poolNames, paths);
  useEffect(() => onChange(state), [state, onChange]);
  return null;
};
