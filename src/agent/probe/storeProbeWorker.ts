/**
 * The probe worker's side: answers one StoreTreeRequest at a time, in two replies: the probe
 * (does the store answer, and how fast), then, when it answered, the census (what it serves).
 * The agent's bundle is a single file, so the same file starts either the agent or, inside a
 * worker, this loop (see main.ts); the role in workerData tells them apart.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  censusStore,
  probeStore,
  type StoreCensus,
  type StoreProbeResult,
  type StoreTreeRequest,
} from './inspectStoreTree';

export const STORE_PROBE_WORKER_ROLE = 'lazy-pull-store-probe';

export interface ProbeMessage {
  id: number;
  request: StoreTreeRequest;
}

export type ProbeReply =
  | { id: number; phase: 'probed'; probe: StoreProbeResult }
  | { id: number; phase: 'counted'; census: StoreCensus };

/** Sent once the worker listens, so that its start-up never counts against a probe's timeout. */
export const PROBE_WORKER_READY = 'ready';

export const isStoreProbeWorker = (): boolean =>
  !isMainThread && (workerData as { role?: unknown } | null)?.role === STORE_PROBE_WORKER_ROLE;

export const serveStoreProbes = (): void => {
  const port = parentPort;
  if (port === null) throw new Error('serveStoreProbes must run in a worker thread');
  port.on('message', ({ id, request }: ProbeMessage) => {
    const probe = probeStore(request);
    port.postMessage({ id, phase: 'probed', probe } satisfies ProbeReply);
    if (probe.listed)
      port.postMessage({ id, phase: 'counted', census: censusStore(request) } satisfies ProbeReply);
  });
  port.postMessage(PROBE_WORKER_READY);
};
