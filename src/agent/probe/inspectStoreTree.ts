/**
 * Everything the agent learns by touching a store's files, in two steps:
 *
 * - the probe: does the store answer, and how fast? It opens the store directory and reads its
 *   first entry, and looks for the plugin's socket. Nothing more, so its time says how the
 *   store answers, whatever the store holds;
 * - the census: which layers and images the store serves. It streams the store directory (a
 *   batch of entries at a time, keeping only counts and a bounded list of references), so a store
 *   of tens of thousands of entries costs time, bounded too, but not memory.
 *
 * Synchronous on purpose: both run in the probe worker, where a hung FUSE call blocks only that
 * worker's own thread (asynchronous fs calls would block one of libuv's four shared pool threads
 * instead, and a few hung stores would starve the whole agent).
 */
import { type Dir, opendirSync, readdirSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { decodeImageRefDirName, isLayerDirName } from './storeEntryNames';

/** Entries the census reads at most (store entries and the layer entries below them together). */
export const DEFAULT_CENSUS_MAX_ENTRIES = 20_000;
/** Time the census may take before it stops counting. */
export const DEFAULT_CENSUS_BUDGET_MS = 2_000;

export interface StoreTreeRequest {
  /** The store directory as the agent sees it (under HOST_ROOT). */
  dir: string;
  /** The plugin's control socket as the agent sees it, or null when the plugin has none known. */
  socketPath: string | null;
  maxImages: number;
  /** Bounds of the census; the defaults above when absent. */
  censusMaxEntries?: number;
  censusBudgetMs?: number;
}

export interface StoreProbeResult {
  /** Whether the store directory could be opened and read. */
  listed: boolean;
  /** errno code (or message) when it could not. */
  error?: string;
  /** Time to open the store directory and read its first entry, 0.1 ms precision; null when it could not. */
  latencyMs: number | null;
  socket: boolean | null;
}

export interface StoreCensus {
  layers: number;
  /** Sorted references of the images with at least one layer, at most maxImages. */
  images: string[];
  /** How many such images were counted in all. */
  imagesTotal: number;
  /** Entries whose names are not base64 image references. */
  unknownEntries: number;
  /** The census stopped at its bound or on an error: the counts are lower bounds. */
  partial: boolean;
  /** Why it stopped early, when it did. */
  stoppedBecause?: string;
}

export type StoreTreeInspection = StoreProbeResult & StoreCensus;

const codeOf = (error: unknown): string =>
  (error as NodeJS.ErrnoException | undefined)?.code ??
  (error instanceof Error ? error.message : String(error));

const socketExists = (socketPath: string | null): boolean | null => {
  if (socketPath === null) return null;
  try {
    return statSync(socketPath).isSocket();
  } catch {
    return false;
  }
};

const closeQuietly = (dir: Dir) => {
  try {
    dir.closeSync();
  } catch {
    // Closing a directory of a dead mount can fail too; there is nothing left to release.
  }
};

export const probeStore = (
  request: Pick<StoreTreeRequest, 'dir' | 'socketPath'>,
): StoreProbeResult => {
  const socket = socketExists(request.socketPath);
  const started = performance.now();
  try {
    const dir = opendirSync(request.dir);
    try {
      dir.readSync();
    } finally {
      closeQuietly(dir);
    }
  } catch (error) {
    return { listed: false, error: codeOf(error), latencyMs: null, socket };
  }
  return { listed: true, latencyMs: Math.round((performance.now() - started) * 10) / 10, socket };
};

/** Keeps the `max` smallest references in order, without holding the others. */
const keepSmallest = (list: string[], reference: string, max: number): void => {
  if (max === 0 || (list.length === max && reference >= list[max - 1])) return;
  let at = list.length;
  while (at > 0 && list[at - 1] > reference) at -= 1;
  list.splice(at, 0, reference);
  if (list.length > max) list.pop();
};

class CensusStop extends Error {}

export const censusStore = (request: StoreTreeRequest): StoreCensus => {
  const maxEntries = request.censusMaxEntries ?? DEFAULT_CENSUS_MAX_ENTRIES;
  const budgetMs = request.censusBudgetMs ?? DEFAULT_CENSUS_BUDGET_MS;
  const deadline = performance.now() + budgetMs;
  let visited = 0;
  const visit = () => {
    visited += 1;
    if (visited > maxEntries) throw new CensusStop(`it read ${maxEntries} entries`);
    // The clock is read every 64 entries: often enough for the budget, cheap otherwise.
    if ((visited & 63) === 0 && performance.now() > deadline)
      throw new CensusStop(`it took ${budgetMs} ms`);
  };

  const census: StoreCensus = {
    layers: 0,
    images: [],
    imagesTotal: 0,
    unknownEntries: 0,
    partial: false,
  };
  // An image directory holds one entry per layer, a handful: read at once, it is three times
  // cheaper than streamed, and its entries still count against the bound.
  const countLayers = (path: string): number => {
    let names: string[];
    try {
      names = readdirSync(path);
    } catch {
      return 0; // Not a directory, or vanished: not an image the store serves.
    }
    let count = 0;
    try {
      for (const name of names) {
        visit();
        if (isLayerDirName(name)) count += 1;
      }
    } finally {
      census.layers += count;
    }
    return count;
  };

  let top: Dir | undefined;
  try {
    top = opendirSync(request.dir, { bufferSize: 256 });
    for (let entry = top.readSync(); entry !== null; entry = top.readSync()) {
      visit();
      const reference = decodeImageRefDirName(entry.name);
      const layers = countLayers(`${request.dir}/${entry.name}`);
      if (reference === undefined) census.unknownEntries += 1;
      else if (layers > 0) {
        census.imagesTotal += 1;
        keepSmallest(census.images, reference, request.maxImages);
      }
    }
  } catch (error) {
    census.partial = true;
    census.stoppedBecause = error instanceof CensusStop ? error.message : codeOf(error);
  } finally {
    if (top !== undefined) closeQuietly(top);
  }
  return census;
};

/** The census of a store that was not counted. */
export const EMPTY_CENSUS: StoreCensus = {
  layers: 0,
  images: [],
  imagesTotal: 0,
  unknownEntries: 0,
  partial: false,
};

/** Both steps in one call, as the worker runs them (for callers that need no timeout). */
export const inspectStoreTree = (request: StoreTreeRequest): StoreTreeInspection => {
  const probe = probeStore(request);
  return { ...probe, ...(probe.listed ? censusStore(request) : EMPTY_CENSUS) };
};
