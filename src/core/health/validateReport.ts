/**
 * Strict, hand-written validation of a decoded version 1 report. Every problem names the field
 * it is about, so that the console can say exactly why it shows a node's report as unknown.
 *
 * Unknown extra fields are tolerated (and left in place): a newer agent may add fields to version 1
 * without breaking older consoles. Known fields must have exactly their documented types, and
 * enumerations (plugin kinds, check statuses) are closed: a new value needs a new version.
 */
import {
  CHECK_STATUSES,
  MAX_HEARTBEAT_SECONDS,
  MIN_HEARTBEAT_SECONDS,
  type NodeHealthReport,
  PLUGIN_KINDS,
  REPORT_VERSION,
} from './reportFormat';

export type ReportProblem = 'unknown-version' | 'wrong-type';

export type ReportValidation =
  { ok: true; report: NodeHealthReport } | { ok: false; problem: ReportProblem; reason: string };

/**
 * Thrown inside this module only, to unwind from a nested field to the catch below. The path is
 * written out while unwinding (each list and object adds its part), so that reading a valid
 * report builds no path at all.
 */
class FieldError extends Error {
  constructor(
    public path: string,
    readonly expected: string,
    readonly value: unknown,
  ) {
    super('report field does not match version 1');
  }
}

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

/** `key` (a field's name, or '' for the value itself) is not what it should be. */
const fail = (key: string, expected: string, value: unknown): never => {
  throw new FieldError(key, expected, value);
};

/** Rethrows a failure inside the value at `prefix`, with the path from here. */
const within = (prefix: string, error: unknown): never => {
  if (error instanceof FieldError) {
    const { path } = error;
    error.path = path === '' ? prefix : path.startsWith('[') ? prefix + path : `${prefix}.${path}`;
  }
  throw error;
};

const isJsonObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const objectAt = (value: unknown, key: string): Json =>
  isJsonObject(value) ? value : fail(key, 'an object', value);

const stringAt = (value: unknown, key: string): string =>
  typeof value === 'string' ? value : fail(key, 'a string', value);

const booleanAt = (value: unknown, key: string): boolean =>
  typeof value === 'boolean' ? value : fail(key, 'true or false', value);

const booleanOrNullAt = (value: unknown, key: string): boolean | null =>
  value === null || typeof value === 'boolean' ? value : fail(key, 'true, false or null', value);

const stringOrNullAt = (value: unknown, key: string): string | null =>
  value === null || typeof value === 'string' ? value : fail(key, 'a string or null', value);

const countAt = (value: unknown, key: string): number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
    ? value
    : fail(key, 'a non-negative integer', value);

const durationOrNullAt = (value: unknown, key: string): number | null =>
  value === null || (typeof value === 'number' && Number.isFinite(value) && value >= 0)
    ? value
    : fail(key, 'a non-negative number or null', value);

const oneOfAt = <T extends string>(allowed: readonly T[], value: unknown, key: string): T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fail(key, `one of ${allowed.join(', ')}`, value);

/** A list whose every item `check` accepts. */
const listAt = <T>(value: unknown, key: string, check: (item: unknown) => void): T[] => {
  if (!Array.isArray(value)) return fail(key, 'a list', value);
  for (let i = 0; i < value.length; i += 1) {
    try {
      check(value[i]);
    } catch (error) {
      within(`${key}[${i}]`, error);
    }
  }
  return value as T[];
};

const stringListAt = (value: unknown, key: string): string[] => {
  if (!Array.isArray(value)) return fail(key, 'a list', value);
  for (let i = 0; i < value.length; i += 1) {
    if (typeof value[i] !== 'string') fail(`${key}[${i}]`, 'a string', value[i]);
  }
  return value as string[];
};

// Each checker reads the fields of its object in document order; a failure names the field
// relative to the object, and the lists and objects around it add their part.

