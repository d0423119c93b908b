import { parseRfc3339 } from '../health/rfc3339';
import { parseGoDuration } from './goDuration';

/**
 * The kubelet's image events (core/v1 Events, reason and message as its image manager writes
 * them, Kubernetes 1.35), read into facts. Messages are matched whole: a wording this file does
 * not know is `unreadable`, never a pull of zero seconds or zero bytes.
 *
 * - `Pulled`: `Successfully pulled image %q in %v (%v including waiting). Image size: %v bytes.`
 *   The first duration is the runtime's own pull, the second the kubelet's wait for a pull slot
 *   plus the pull. Older kubelets wrote `… in %v (%v including waiting)` and, before that,
 *   `… in %v` alone; what a message does not say stays null.
 * - `Pulled` also says `Container image %q already present on machine` (newer kubelets add
 *   ` and can be accessed by the pod`): no pull happened, so it is `present`, not a pull.
 * - `Pulling`: `Pulling image %q`.
 * - `Failed`: `Failed to pull image %q: <error>`; the same reason also carries the container's
 *   `Error: ErrImagePull` and many unrelated failures, which are `foreign`.
 * - `BackOff`: `Back-off pulling image %q` (the same reason also says `Back-off restarting failed
 *   container …`, foreign here).
 *
 * - `Starting` on the Node: `Starting kubelet.`, the kubelet's first event after it starts (after a
 *   reboot, say): pulls before it may have run with another configuration.
 *
 * The client-side event correlator may combine similar events into one whose message starts with
 * `(combined from similar events): ` and holds the last one; the prefix is read past.
 */

/** The parts of a core/v1 Event this reads; everything is optional, as in any API answer. */
export interface CoreEvent {
  metadata?: { name?: string; namespace?: string; uid?: string; creationTimestamp?: string };
  involvedObject?: { kind?: string; name?: string; namespace?: string };
  reason?: string;
  message?: string;
  type?: string;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingInstance?: string;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  count?: number;
}

export interface PullFact {
  kind: 'pulled';
  node: string | null;
  image: string;
  /** The runtime's pull, in ms. */
  durationMs: number;
  /** The pull including the wait for a pull slot, in ms; null when the message does not say. */
  waitingMs: number | null;
  /** Bytes; null when the message does not say (or says 0, which no image is). */
  sizeBytes: number | null;
  atMs: number | null;
}

export interface PresentFact {
  kind: 'present';
  node: string | null;
  image: string;
  atMs: number | null;
}

export interface FailureFact {
  kind: 'failed' | 'backoff';
  node: string | null;
  image: string;
  atMs: number | null;
}

export interface PullingFact {
  kind: 'pulling';
  node: string | null;
  image: string;
  atMs: number | null;
}

/** The kubelet started on the node (its `Starting kubelet.` event). */
export interface StartedFact {
  kind: 'started';
  node: string | null;
  atMs: number | null;
}

/**
 * Why an image event was not read, as a code each reader words in its own language:
 * - `image`: the image reference is not a quoted, non-empty string;
 * - `duration`: `value` is not a Go duration (or is negative);
 * - `pulled`, `starting`, `pulling`: the message is none the kubelet writes for that reason.
 */
export type UnreadableProblem =
  | { code: 'image' }
  | { code: 'duration'; value: string }
  | { code: 'pulled' }
  | { code: 'starting' }
  | { code: 'pulling' };

export interface UnreadableFact {
  kind: 'unreadable';
  node: string | null;
  reason: string;
  message: string;
  /** Why it was not read. */
  problem: UnreadableProblem;
  atMs: number | null;
}

/** An event that is not about pulling an image (a reason this does not read, or another source). */
export interface ForeignFact {
  kind: 'foreign';
}

export type ImageEventFact =
  PullFact | PresentFact | FailureFact | PullingFact | StartedFact | UnreadableFact | ForeignFact;

/** The reasons read here. */
export const IMAGE_EVENT_REASONS = ['Pulled', 'Pulling', 'Failed', 'BackOff', 'Starting'] as const;

/**
 * The field selectors of the watches that bring the events read here: the API server selects
 * core/v1 Events on `reason`, `source`, `type`, `involvedObject.*`, `reportingComponent` and
 * metadata, one value per field (no `in`), so each reason is a watch of its own. `Pulling` is left
 * out: the `Pulled` message holds the whole pull.
 */
export const PULL_EVENT_SELECTORS = [
  'reason=Pulled,source=kubelet,involvedObject.kind=Pod',
  'reason=Failed,source=kubelet,involvedObject.kind=Pod',
  'reason=BackOff,source=kubelet,involvedObject.kind=Pod',
  'reason=Starting,source=kubelet,involvedObject.kind=Node',
] as const;

const COMBINED_PREFIX = '(combined from similar events): ';

/** A Go `%q` string: a double-quoted string with backslash escapes. */
const QUOTED = String.raw`"((?:[^"\\]|\\.)*)"`;
const DURATION = String.raw`([^\s()]+)`;

