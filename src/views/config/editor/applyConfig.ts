import {
  k8sCreate,
  k8sPatch,
  k8sUpdate,
  type K8sResourceCommon,
} from '@openshift-console/dynamic-plugin-sdk';
import { readApiFailure } from '../../../core/apiFailure';
import type { PoolLabelChange } from '../../../core/pools/poolSelection';
import type { MachineConfigPool } from '../../../core/pools/machineConfigPool';
import type { ContainerRuntimeConfig } from '../../../core/model/types';
import { ContainerRuntimeConfigModel, MachineConfigPoolModel } from '../../shared/models';
import type { ApplyStep, EditorAction } from './editorState';

/**
 * Writing a ContainerRuntimeConfig: a server-side dry run first, then the real request, both with
 * strict field validation so that a field the API server does not know is rejected rather than
 * silently dropped. An update carries the resourceVersion that was read, so a change made by
 * someone else in between fails with 409 Conflict instead of being overwritten.
 *
 * When the pool needs its pool label first (and the user agreed), the label is a change of its
 * own: both dry runs go first, then the label, then the configuration, so that the configuration
 * never exists without a pool to select.
 */

/** Every write: unknown fields are errors, not silently pruned. */
export const STRICT = { fieldValidation: 'Strict' } as const;
/** The dry run: the API server validates and admits the object but stores nothing. */
export const DRY_RUN = { dryRun: 'All', fieldValidation: 'Strict' } as const;

export interface ApplyRequest {
  draft: ContainerRuntimeConfig;
  /** The object as it was read, for an update; undefined to create. */
  base: ContainerRuntimeConfig | undefined;
  /** The pool label to add first, with the pool as it was read. */
  poolLabel?: { pool: MachineConfigPool; change: PoolLabelChange };
}

/** What is sent: the draft as it stands, against the resourceVersion that was read. */
export const objectToSend = ({ draft, base }: ApplyRequest): ContainerRuntimeConfig => {
  const { resourceVersion: _ignored, ...metadata } = draft.metadata;
  if (!base) return { ...draft, metadata };
  const resourceVersion = base.metadata.resourceVersion;
  return {
    ...draft,
    metadata: resourceVersion === undefined ? metadata : { ...metadata, resourceVersion },
  };
};

const labelPool = (
  { pool, change }: NonNullable<ApplyRequest['poolLabel']>,
  queryParams: Record<string, string>,
): Promise<K8sResourceCommon> =>
  k8sPatch({
    model: MachineConfigPoolModel,
    resource: pool,
    data: change.patch,
    queryParams,
  });

const write = (
  request: ApplyRequest,
  queryParams: Record<string, string>,
): Promise<K8sResourceCommon> => {
  const data = objectToSend(request) as K8sResourceCommon;
  return request.base
    ? k8sUpdate({
        model: ContainerRuntimeConfigModel,
        data,
        name: request.base.metadata.name,
        queryParams,
      })
    : k8sCreate({ model: ContainerRuntimeConfigModel, data, queryParams });
};

/**
 * Runs an apply, telling the editor each step as it starts and how it ended. Returns the object the
 * API server stored, or null when a step failed.
 */
export const applyConfig = async (
  request: ApplyRequest,
  dispatch: (action: EditorAction) => void,
): Promise<ContainerRuntimeConfig | null> => {
  const { poolLabel } = request;
  const labelled = poolLabel !== undefined;
  /** Tells the editor which step failed and whether the pool already carries its label. */
  const failed = (step: ApplyStep, e: unknown, poolLabelled: boolean): null => {
    dispatch({ type: 'apply-failed', step, failure: readApiFailure(e), labelled: poolLabelled });
    return null;
  };
  dispatch({ type: 'apply-phase', phase: 'dry-run' });
  try {
    if (poolLabel) await labelPool(poolLabel, DRY_RUN);
    await write(request, DRY_RUN);
  } catch (e) {
    return failed('dry-run', e, false);
  }
  if (poolLabel) {
    dispatch({ type: 'apply-phase', phase: 'labelling' });
    try {
      await labelPool(poolLabel, STRICT);
    } catch (e) {
      return failed('label', e, false);
    }
  }
  dispatch({ type: 'apply-phase', phase: 'applying' });
  try {
    return (await write(request, STRICT)) as unknown as ContainerRuntimeConfig;
  } catch (e) {
    return failed('apply', e, labelled);
  }
};
