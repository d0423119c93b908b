/**
 * Strict, hand-written validation of a decoded version 1 report. Every problem names the field
 * it is about, so that the console can say exactly why it shows a node's report as unknown.
 *
 * Unknown extra fields are tolerated and dropped: a newer agent may add fields to version 1
 * without breaking older consoles. Known fields must have exactly their documented types, and
 * enumerations (plugin kinds, check statuses) are closed: a new value needs a new version.
 */
import {
  CHECK_STATUSES,
  type ConfiguredStores,
  type FuseMount,
  type HealthCheck,
  MAX_HEARTBEAT_SECONDS,
  MIN_HEARTBEAT_SECONDS,
  type NodeHealthReport,
  PLUGIN_KINDS,
  REPORT_VERSION,
  type StoreReport,
} from './reportFormat';

export type ReportProblem = 'unknown-version' | 'wrong-type';

export type ReportValidation =
  { ok: true; report: NodeHealthReport } | { ok: false; problem: ReportProblem; reason: string };

/** Thrown inside this module only, to unwind from a nested field to the catch below. */
class FieldError extends Error {}

/**
 * Where a value sits in the report, for the message; null while validating fast. A report is
 * first read without building any path (thousands are read at once, and nearly all are
 * valid); only a report that fails is read again with paths, to say where it fails.
 */
type Field = string | null;

/** Thrown by the fast pass: which field failed is found out by the second pass. */
const FAST_FAILURE = new FieldError('report does not match version 1');

const child = (field: Field, key: string): Field => (field === null ? null : `${field}.${key}`);
const item = (field: Field, index: number): Field => (field === null ? null : `${field}[${index}]`);

type Json = Record<string, unknown>;

const describeValue = (value: unknown): string => {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const shown = JSON.stringify(value);
  const short = shown.length > 40 ? `${shown.slice(0, 37)}...` : shown;
  return `${short} (a ${typeof value})`;
};

const fail = (field: Field, expected: string, value: unknown): never => {
  if (field === null) throw FAST_FAILURE;
  throw new FieldError(
    `report field "${field}" should be ${expected}, but is ${describeValue(value)}`,
  );
};

const isJsonObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const objectAt = (value: unknown, field: Field): Json =>
  isJsonObject(value) ? value : fail(field, 'an object', value);

const stringAt = (value: unknown, field: Field): string =>
  typeof value === 'string' ? value : fail(field, 'a string', value);

const booleanAt = (value: unknown, field: Field): boolean =>
  typeof value === 'boolean' ? value : fail(field, 'true or false', value);

const booleanOrNullAt = (value: unknown, field: Field): boolean | null =>
  value === null || typeof value === 'boolean' ? value : fail(field, 'true, false or null', value);

const stringOrNullAt = (value: unknown, field: Field): string | null =>
  value === null || typeof value === 'string' ? value : fail(field, 'a string or null', value);

const countAt = (value: unknown, field: Field): number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
    ? value
    : fail(field, 'a non-negative integer', value);

const durationOrNullAt = (value: unknown, field: Field): number | null =>
  value === null || (typeof value === 'number' && Number.isFinite(value) && value >= 0)
    ? value
    : fail(field, 'a non-negative number or null', value);

const oneOfAt = <T extends string>(allowed: readonly T[], value: unknown, field: Field): T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fail(field, `one of ${allowed.join(', ')}`, value);

/**
 * A list whose items `read` checks: a new list of what `read` returns when copying, else the
 * list it was given.
 */
const listAt = <T>(
  value: unknown,
  field: Field,
  copy: boolean,
  read: (v: unknown, f: Field, copy: boolean, storeCount: number) => T,
  storeCount = 0,
): T[] => {
  // The readers are module functions, not closures: thousands of reports are read at once.
  if (!Array.isArray(value)) return fail(field, 'a list', value);
  if (!copy) {
    for (let i = 0; i < value.length; i += 1) read(value[i], item(field, i), false, storeCount);
    return value as T[];
  }
  const result = new Array<T>(value.length);
  for (let i = 0; i < value.length; i += 1)
    result[i] = read(value[i], item(field, i), true, storeCount);
  return result;
};

