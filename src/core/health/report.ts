/**
 * The node-annotation contract in code: how the agent writes a report (serializeReport) and how
 * any reader turns a Node's annotations into a state it can show (parseNodeAnnotations).
 * Pure TypeScript: the browser and the node agent both use it.
 */
import {
  HEALTH_ANNOTATION,
  HEALTH_VALUES,
  type HealthCheck,
  type LazyPullHealth,
  MAX_CLOCK_SKEW_MS,
  type NodeHealthReport,
  REPORT_ANNOTATION,
  REPORT_MAX_BYTES,
  STALE_AFTER_HEARTBEATS,
  type StoreReport,
} from './reportFormat';
import { reportContradiction } from './reportFacts';
import { parseRfc3339 } from './rfc3339';
import { utf8ByteLength } from './utf8ByteLength';
import { validateReport } from './validateReport';

export * from './reportFormat';

/**
 * The health a report implies. The agent publishes exactly this value, and readers refuse a
 * health annotation that disagrees with its report:
 * any failed check → Unhealthy (a broken storage.conf, a store not mounted or not answering);
 * else no layer store configured → NotConfigured; else any warning → Degraded; else Healthy.
 */
export const decideHealth = (
  report: Pick<NodeHealthReport, 'stores' | 'checks'>,
): LazyPullHealth => {
  let warned = false;
  for (const check of report.checks) {
    if (check.status === 'fail') return 'Unhealthy';
    if (check.status === 'warn') warned = true;
  }
  if (report.stores.length === 0) return 'NotConfigured';
  return warned ? 'Degraded' : 'Healthy';
};

/** How old a report may get before a reader calls it stale: three of its own heartbeats. */
export const staleAfterMs = (heartbeatSeconds: number): number =>
  STALE_AFTER_HEARTBEATS * heartbeatSeconds * 1000;

// ---------------------------------------------------------------------------------------------
// Writing

const fits = (report: NodeHealthReport): boolean =>
  utf8ByteLength(JSON.stringify(report)) <= REPORT_MAX_BYTES;

/** Keeps at most `cap` images per store, counting what it drops in `imagesOmitted`. */
const capImages = (report: NodeHealthReport, cap: number): NodeHealthReport => ({
  ...report,
  stores: report.stores.map((store): StoreReport =>
    store.images.length <= cap
      ? store
      : {
          ...store,
          images: store.images.slice(0, cap),
          imagesOmitted: store.imagesOmitted + store.images.length - cap,
        },
  ),
});

const truncateText = (text: string, limit: number): string => {
  if (text.length <= limit) return text;
  let cut = limit - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1; // never split a surrogate pair
  return `${text.slice(0, cut)}…`;
};

const shortenTexts = (report: NodeHealthReport, limit: number): NodeHealthReport => ({
  ...report,
  stores: report.stores.map((store) =>
    store.error === undefined ? store : { ...store, error: truncateText(store.error, limit) },
  ),
  checks: report.checks.map((check) => ({ ...check, message: truncateText(check.message, limit) })),
});

/** Bounds the skeleton's only free-form field, so that the skeleton always fits. */
const MAX_SKELETON_VERSION_LENGTH = 64;

/** What is published when nothing else fits: it says so, and counts as Unhealthy. */
const skeletonOf = (report: NodeHealthReport): NodeHealthReport => ({
  v: report.v,
  at: report.at,
  agentVersion: truncateText(report.agentVersion, MAX_SKELETON_VERSION_LENGTH),
  heartbeatSeconds: report.heartbeatSeconds,
  storageConf: null,
  stores: [],
  checks: [
    {
      id: 'report-size',
      status: 'fail',
      message: `The node's full report exceeded the ${REPORT_MAX_BYTES}-byte annotation limit even when trimmed; see the agent's log.`,
    },
  ],
});

/**
 * The report, trimmed until its JSON fits REPORT_MAX_BYTES, in this order, stopping as soon as
 * it fits: (1) the same cap on every store's image list, as high as fits; (2) check messages and
 * store errors shortened to 160, then 60 characters; (3) passing checks dropped; (4) a skeleton
 * with one failed `report-size` check. Steps 1 to 3 never change the health the report implies.
 */
