/** Where a problem was found: the API server rejects it on write, or the MCO rejects it after. */
export type ValidationSource = 'api' | 'mco';

/** The `reason` of a cause in the API server's Status (metav1.CauseType). */
export type CauseReason =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueTypeInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden';

export interface FieldError {
  /**
   * Field path as the API server names it, e.g. `spec.containerRuntimeConfig.additionalLayerStores[1].path`
   * (`<nil>` for the object as a whole).
   */
  field: string;
  /** For the API server's errors, the cause's message as kubectl prints it after the field. */
  message: string;
  source: ValidationSource;
  /** Warnings do not block apply (for example a field the API server would prune). */
  severity: 'error' | 'warning';
  /** The API server's cause type, for its errors. */
  reason?: CauseReason;
}

export const formatFieldError = (e: FieldError): string => `${e.field}: ${e.message}`;
