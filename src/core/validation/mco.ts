import {
  DEFAULT_RUNTIMES,
  LOG_LEVELS,
  STORE_FIELDS,
  type ContainerRuntimeConfiguration,
} from '../model/types';
import { int64Of } from '../model/exactInteger';
import { parseQuantity } from '../quantity';
import { CONFIG_PATH, MCO_STORE_FIELD_NAMES, storePathProblems } from './storePaths';
import type { FieldError } from './types';

/**
 * The MCO controller's own checks of a stored ContainerRuntimeConfig, in the order the controller
 * runs them and with its wording. The API server does not check most of these, so such an object
 * is accepted on write and only fails later, as the ContainerRuntimeConfig's last status condition.
 *
 * Fields of the wrong type are skipped here: the API server rejects those before the MCO sees them.
 */

const LOG_SIZE_MAX_MIN_BYTES = 8192n;
const PIDS_LIMIT_MIN = 20n;

const mcoError = (field: string, message: string): FieldError => ({
  field,
  message,
  source: 'mco',
  severity: 'error',
});

/** Every MCO problem of a configuration, in the controller's order. */
export const validateMco = (cfg: ContainerRuntimeConfiguration | undefined): FieldError[] => {
  if (!cfg || typeof cfg !== 'object') return [];
  const errors: FieldError[] = [];
  const { pidsLimit, logSizeMax, overlaySize, logLevel, defaultRuntime } = cfg;

  const pids = int64Of(pidsLimit);
  if (pids !== null && pids !== 0n && pids < PIDS_LIMIT_MIN) {
    errors.push(mcoError(`${CONFIG_PATH}.pidsLimit`, `invalid PidsLimit ${pids}`));
  }
  if (logSizeMax !== undefined && logSizeMax !== null) {
    const q = parseQuantity(logSizeMax);
    // The controller compares Value(), the integer Kubernetes rounds a quantity to.
    const bytes = q.ok ? q.quantity.value() : 0n;
    if (q.ok && bytes > 0n && bytes <= LOG_SIZE_MAX_MIN_BYTES) {
      errors.push(
        mcoError(
          `${CONFIG_PATH}.logSizeMax`,
          `invalid LogSizeMax "${q.quantity.toString()}", cannot be less than 8kB`,
        ),
      );
    }
  }
  if (overlaySize !== undefined && overlaySize !== null) {
    const q = parseQuantity(overlaySize);
    if (q.ok && q.quantity.value() < 0n) {
      errors.push(
        mcoError(
          `${CONFIG_PATH}.overlaySize`,
          `invalid overlaySize "${q.quantity.toString()}", cannot be less than 0`,
        ),
      );
    }
  }
  const choices = [
    {
      field: 'logLevel',
      value: logLevel,
      allowed: LOG_LEVELS,
      message: (v: string) =>
        `invalid LogLevel "${v}", must be one of error, fatal, panic, warn, info, debug, or trace`,
    },
    {
      field: 'defaultRuntime',
      value: defaultRuntime,
      allowed: DEFAULT_RUNTIMES,
      message: (v: string) => `invalid DefaultRuntime "${v}", must be one of crun, runc`,
    },
  ];
  // An empty string is the controller's default, not a choice.
  for (const { field, value, allowed, message } of choices) {
    if (
      typeof value === 'string' &&
      value !== '' &&
      !(allowed as readonly string[]).includes(value)
    ) {
      errors.push(mcoError(`${CONFIG_PATH}.${field}`, message(value)));
    }
  }
  for (const field of STORE_FIELDS) {
    const list = cfg[field];
    if (!Array.isArray(list)) continue;
    list.forEach((entry, i) => {
      const path: unknown = entry && typeof entry === 'object' ? entry.path : undefined;
      if (typeof path !== 'string') return;
      const [problem] = storePathProblems(path);
      if (!problem) return;
      const reason =
        problem === 'pattern'
          ? "must be an absolute path containing only alphanumeric characters, '/', '.', '_', and '-'"
          : 'must not contain consecutive forward slashes';
      errors.push(
        mcoError(
          `${CONFIG_PATH}.${field}[${i}].path`,
          `invalid ${MCO_STORE_FIELD_NAMES[field]} path "${path}": ${reason}`,
        ),
      );
    });
  }
  return errors;
};

/**
 * The error the MCO reports for a configuration (it stops at its first failure), or null when the
 * MCO accepts it. The controller prefixes it with "Error: " in the status condition.
 */
export const mcoValidationError = (cfg: ContainerRuntimeConfiguration | undefined): string | null =>
  validateMco(cfg)[0]?.message ?? null;
