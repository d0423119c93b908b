/**
 * Whether a storage plugin's daemon runs on the host, from whichever of two sources the agent
 * can read:
 *
 * - the host's /proc, when the agent runs on the host itself (`--host-root /`): the comm of every
 *   live process (the executable's name cut to 15 characters, enough for `stargz-store`). A killed
 *   daemon stays a zombie until its parent reaps it, with its comm intact, so a process in state
 *   Z does not count;
 * - the daemon's systemd unit, in the DaemonSet: the pod mounts the host's
 *   /sys/fs/cgroup/system.slice rather than its /proc (whose per-process links reach into other
 *   containers), and a unit runs while its cgroup holds a process.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { type HostFileRead, inHostRoot } from './hostFiles';

export const PROC_DIR = '/proc';
export const UNIT_CGROUP_DIR = '/sys/fs/cgroup/system.slice';

export type HostProcesses =
  /** Names of the live processes among those asked for. */
  | { kind: 'proc'; running: Set<string> }
  /**
   * The agent's view of the host's system.slice cgroups: reads a unit's cgroup.procs, `missing`
   * when the unit has no cgroup.
   */
  | { kind: 'cgroup'; readUnitProcs(unit: string): HostFileRead }
  | { kind: 'unreadable'; error: string };

export type ProcessFinding =
  /** `evidence` is a sentence without its full stop. */
  | { kind: 'running'; evidence: string }
  | { kind: 'notRunning'; evidence: string }
  | { kind: 'unknown'; reason: string }
  /** The plugin is not known, so there is nothing to look for. */
  | { kind: 'notApplicable' };

const codeOf = (error: unknown): string =>
  (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);

/** The state letter of /proc/<pid>/stat: the field after the command, which may hold spaces. */
export const processState = (stat: string): string | undefined => {
  const close = stat.lastIndexOf(')');
  const state = close === -1 ? '' : stat.charAt(close + 2);
  return /^[A-Za-z]$/.test(state) ? state : undefined;
};

const readProc = (proc: string, wanted: ReadonlySet<string>): Set<string> | undefined => {
  let entries: string[];
  try {
    entries = readdirSync(proc);
  } catch {
    return undefined;
  }
  const running = new Set<string>();
  let readable = false;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let comm: string;
    try {
      comm = readFileSync(`${proc}/${entry}/comm`, 'utf8').trim();
      readable = true;
    } catch {
      // Ended between listing and reading, or not a process directory at all.
      continue;
    }
    if (!wanted.has(comm) || running.has(comm)) continue;
    try {
      if (processState(readFileSync(`${proc}/${entry}/stat`, 'utf8')) !== 'Z') running.add(comm);
    } catch {
      // Ended meanwhile.
    }
  }
  return readable ? running : undefined;
};

const readUnitProcs =
  (dir: string) =>
  (unit: string): HostFileRead => {
    try {
      return { kind: 'read', text: readFileSync(`${dir}/${unit}/cgroup.procs`, 'utf8') };
    } catch (error) {
      const code = codeOf(error);
      return code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', error: code };
    }
  };

/** Looks for the named processes; `wanted` are the comm names of the configured plugins. */
export const readHostProcesses = (hostRoot: string, wanted: ReadonlySet<string>): HostProcesses => {
  const running = readProc(inHostRoot(hostRoot, PROC_DIR), wanted);
  if (running !== undefined) return { kind: 'proc', running };
  const dir = inHostRoot(hostRoot, UNIT_CGROUP_DIR);
  try {
    if (statSync(dir).isDirectory()) return { kind: 'cgroup', readUnitProcs: readUnitProcs(dir) };
    return { kind: 'unreadable', error: `${UNIT_CGROUP_DIR} is not a directory` };
  } catch (error) {
    return {
      kind: 'unreadable',
      error: `neither ${PROC_DIR} nor ${UNIT_CGROUP_DIR} is readable (${codeOf(error)})`,
    };
  }
};

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 'es'}`;

export const findPluginProcess = (
  processes: HostProcesses,
  plugin: { processName: string | null; unit: string | null },
): ProcessFinding => {
  if (plugin.processName === null && plugin.unit === null) return { kind: 'notApplicable' };
  switch (processes.kind) {
    case 'unreadable':
      return { kind: 'unknown', reason: processes.error };
    case 'proc': {
      const name = plugin.processName;
      if (name === null) return { kind: 'unknown', reason: 'the name of its process is not known' };
      return processes.running.has(name)
        ? { kind: 'running', evidence: `A ${name} process runs on the host` }
        : { kind: 'notRunning', evidence: `No ${name} process runs on the host` };
    }
    case 'cgroup': {
      const unit = plugin.unit;
      // No unit is known for this plugin (nydus-store): nothing to look for, rather than a
      // warning on every such node.
      if (unit === null) return { kind: 'notApplicable' };
      const procs = processes.readUnitProcs(unit);
      if (procs.kind === 'missing')
        return {
          kind: 'notRunning',
          evidence: `The unit ${unit} is not running (it has no cgroup)`,
        };
      if (procs.kind === 'unreadable')
        return { kind: 'unknown', reason: `${unit}'s cgroup could not be read (${procs.error})` };
      const count = procs.text.split('\n').filter((line) => line.trim() !== '').length;
      return count > 0
        ? { kind: 'running', evidence: `The unit ${unit} runs ${plural(count, 'process')}` }
        : { kind: 'notRunning', evidence: `The unit ${unit} has no processes` };
    }
  }
};
