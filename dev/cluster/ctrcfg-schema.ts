import { STORE_FIELDS } from '../../src/core/model/types';
import { customResourceSchema, LABEL_SELECTOR_SCHEMA, type Schema } from './structural-schema';

/**
 * The structural schema of the ContainerRuntimeConfig CRD (domain.md section 2). The three store
 * lists exist in the schema only while the AdditionalStorageConfig feature gate is on; with the
 * gate off the API server prunes them like any other unknown field.
 */

const storeList: Schema = {
  type: 'array',
  items: { type: 'object', properties: { path: { type: 'string' } } },
};

export const containerRuntimeConfigSchema = (gateEnabled: boolean): Schema => {
  const configuration: Record<string, Schema> = {
    pidsLimit: { type: 'integer' },
    logLevel: { type: 'string' },
    logSizeMax: { type: 'int-or-string' },
    overlaySize: { type: 'int-or-string' },
    defaultRuntime: { type: 'string' },
  };
  if (gateEnabled) for (const field of STORE_FIELDS) configuration[field] = storeList;
  return customResourceSchema(
    {
      type: 'object',
      properties: {
        machineConfigPoolSelector: LABEL_SELECTOR_SCHEMA,
        containerRuntimeConfig: { type: 'object', properties: configuration },
      },
    },
    {
      type: 'object',
      properties: {
        observedGeneration: { type: 'integer' },
        conditions: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              type: { type: 'string' },
              status: { type: 'string' },
              lastTransitionTime: { type: 'string' },
              reason: { type: 'string' },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  );
};
