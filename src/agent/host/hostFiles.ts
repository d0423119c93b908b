/**
 * Reading the host's files through the read-only mount of its root (HOST_ROOT). Only for files
 * that live on ordinary filesystems (/etc, /proc): store paths, which may be hung FUSE mounts,
 * are touched only by the probe worker.
 *
 * Reads are synchronous on purpose: they are a handful of small local files per check, and
 * synchronous reads keep them off libuv's shared thread pool.
 */
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { posix } from 'node:path';

export type HostFileRead =
  { kind: 'read'; text: string } | { kind: 'missing' } | { kind: 'unreadable'; error: string };

export type HostDirListing =
  { kind: 'listed'; names: string[] } | { kind: 'missing' } | { kind: 'unreadable'; error: string };

/** Larger files are refused rather than read: config files are kilobytes. */
export const MAX_HOST_FILE_BYTES = 1024 * 1024;

/**
 * Where a host path is seen inside the agent's container. The path is resolved against the
 * host's / first, so that `..` in a file the agent reads can never lead outside HOST_ROOT.
 */
export const inHostRoot = (hostRoot: string, hostPath: string): string =>
  posix.join(hostRoot, posix.normalize(`/${hostPath}`));

const errorCode = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
};

const isMissing = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** Reads a host file as UTF-8; /proc files report no size, so read until end, up to the bound. */
export const readHostFile = (
  hostRoot: string,
  hostPath: string,
  maxBytes = MAX_HOST_FILE_BYTES,
): HostFileRead => {
  let fd: number;
  try {
    fd = openSync(inHostRoot(hostRoot, hostPath), 'r');
  } catch (error) {
    return isMissing(error) ? { kind: 'missing' } : { kind: 'unreadable', error: errorCode(error) };
  }
  try {
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, 64 * 1024));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      total += read;
      if (total > maxBytes) return { kind: 'unreadable', error: `larger than ${maxBytes} bytes` };
      chunks.push(Buffer.from(buffer.subarray(0, read)));
    }
    return { kind: 'read', text: Buffer.concat(chunks).toString('utf8') };
  } catch (error) {
    return { kind: 'unreadable', error: errorCode(error) };
  } finally {
    closeSync(fd);
  }
};

export const listHostDir = (hostRoot: string, hostPath: string): HostDirListing => {
  try {
    return { kind: 'listed', names: readdirSync(inHostRoot(hostRoot, hostPath)) };
  } catch (error) {
    return isMissing(error) ? { kind: 'missing' } : { kind: 'unreadable', error: errorCode(error) };
  }
};
