import {
  useAccessReview,
  useK8sWatchResource,
  type K8sResourceCommon,
  getGroupVersionKindForModel,
} from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import { BUILTIN_FEATURE_SET, BUILTIN_SCHEMA } from '../../../core/validation/crd/builtinSchema';
import { CTRCFG_CRD_NAME, readCrdSchema } from '../../../core/validation/crd/crdObject';
import type { JSONSchemaProps } from '../../../core/validation/crd/schema';
import { loadErrorOf } from '../../shared/loadError';
import { CustomResourceDefinitionModel } from '../../shared/models';

/**
 * The schema the editor validates against: the ContainerRuntimeConfig CRD the cluster serves,
 * when the user may read it (so that the store lists exist only where the gate is on, and fields
 * of later releases are known), else the built-in 4.22 one.
 */
export interface ValidationSchema {
  schema: JSONSchemaProps;
  /** `cluster`: the cluster's CRD; `builtin`: the built-in schema (and why). */
  source: 'cluster' | 'builtin';
  /** The feature set the schema was built for (TechPreviewNoUpgrade, Default), when known. */
  featureSet: string | null;
  /** Why the built-in schema serves: the user may not read the CRD, or it could not be read. */
  reason?: 'forbidden' | 'unreadable' | 'loading';
}

export const useValidationSchema = (): ValidationSchema => {
  const [canRead, checking] = useAccessReview({
    group: CustomResourceDefinitionModel.apiGroup,
    resource: CustomResourceDefinitionModel.plural,
    verb: 'get',
    name: CTRCFG_CRD_NAME,
  });
  const [crd, loaded, loadError] = useK8sWatchResource<K8sResourceCommon>(
    canRead
      ? {
          groupVersionKind: getGroupVersionKindForModel(CustomResourceDefinitionModel),
          name: CTRCFG_CRD_NAME,
        }
      : null,
  ) as [K8sResourceCommon | null | undefined, boolean, unknown];
  const error = loadErrorOf(loadError);
  return useMemo((): ValidationSchema => {
    const builtin = (reason: ValidationSchema['reason']): ValidationSchema => ({
      schema: BUILTIN_SCHEMA,
      source: 'builtin',
      featureSet: BUILTIN_FEATURE_SET,
      reason,
    });
    if (checking) return builtin('loading');
    if (!canRead) return builtin('forbidden');
    if (!loaded && !error) return builtin('loading');
    const reading = error ? null : readCrdSchema(crd);
    if (!reading?.ok) return builtin('unreadable');
    return { schema: reading.schema, source: 'cluster', featureSet: reading.featureSet };
  }, [canRead, checking, crd, loaded, error]);
};