const checkLayerStore = (value: unknown): void => {
  const store = objectAt(value, '');
  stringAt(store.path, 'path');
  booleanAt(store.ref, 'ref');
};

const checkConfiguredStores = (value: unknown): void => {
  if (value === null) return;
  const conf = objectAt(value, '');
  listAt(conf.layerStores, 'layerStores', checkLayerStore);
  stringListAt(conf.imageStores, 'imageStores');
};

const checkStore = (value: unknown): void => {
  const store = objectAt(value, '');
  stringAt(store.path, 'path');
  oneOfAt(PLUGIN_KINDS, store.plugin, 'plugin');
  booleanAt(store.mounted, 'mounted');
  stringOrNullAt(store.fs, 'fs');
  booleanAt(store.responsive, 'responsive');
  durationOrNullAt(store.latencyMs, 'latencyMs');
  countAt(store.layers, 'layers');
  stringListAt(store.images, 'images');
  countAt(store.imagesOmitted, 'imagesOmitted');
  booleanOrNullAt(store.socket, 'socket');
  booleanOrNullAt(store.process, 'process');
  if (store.error !== undefined) stringAt(store.error, 'error');
  if (store.censusPartial !== undefined) booleanAt(store.censusPartial, 'censusPartial');
};

const checkCheck = (value: unknown, storeCount: number): void => {
  const check = objectAt(value, '');
  const id = stringAt(check.id, 'id');
  if (id === '') fail('id', 'a non-empty string', id);
  oneOfAt(CHECK_STATUSES, check.status, 'status');
  stringAt(check.message, 'message');
  const store = check.store;
  if (
    store !== undefined &&
    !(typeof store === 'number' && Number.isInteger(store) && store >= 0 && store < storeCount)
  )
    fail('store', `the index of one of the ${storeCount} stores`, store);
};

const checkFuseMount = (value: unknown): void => {
  const mount = objectAt(value, '');
  stringAt(mount.path, 'path');
  stringAt(mount.fs, 'fs');
  stringAt(mount.source, 'source');
};

const checkHeartbeat = (value: unknown): void => {
  if (!(
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= MIN_HEARTBEAT_SECONDS &&
    value <= MAX_HEARTBEAT_SECONDS
  ))
    fail(
      'heartbeatSeconds',
      `an integer from ${MIN_HEARTBEAT_SECONDS} to ${MAX_HEARTBEAT_SECONDS}`,
      value,
    );
};

/** Checks the fields in document order, so the first problem reported is the first one written. */
const checkReport = (document: Json): NodeHealthReport => {
  stringAt(document.at, 'at');
  stringAt(document.agentVersion, 'agentVersion');
  checkHeartbeat(document.heartbeatSeconds);
  try {
    checkConfiguredStores(document.storageConf);
  } catch (error) {
    within('storageConf', error);
  }
  const stores = listAt(document.stores, 'stores', checkStore);
  listAt(document.checks, 'checks', (item) => checkCheck(item, stores.length));
  // Optional: agents before these fields do not write them.
  if (document.fuseMounts !== undefined) listAt(document.fuseMounts, 'fuseMounts', checkFuseMount);
  if (document.fuseMountsOmitted !== undefined)
    countAt(document.fuseMountsOmitted, 'fuseMountsOmitted');
  return document as unknown as NodeHealthReport;
};

/**
 * Validates a decoded JSON value as a version 1 report and returns it, typed, once every
 * documented field has been checked. The version is judged first, so that a report of another
 * version is called that, not a pile of type errors. It is not copied: a reader takes what it
 * needs from it (at 5,000 nodes a copy of every report costs the dashboard a third more time).
 */
export const validateReport = (document: unknown): ReportValidation => {
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
    return { ok: true, report: checkReport(document) };
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    return {
      ok: false,
      problem: 'wrong-type',
      reason: `report field "${error.path}" should be ${error.expected}, but is ${describeValue(error.value)}`,
    };
  }
};