const PULLED = new RegExp(
  String.raw`^Successfully pulled image ${QUOTED} in ${DURATION}(?: \(${DURATION} including waiting\)(?:\. Image size: (\d+) bytes\.)?)?$`,
);
const PRESENT = new RegExp(
  String.raw`^Container image ${QUOTED} already present on machine(?: and can be accessed by the pod)?$`,
);
const PULLING = new RegExp(String.raw`^Pulling image ${QUOTED}$`);
const STARTING = 'Starting kubelet.';
const FAILED = new RegExp(String.raw`^Failed to pull image ${QUOTED}: [\s\S]*$`);
const BACKOFF = new RegExp(String.raw`^Back-off pulling image ${QUOTED}$`);

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  n: '\n',
  t: '\t',
  r: '\r',
};

/** The text of a Go-quoted string; null for an escape an image reference cannot hold. */
const unquote = (body: string): string | null => {
  let ok = true;
  const text = body.replace(/\\(.)/g, (_, c: string) => {
    const plain = ESCAPES[c];
    if (plain === undefined) ok = false;
    return plain ?? '';
  });
  return ok ? text : null;
};

const timeMs = (text: string | null | undefined): number | null => {
  if (typeof text !== 'string' || text === '') return null;
  return parseRfc3339(text) ?? null;
};

/**
 * When the event last happened: lastTimestamp, else eventTime, else the object's creation (the
 * first of them that is an RFC 3339 time).
 */
export const eventTimeMs = (event: CoreEvent): number | null =>
  timeMs(event.lastTimestamp) ??
  timeMs(event.eventTime) ??
  timeMs(event.metadata?.creationTimestamp);

/** The node a kubelet event came from: source.host, else reportingInstance. */
export const eventNode = (event: CoreEvent): string | null => {
  const host = event.source?.host;
  if (typeof host === 'string' && host !== '') return host;
  const instance = event.reportingInstance;
  return typeof instance === 'string' && instance !== '' ? instance : null;
};

const fromKubelet = (event: CoreEvent): boolean => {
  const component = event.source?.component || event.reportingComponent;
  return component === 'kubelet';
};

/** Reads one event; see the file's comment for what each outcome means. */
export const readImageEvent = (event: CoreEvent): ImageEventFact => {
  const reason = event.reason;
  if (
    typeof reason !== 'string' ||
    !(IMAGE_EVENT_REASONS as readonly string[]).includes(reason) ||
    !fromKubelet(event)
  ) {
    return { kind: 'foreign' };
  }
  const node = eventNode(event);
  const atMs = eventTimeMs(event);
  const raw = typeof event.message === 'string' ? event.message : '';
  const message = raw.startsWith(COMBINED_PREFIX) ? raw.slice(COMBINED_PREFIX.length) : raw;
  const unreadable = (problem: UnreadableProblem): UnreadableFact => ({
    kind: 'unreadable',
    node,
    reason,
    message: raw,
    problem,
    atMs,
  });
  const imageOf = (quoted: string): string | null => {
    const image = unquote(quoted);
    return image === null || image === '' ? null : image;
  };

  if (reason === 'Pulled') {
    const pulled = PULLED.exec(message);
    if (pulled) {
      const image = imageOf(pulled[1]);
      if (image === null) return unreadable({ code: 'image' });
      const durationMs = parseGoDuration(pulled[2]);
      if (durationMs === null || durationMs < 0)
        return unreadable({ code: 'duration', value: pulled[2] });
      let waitingMs: number | null = null;
      if (pulled[3] !== undefined) {
        waitingMs = parseGoDuration(pulled[3]);
        if (waitingMs === null || waitingMs < 0)
          return unreadable({ code: 'duration', value: pulled[3] });
      }
      let sizeBytes: number | null = null;
      if (pulled[4] !== undefined) {
        const size = Number(pulled[4]);
        sizeBytes = Number.isSafeInteger(size) && size > 0 ? size : null;
      }
      return { kind: 'pulled', node, image, durationMs, waitingMs, sizeBytes, atMs };
    }
    const present = PRESENT.exec(message);
    if (present) {
      const image = imageOf(present[1]);
      return image === null
        ? unreadable({ code: 'image' })
        : { kind: 'present', node, image, atMs };
    }
    return unreadable({ code: 'pulled' });
  }
  if (reason === 'Starting') {
    if (event.involvedObject?.kind !== 'Node') return { kind: 'foreign' };
    return message === STARTING
      ? { kind: 'started', node, atMs }
      : unreadable({ code: 'starting' });
  }
  if (reason === 'Pulling') {
    const pulling = PULLING.exec(message);
    const image = pulling ? imageOf(pulling[1]) : null;
    return image === null
      ? unreadable({ code: 'pulling' })
      : { kind: 'pulling', node, image, atMs };
  }
  const failure = (reason === 'Failed' ? FAILED : BACKOFF).exec(message);
  if (!failure) return { kind: 'foreign' };
  const image = imageOf(failure[1]);
  return image === null
    ? unreadable({ code: 'image' })
    : { kind: reason === 'Failed' ? 'failed' : 'backoff', node, image, atMs };
};

/**
 * readImageEvent with a memory per event object: the console's watch hands back the same object
 * for an event that did not change, so each event is read once however often the list updates.
 */
export const createImageEventReader = (): ((event: CoreEvent) => ImageEventFact) => {
  const read = new WeakMap<CoreEvent, ImageEventFact>();
  return (event) => {
    let fact = read.get(event);
    if (fact === undefined) {
      fact = readImageEvent(event);
      read.set(event, fact);
    }
    return fact;
  };
};