/** A list of strings, which is what it was given when every item is one (nothing is copied). */
const stringListAt = (value: unknown, field: Field): string[] => {
  if (!Array.isArray(value)) return fail(field, 'a list', value);
  for (let i = 0; i < value.length; i += 1) {
    if (typeof value[i] !== 'string') fail(item(field, i), 'a string', value[i]);
  }
  return value as string[];
};

// Each reader checks every field of its object first; only then, when copying, does it build
// the copy from what it read. Without copying it returns the object it was given.

const readLayerStore = (
  value: unknown,
  field: Field,
  copy: boolean,
): { path: string; ref: boolean } => {
  const store = objectAt(value, field);
  const path = stringAt(store.path, child(field, 'path'));
  const ref = booleanAt(store.ref, child(field, 'ref'));
  return copy ? { path, ref } : (store as unknown as { path: string; ref: boolean });
};

const readConfiguredStores = (
  value: unknown,
  field: Field,
  copy: boolean,
): ConfiguredStores | null => {
  if (value === null) return null;
  const conf = objectAt(value, field);
  const layerStores = listAt(conf.layerStores, child(field, 'layerStores'), copy, readLayerStore);
  const imageStores = stringListAt(conf.imageStores, child(field, 'imageStores'));
  return copy ? { layerStores, imageStores } : (conf as unknown as ConfiguredStores);
};

const readStore = (value: unknown, field: Field, copy: boolean): StoreReport => {
  const store = objectAt(value, field);
  const path = stringAt(store.path, child(field, 'path'));
  const plugin = oneOfAt(PLUGIN_KINDS, store.plugin, child(field, 'plugin'));
  const mounted = booleanAt(store.mounted, child(field, 'mounted'));
  const fs = stringOrNullAt(store.fs, child(field, 'fs'));
  const responsive = booleanAt(store.responsive, child(field, 'responsive'));
  const latencyMs = durationOrNullAt(store.latencyMs, child(field, 'latencyMs'));
  const layers = countAt(store.layers, child(field, 'layers'));
  const images = stringListAt(store.images, child(field, 'images'));
  const imagesOmitted = countAt(store.imagesOmitted, child(field, 'imagesOmitted'));
  const socket = booleanOrNullAt(store.socket, child(field, 'socket'));
  const process = booleanOrNullAt(store.process, child(field, 'process'));
  const error =
    store.error === undefined ? undefined : stringAt(store.error, child(field, 'error'));
  if (!copy) return store as unknown as StoreReport;
  const result: StoreReport = {
    path,
    plugin,
    mounted,
    fs,
    responsive,
    latencyMs,
    layers,
    images,
    imagesOmitted,
    socket,
    process,
  };
  if (error !== undefined) result.error = error;
  return result;
};

const readCheck = (
  value: unknown,
  field: Field,
  copy: boolean,
  storeCount: number,
): HealthCheck => {
  const check = objectAt(value, field);
  const id = stringAt(check.id, child(field, 'id'));
  if (id === '') fail(child(field, 'id'), 'a non-empty string', id);
  const status = oneOfAt(CHECK_STATUSES, check.status, child(field, 'status'));
  const message = stringAt(check.message, child(field, 'message'));
  const store = check.store;
  const index =
    store === undefined ||
    (typeof store === 'number' && Number.isInteger(store) && store >= 0 && store < storeCount)
      ? store
      : fail(child(field, 'store'), `the index of one of the ${storeCount} stores`, store);
  if (!copy) return check as unknown as HealthCheck;
  return index === undefined ? { id, status, message } : { id, status, message, store: index };
};

