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

/** Thrown inside this module only, to unwind from a nested field to the single catch below. */
class FieldError extends Error {}

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

const fail = (field: string, expected: string, value: unknown): never => {
  throw new FieldError(
    `report field "${field}" should be ${expected}, but is ${describeValue(value)}`,
  );
};

const isJsonObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const objectAt = (value: unknown, field: string): Json =>
  isJsonObject(value) ? value : fail(field, 'an object', value);

const stringAt = (value: unknown, field: string): string =>
  typeof value === 'string' ? value : fail(field, 'a string', value);

const booleanAt = (value: unknown, field: string): boolean =>
  typeof value === 'boolean' ? value : fail(field, 'true or false', value);

const booleanOrNullAt = (value: unknown, field: string): boolean | null =>
  value === null || typeof value === 'boolean' ? value : fail(field, 'true, false or null', value);

const stringOrNullAt = (value: unknown, field: string): string | null =>
  value === null || typeof value === 'string' ? value : fail(field, 'a string or null', value);

const countAt = (value: unknown, field: string): number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
    ? value
    : fail(field, 'a non-negative integer', value);

const durationOrNullAt = (value: unknown, field: string): number | null =>
  value === null || (typeof value === 'number' && Number.isFinite(value) && value >= 0)
    ? value
    : fail(field, 'a non-negative number or null', value);

const oneOfAt = <T extends string>(allowed: readonly T[], value: unknown, field: string): T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fail(field, `one of ${allowed.join(', ')}`, value);

const listAt = <T>(value: unknown, field: string, item: (v: unknown, f: string) => T): T[] =>
  Array.isArray(value)
    ? value.map((v, i) => item(v, `${field}[${i}]`))
    : fail(field, 'a list', value);

const readConfiguredStores = (value: unknown, field: string): ConfiguredStores | null => {
  if (value === null) return null;
  const conf = objectAt(value, field);
  return {
    layerStores: listAt(conf.layerStores, `${field}.layerStores`, (entry, f) => {
      const store = objectAt(entry, f);
      return { path: stringAt(store.path, `${f}.path`), ref: booleanAt(store.ref, `${f}.ref`) };
    }),
    imageStores: listAt(conf.imageStores, `${field}.imageStores`, stringAt),
  };
};

const readStore = (value: unknown, field: string): StoreReport => {
  const store = objectAt(value, field);
  const result: StoreReport = {
    path: stringAt(store.path, `${field}.path`),
    plugin: oneOfAt(PLUGIN_KINDS, store.plugin, `${field}.plugin`),
    mounted: booleanAt(store.mounted, `${field}.mounted`),
    fs: stringOrNullAt(store.fs, `${field}.fs`),
    responsive: booleanAt(store.responsive, `${field}.responsive`),
    latencyMs: durationOrNullAt(store.latencyMs, `${field}.latencyMs`),
    layers: countAt(store.layers, `${field}.layers`),
    images: listAt(store.images, `${field}.images`, stringAt),
    imagesOmitted: countAt(store.imagesOmitted, `${field}.imagesOmitted`),
    socket: booleanOrNullAt(store.socket, `${field}.socket`),
    process: booleanOrNullAt(store.process, `${field}.process`),
  };
  if (store.error !== undefined) result.error = stringAt(store.error, `${field}.error`);
  return result;
};

const readCheck = (value: unknown, field: string, storeCount: number): HealthCheck => {
  const check = objectAt(value, field);
  const id = stringAt(check.id, `${field}.id`);
  if (id === '') fail(`${field}.id`, 'a non-empty string', id);
  const result: HealthCheck = {
    id,
    status: oneOfAt(CHECK_STATUSES, check.status, `${field}.status`),
    message: stringAt(check.message, `${field}.message`),
  };
  if (check.store !== undefined) {
    const index = check.store;
    if (!(
      typeof index === 'number' &&
      Number.isInteger(index) &&
      index >= 0 &&
      index < storeCount
    )) {
      fail(`${field}.store`, `the index of one of the ${storeCount} stores`, index);
    }
    result.store = index as number;
  }
  return result;
};

const readHeartbeat = (value: unknown): number =>
  typeof value === 'number' &&
  Number.isInteger(value) &&
  value >= MIN_HEARTBEAT_SECONDS &&
  value <= MAX_HEARTBEAT_SECONDS
    ? value
    : fail(
        'heartbeatSeconds',
        `an integer from ${MIN_HEARTBEAT_SECONDS} to ${MAX_HEARTBEAT_SECONDS}`,
        value,
      );

/** Reads the fields in document order, so the first problem reported is the first one written. */
const readReport = (document: Json): NodeHealthReport => {
  const at = stringAt(document.at, 'at');
  const agentVersion = stringAt(document.agentVersion, 'agentVersion');
  const heartbeatSeconds = readHeartbeat(document.heartbeatSeconds);
  const storageConf = readConfiguredStores(document.storageConf, 'storageConf');
  const stores = listAt(document.stores, 'stores', readStore);
  const checks = listAt(document.checks, 'checks', (v, f) => readCheck(v, f, stores.length));
  return { v: REPORT_VERSION, at, agentVersion, heartbeatSeconds, storageConf, stores, checks };
};

/**
 * Validates a decoded JSON value as a version 1 report. The version is judged first, so that a
 * report of another version is called that, not a pile of type errors.
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
    return { ok: true, report: readReport(document) };
  } catch (error) {
    if (error instanceof FieldError)
      return { ok: false, problem: 'wrong-type', reason: error.message };
    throw error;
  }
};
