/**
 * Names of the host's processes, from /proc/<pid>/comm through the host's /proc. comm is the
 * executable's name cut to 15 characters, which is enough for `stargz-store` and `nydus-store`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { inHostRoot } from './hostFiles';

export type ProcessNames =
  { kind: 'read'; names: Set<string> } | { kind: 'unreadable'; error: string };

export const readHostProcessNames = (hostRoot: string): ProcessNames => {
  const proc = inHostRoot(hostRoot, '/proc');
  let entries: string[];
  try {
    entries = readdirSync(proc);
  } catch (error) {
    return { kind: 'unreadable', error: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  const names = new Set<string>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      names.add(readFileSync(`${proc}/${entry}/comm`, 'utf8').trim());
    } catch {
      // The process ended between listing and reading: nothing to report.
    }
  }
  return { kind: 'read', names };
};
