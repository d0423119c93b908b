/**
 * What applying a change does, in a chunk of its own that the editor downloads once there is a
 * change (or the preview is opened): the files the MCO would write and the pools that reboot,
 * whether the layer stores are mounted on the nodes that reboot, and the rollout after an apply.
 */
export { previewPoolChange } from '../../../core/preview/poolPreview';
export { ReadinessProbe } from './ReadinessProbe';
export { needsStoreWarning, StoreReadinessAlert } from './StoreReadinessAlert';
export { RolloutPanel } from './RolloutPanel';