const readFuseMount = (value: unknown, field: Field, copy: boolean): FuseMount => {
  const mount = objectAt(value, field);
  const path = stringAt(mount.path, child(field, 'path'));
  const fs = stringAt(mount.fs, child(field, 'fs'));
  const source = stringAt(mount.source, child(field, 'source'));
  return copy ? { path, fs, source } : (mount as unknown as FuseMount);
};

const readHeartbeat = (value: unknown, field: Field): number =>
  typeof value === 'number' &&
  Number.isInteger(value) &&
  value >= MIN_HEARTBEAT_SECONDS &&
  value <= MAX_HEARTBEAT_SECONDS
    ? value
    : fail(field, `an integer from ${MIN_HEARTBEAT_SECONDS} to ${MAX_HEARTBEAT_SECONDS}`, value);

/**
 * Reads the fields in document order, so the first problem reported is the first one written.
 * `paths` is false for the fast pass, true for the pass that explains a failure.
 */
const readReport = (document: Json, paths: boolean, copy: boolean): NodeHealthReport => {
  const at = stringAt(document.at, paths ? 'at' : null);
  const agentVersion = stringAt(document.agentVersion, paths ? 'agentVersion' : null);
  const heartbeatSeconds = readHeartbeat(
    document.heartbeatSeconds,
    paths ? 'heartbeatSeconds' : null,
  );
  const storageConf = readConfiguredStores(
    document.storageConf,
    paths ? 'storageConf' : null,
    copy,
  );
  const stores = listAt(document.stores, paths ? 'stores' : null, copy, readStore);
  const checks = listAt(document.checks, paths ? 'checks' : null, copy, readCheck, stores.length);
  // Optional: agents before this field do not write it.
  const fuseMounts =
    document.fuseMounts === undefined
      ? undefined
      : listAt(document.fuseMounts, paths ? 'fuseMounts' : null, copy, readFuseMount);
  const fuseMountsOmitted =
    document.fuseMountsOmitted === undefined
      ? undefined
      : countAt(document.fuseMountsOmitted, paths ? 'fuseMountsOmitted' : null);
  if (!copy) return document as unknown as NodeHealthReport;
  const report: NodeHealthReport = {
    v: REPORT_VERSION,
    at,
    agentVersion,
    heartbeatSeconds,
    storageConf,
    stores,
    checks,
  };
  if (fuseMounts !== undefined) report.fuseMounts = fuseMounts;
  if (fuseMountsOmitted !== undefined) report.fuseMountsOmitted = fuseMountsOmitted;
  return report;
};

/**
 * Validates a decoded JSON value as a version 1 report. The version is judged first, so that a
 * report of another version is called that, not a pile of type errors.
 *
 * By default the report returned is a copy holding only the documented fields. With
 * `copy: false` it is the value given, once every documented field has been checked (any
 * unknown fields stay in it): for a reader that only takes figures from the report and drops it.
 */
export const validateReport = (
  document: unknown,
  { copy = true }: { copy?: boolean } = {},
): ReportValidation => {
  if (!isJsonObject(document)) {
    return {
      ok: false,
      problem: 'wrong-type',
      reason: `report should be a JSON object, but is ${describeValue(document)}`,
    };
  }
  const version = document.v;
  if (typeof version !== 'number') {
    return {
      ok: false,
      problem: 'wrong-type',
      reason: `report field "v" should be a number, but is ${describeValue(version)}`,
    };
  }
  if (version !== REPORT_VERSION) {
    return {
      ok: false,
      problem: 'unknown-version',
      reason: `report version ${version} is not supported (this console reads version ${REPORT_VERSION})`,
    };
  }
  try {
    return { ok: true, report: readReport(document, false, copy) };
  } catch (error) {
    if (error !== FAST_FAILURE) throw error;
  }
  try {
    readReport(document, true, false);
  } catch (error) {
    if (error instanceof FieldError)
      return { ok: false, problem: 'wrong-type', reason: error.message };
    throw error;
  }
  // Unreachable: both passes make the same decisions; only their messages differ.
  return { ok: false, problem: 'wrong-type', reason: FAST_FAILURE.message };
};