export const fitReport = (report: NodeHealthReport): NodeHealthReport => {
  if (fits(report)) return report;

  const longestList = Math.max(0, ...report.stores.map((store) => store.images.length));
  let candidate = capImages(report, 0);
  if (fits(candidate)) {
    // Binary search for the highest cap that fits: `low` always fits, `high + 1` never does.
    let low = 0;
    let high = longestList - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (fits(capImages(report, middle))) low = middle;
      else high = middle - 1;
    }
    return capImages(report, low);
  }

  for (const limit of [160, 60]) {
    candidate = shortenTexts(candidate, limit);
    if (fits(candidate)) return candidate;
  }

  const problems: HealthCheck[] = candidate.checks.filter((check) => check.status !== 'pass');
  candidate = { ...candidate, checks: problems };
  if (fits(candidate)) return candidate;

  const skeleton = skeletonOf(report);
  if (!fits(skeleton)) {
    // Only a malformed `at` of kilobytes gets here: a programming error, not a node state.
    throw new RangeError('report skeleton exceeds the annotation limit; is "at" an RFC 3339 time?');
  }
  return skeleton;
};

/**
 * Compact JSON of the report, never larger than REPORT_MAX_BYTES (see fitReport for how it is
 * trimmed). Publish `decideHealth(fitReport(report))` alongside, so the two always agree.
 */
export const serializeReport = (report: NodeHealthReport): string =>
  JSON.stringify(fitReport(report));

// ---------------------------------------------------------------------------------------------
// Reading

/** Why a reader shows a node's lazy-pull state as unknown; `reason` says it for humans. */
export type UnknownStateProblem =
  | 'missing-health'
  | 'missing-report'
  | 'bad-health'
  | 'oversized'
  | 'bad-json'
  | 'unknown-version'
  | 'wrong-type'
  | 'bad-time'
  | 'future-time'
  | 'inconsistent'
  | 'disagree'
  | 'internal';

/**
 * A Node's lazy-pull state, as every reader gets it (the dashboard, the Node tab, the editor's
 * readiness check, the agent reading back what it wrote, the simulated cluster).
 */
export type ParsedLazyPullState =
  /** Neither annotation is present: the agent has never run on this node. */
  | { kind: 'notReported' }
  | {
      kind: 'ok';
      health: LazyPullHealth;
      /** The report, every documented field checked (unknown fields left in place). */
      report: NodeHealthReport;
      /** When the agent checked the node (the report's `at`), as a Date and in ms. */
      checkedAt: Date;
      checkedAtMs: number;
      /** When the report turns stale: STALE_AFTER_HEARTBEATS of its own heartbeats after `at`. */
      staleAtMs: number;
      /** Whether it is stale at the `now` it was read at. */
      stale: boolean;
    }
  | { kind: 'unknown'; problem: UnknownStateProblem; reason: string };

type UnknownState = ParsedLazyPullState & { kind: 'unknown' };

const unknown = (problem: UnknownStateProblem, reason: string): UnknownState => ({
  kind: 'unknown',
  problem,
  reason,
});

const quote = (text: string): string => {
  const shown = JSON.stringify(text);
  return shown.length > 60 ? `${shown.slice(0, 57)}..."` : shown;
};

const formatDuration = (ms: number): string => {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
};

const isJsonSpace = (code: number): boolean =>
  code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

/**
 * Why a text certainly is not JSON, found without parsing it: it is empty, or it opens an object
 * and ends without closing it (an annotation cut short). Otherwise undefined, and JSON.parse
 * decides. Refusing these without an exception matters at thousands of nodes: a failed
 * JSON.parse throws, and in Chromium a throw costs about as much as parsing three whole
 * reports.
 */
export const unclosedObject = (text: string): string | undefined => {
  let first = 0;
  while (first < text.length && isJsonSpace(text.charCodeAt(first))) first += 1;
  if (first === text.length) return 'the text is empty';
  if (text.charCodeAt(first) !== 0x7b /* { */) return undefined;
  let last = text.length - 1;
  while (isJsonSpace(text.charCodeAt(last))) last -= 1;
  return last > first && text.charCodeAt(last) === 0x7d /* } */
    ? undefined
    : `the text ends before the object it opens is closed (${text.length} characters; was it cut short?)`;
};

