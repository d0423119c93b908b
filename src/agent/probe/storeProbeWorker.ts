/**
 * The probe worker's side: answers one StoreTreeRequest at a time. The agent's bundle is a
 * single file, so the same file starts either the agent or, inside a worker, this loop (see
 * main.ts); the role in workerData tells them apart.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  inspectStoreTree,
  type StoreTreeInspection,
  type StoreTreeRequest,
} from './inspectStoreTree';

export const STORE_PROBE_WORKER_ROLE = 'lazy-pull-store-probe';

export interface ProbeMessage {
  id: number;
  request: StoreTreeRequest;
}

export interface ProbeReply {
  id: number;
  inspection: StoreTreeInspection;
}

/** Sent once the worker listens, so that its start-up never counts against a probe's timeout. */
export const PROBE_WORKER_READY = 'ready';

export const isStoreProbeWorker = (): boolean =>
  !isMainThread && (workerData as { role?: unknown } | null)?.role === STORE_PROBE_WORKER_ROLE;

export const serveStoreProbes = (): void => {
  const port = parentPort;
  if (port === null) throw new Error('serveStoreProbes must run in a worker thread');
  port.on('message', ({ id, request }: ProbeMessage) => {
    const reply: ProbeReply = { id, inspection: inspectStoreTree(request) };
    port.postMessage(reply);
  });
  port.postMessage(PROBE_WORKER_READY);
};
