import type { StoreField } from '../../../core/model/types';
import { CONFIG_PATH } from '../../../core/validation/apiServer';
import type { FieldError } from '../../../core/validation/types';

/**
 * Which of the core's field errors the form shows where. The core names every problem by its API
 * field path; the form places it at the control for that path, and lists whatever has no control
 * of its own (fields only the YAML can set) together.
 */

export const storeListPath = (field: StoreField): string => `${CONFIG_PATH}.${field}`;

const isAtOrUnder = (field: string, path: string): boolean =>
  field === path || field.startsWith(`${path}.`) || field.startsWith(`${path}[`);

/** Errors about the list as a whole (too many items, duplicates, wrong type). */
export const listErrors = (errors: readonly FieldError[], field: StoreField): FieldError[] =>
  errors.filter((e) => e.field === storeListPath(field));

/** Errors about item `index` of a list (its path, or the item itself). */
export const itemErrors = (
  errors: readonly FieldError[],
  field: StoreField,
  index: number,
): FieldError[] => errors.filter((e) => isAtOrUnder(e.field, `${storeListPath(field)}[${index}]`));

export const NAME_PATH = 'metadata.name';

/** Errors that no form control shows. */
export const otherErrors = (
  errors: readonly FieldError[],
  shownFields: readonly StoreField[],
  showsName: boolean,
): FieldError[] =>
  errors.filter(
    (e) =>
      !(showsName && e.field === NAME_PATH) &&
      !shownFields.some((f) => isAtOrUnder(e.field, storeListPath(f))),
  );