const NOT_REPORTED: { kind: 'notReported' } = Object.freeze({ kind: 'notReported' });

const isHealthValue = (value: unknown): value is LazyPullHealth =>
  value === 'Healthy' || value === 'Degraded' || value === 'Unhealthy' || value === 'NotConfigured';

const read = (
  annotations: Record<string, string> | undefined | null,
  nowMs: number,
): ParsedLazyPullState => {
  // Own properties only: a key inherited from a prototype is not an annotation.
  const health: unknown = annotations?.[HEALTH_ANNOTATION];
  const text: unknown = annotations?.[REPORT_ANNOTATION];
  const hasHealth = health !== undefined && Object.hasOwn(annotations as object, HEALTH_ANNOTATION);
  const hasReport = text !== undefined && Object.hasOwn(annotations as object, REPORT_ANNOTATION);
  if (!hasHealth && !hasReport) return NOT_REPORTED;
  if (!hasHealth)
    return unknown(
      'missing-health',
      `the ${REPORT_ANNOTATION} annotation is present but ${HEALTH_ANNOTATION} is missing`,
    );
  if (!hasReport)
    return unknown(
      'missing-report',
      `the ${HEALTH_ANNOTATION} annotation is present but ${REPORT_ANNOTATION} is missing`,
    );

  if (!isHealthValue(health)) {
    const shown = typeof health === 'string' ? quote(health) : `a ${typeof health}`;
    return unknown(
      'bad-health',
      `health annotation ${shown} is not one of ${HEALTH_VALUES.join(', ')}`,
    );
  }
  if (typeof text !== 'string')
    return unknown('wrong-type', `report annotation is a ${typeof text}, not a string`);

  // Cheap before exact: most texts are far below the limit even at 3 bytes per character.
  const bytes = text.length * 3 <= REPORT_MAX_BYTES ? 0 : utf8ByteLength(text);
  if (bytes > REPORT_MAX_BYTES) {
    return unknown(
      'oversized',
      `report annotation is ${bytes} bytes, more than the ${REPORT_MAX_BYTES}-byte limit`,
    );
  }

  const cutShort = unclosedObject(text);
  if (cutShort !== undefined)
    return unknown('bad-json', `report annotation is not valid JSON: ${cutShort}`);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return unknown(
      'bad-json',
      `report annotation is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  const validation = validateReport(document);
  if (!validation.ok) return unknown(validation.problem, validation.reason);
  const { report } = validation;

  const checkedAtMs = parseRfc3339(report.at);
  if (checkedAtMs === undefined) {
    return unknown(
      'bad-time',
      `report field "at" should be an RFC 3339 time, but is ${quote(report.at)}`,
    );
  }
  const aheadMs = checkedAtMs - nowMs;
  if (aheadMs > MAX_CLOCK_SKEW_MS) {
    return unknown(
      'future-time',
      `report time ${report.at} is ${formatDuration(aheadMs)} in the future (more than the ${formatDuration(MAX_CLOCK_SKEW_MS)} allowed for clock skew)`,
    );
  }

  const contradiction = reportContradiction(report);
  if (contradiction !== undefined)
    return unknown('inconsistent', `the report contradicts itself: ${contradiction}`);

  const implied = decideHealth(report);
  if (implied !== health) {
    return unknown(
      'disagree',
      `health annotation says ${health} but the report's stores and checks make it ${implied}`,
    );
  }
  const staleAtMs = checkedAtMs + staleAfterMs(report.heartbeatSeconds);
  return {
    kind: 'ok',
    health: implied,
    report,
    checkedAt: new Date(checkedAtMs),
    checkedAtMs,
    staleAtMs,
    stale: nowMs > staleAtMs,
  };
};

/**
 * The one reader of the agent's annotations: a Node's lazy-pull state from its annotations (all
 * of them may be passed), judged at `now` (a Date or ms since the epoch). Never throws: whatever
 * cannot be read is `unknown` with the reason, never healthy.
 */
export const parseNodeAnnotations = (
  annotations: Record<string, string> | undefined | null,
  now: Date | number,
): ParsedLazyPullState => {
  try {
    return read(annotations, typeof now === 'number' ? now : now.getTime());
  } catch (error) {
    return unknown(
      'internal',
      `the annotations could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
};
