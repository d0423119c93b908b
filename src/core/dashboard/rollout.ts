/**
 * A node's place in the MCO's rollout, from the annotations the machine-config daemon keeps on
 * every Node it manages.
 */
import type { RolloutInfo, RolloutState } from './types';

const MCO_PREFIX = 'machineconfiguration.openshift.io/';
export const MCO_CURRENT_CONFIG_ANNOTATION = `${MCO_PREFIX}currentConfig`;
export const MCO_DESIRED_CONFIG_ANNOTATION = `${MCO_PREFIX}desiredConfig`;
export const MCO_STATE_ANNOTATION = `${MCO_PREFIX}state`;
export const MCO_REASON_ANNOTATION = `${MCO_PREFIX}reason`;

/** The MCO annotations a rollout is judged from; the dashboard skips work when none changed. */
export const MCO_NODE_ANNOTATIONS = [
  MCO_CURRENT_CONFIG_ANNOTATION,
  MCO_DESIRED_CONFIG_ANNOTATION,
  MCO_STATE_ANNOTATION,
  MCO_REASON_ANNOTATION,
] as const;

const text = (annotations: Record<string, string> | undefined, key: string): string | null => {
  const value: unknown = annotations?.[key];
  return typeof value === 'string' && value !== '' ? value : null;
};

/**
 * Judges the rollout. `poolTarget` is the rendered config the node's pool rolls out
 * (MachineConfigPool spec.configuration.name), null when unknown: a node that is Done on an
 * older config is then waiting for its batch, which the MCO's own pool counts do not call
 * updated either.
 */
export const judgeRollout = (
  annotations: Record<string, string> | undefined,
  poolTarget: string | null,
): RolloutInfo => {
  const currentConfig = text(annotations, MCO_CURRENT_CONFIG_ANNOTATION);
  const desiredConfig = text(annotations, MCO_DESIRED_CONFIG_ANNOTATION);
  const mcoState = text(annotations, MCO_STATE_ANNOTATION);
  const reason = text(annotations, MCO_REASON_ANNOTATION);
  let state: RolloutState;
  let queued = false;
  switch (mcoState) {
    case 'Degraded':
    case 'Unreconcilable':
      state = 'Degraded';
      break;
    case 'Rebooting':
      state = 'Rebooting';
      break;
    case 'Working':
      state = 'Updating';
      break;
    case 'Done':
      if (currentConfig === null || desiredConfig === null) state = 'Unknown';
      else if (currentConfig !== desiredConfig) state = 'Updating';
      else if (poolTarget !== null && currentConfig !== poolTarget) {
        state = 'Updating';
        queued = true;
      } else state = 'UpToDate';
      break;
    default:
      // No state (not an MCO-managed node, or not yet reached by the daemon) or one the MCO
      // does not write.
      state = 'Unknown';
  }
  return { state, currentConfig, desiredConfig, mcoState, reason, queued };
};
