/**
 * Everything the agent learns by touching a store's files: whether it lists, how fast, which
 * layers and images it serves, and whether the plugin's socket exists. Synchronous on purpose:
 * it runs in the probe worker, where a hung FUSE call blocks only that worker's own thread
 * (asynchronous fs calls would block one of libuv's four shared pool threads instead, and a few
 * hung stores would starve the whole agent).
 */
import { readdirSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { decodeImageRefDirName, isLayerDirName } from './storeEntryNames';

export interface StoreTreeRequest {
  /** The store directory as the agent sees it (under HOST_ROOT). */
  dir: string;
  /** The plugin's control socket as the agent sees it, or null when the plugin has none known. */
  socketPath: string | null;
  maxImages: number;
}

export interface StoreTreeInspection {
  /** Whether the store directory could be listed. */
  listed: boolean;
  /** errno code (or message) when it could not. */
  error?: string;
  /** Time to list the store directory, 0.1 ms precision; null when it could not be listed. */
  latencyMs: number | null;
  layers: number;
  /** Sorted references of the images with at least one layer, at most maxImages. */
  images: string[];
  /** How many such images there are in all. */
  imagesTotal: number;
  /** Entries whose names are not base64 image references. */
  unknownEntries: number;
  socket: boolean | null;
}

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

export const inspectStoreTree = (request: StoreTreeRequest): StoreTreeInspection => {
  const socket = socketExists(request.socketPath);
  const started = performance.now();
  let entries: string[];
  try {
    entries = readdirSync(request.dir);
  } catch (error) {
    return {
      listed: false,
      error: codeOf(error),
      latencyMs: null,
      layers: 0,
      images: [],
      imagesTotal: 0,
      unknownEntries: 0,
      socket,
    };
  }
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;

  let layers = 0;
  let unknownEntries = 0;
  const images: string[] = [];
  for (const entry of entries) {
    const reference = decodeImageRefDirName(entry);
    let layerCount = 0;
    try {
      for (const name of readdirSync(`${request.dir}/${entry}`))
        if (isLayerDirName(name)) layerCount += 1;
    } catch {
      // Not a directory, or vanished: not an image the store serves.
    }
    layers += layerCount;
    if (reference === undefined) unknownEntries += 1;
    else if (layerCount > 0) images.push(reference);
  }
  images.sort();
  return {
    listed: true,
    latencyMs,
    layers,
    images: images.slice(0, request.maxImages),
    imagesTotal: images.length,
    unknownEntries,
    socket,
  };
};
