/** Where a problem was found: the API server rejects it on write, or the MCO rejects it after. */
export type ValidationSource = 'api' | 'mco';

export interface FieldError {
  /** Field path as the API server names it, e.g. `spec.containerRuntimeConfig.additionalLayerStores[1].path`. */
  field: string;
  message: string;
  source: ValidationSource;
  /** Warnings do not block apply (for example a field the API server would prune). */
  severity: 'error' | 'warning';
}

export const formatFieldError = (e: FieldError): string => `${e.field}: ${e.message}`;
