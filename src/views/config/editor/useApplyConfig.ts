import {
  k8sCreate,
  k8sUpdate,
  type K8sResourceCommon,
} from '@openshift-console/dynamic-plugin-sdk';
import { useState } from 'react';
import { readApiFailure, type ApiFailure } from '../../../core/cluster/apiStatus';
import type { ContainerRuntimeConfig } from '../../../core/model/types';
import { ContainerRuntimeConfigModel } from '../../shared/models';

/**
 * Writing a ContainerRuntimeConfig: a server-side dry run first, then the real request, both with
 * strict field validation so that a field the API server does not know is rejected rather than
 * silently dropped. An update carries the resourceVersion that was read, so a change made by
 * someone else in between fails with 409 Conflict instead of being overwritten.
 */

/** Every write: unknown fields are errors, not silently pruned. */
export const STRICT = { fieldValidation: 'Strict' } as const;
/** The dry run: the API server validates and admits the object but stores nothing. */
export const DRY_RUN = { dryRun: 'All', fieldValidation: 'Strict' } as const;

export type ApplyState =
  | { phase: 'idle' }
  | { phase: 'dry-run' }
  | { phase: 'applying' }
  | { phase: 'applied'; result: ContainerRuntimeConfig; created: boolean }
  | { phase: 'failed'; step: 'dry-run' | 'apply'; failure: ApiFailure };

export interface ApplyRequest {
  draft: ContainerRuntimeConfig;
  /** The object as it was read, for an update; undefined to create. */
  base: ContainerRuntimeConfig | undefined;
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

export const useApplyConfig = () => {
  const [state, setState] = useState<ApplyState>({ phase: 'idle' });

  const apply = async (request: ApplyRequest): Promise<ContainerRuntimeConfig | null> => {
    setState({ phase: 'dry-run' });
    try {
      await write(request, DRY_RUN);
    } catch (e) {
      setState({ phase: 'failed', step: 'dry-run', failure: readApiFailure(e) });
      return null;
    }
    setState({ phase: 'applying' });
    try {
      const result = (await write(request, STRICT)) as unknown as ContainerRuntimeConfig;
      setState({ phase: 'applied', result, created: request.base === undefined });
      return result;
    } catch (e) {
      setState({ phase: 'failed', step: 'apply', failure: readApiFailure(e) });
      return null;
    }
  };

  return { state, apply, reset: () => setState({ phase: 'idle' }) };
};
