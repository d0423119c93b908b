/**
 * The lazy-pulling lab (../shared/lab): a real stargz-store on Debian's stargz-snapshotter
 * library, a local registry with an eStargz image, and podman pulling through the store. This
 * module starts and breaks it, and lays out the host the agent inspects.
 *
 * The agent looks at HOST_ROOT/etc/containers, HOST_ROOT/proc and the store path under
 * HOST_ROOT. The host root here is a directory of its own: its etc/containers holds a
 * storage.conf and registries.conf written for the test (the machine's own are left alone), and
 * its proc and tmp are links to the real /proc and /tmp, where the lab's store is mounted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../../__test-support__/sharedData';

export const LAB = process.env.LAB ?? '/tmp/lab';
export const LAB_SCRIPTS = sharedPath('lab');
export const STORE_MOUNT = `${LAB}/stargz-store/store`;
export const REGISTRY = '127.0.0.1:5000';
export const IMAGE = `${REGISTRY}/lab/hello:estargz`;

/** Why the lab cannot run here, or undefined when it can. */
export const labUnavailable = (): string | undefined => {
  if (!existsSync(join(LAB_SCRIPTS, 'start-lab.sh'))) return `${LAB_SCRIPTS} is absent`;
  if (process.getuid?.() !== 0)
    return 'the lab needs root (it mounts FUSE and runs podman as root)';
  if (!existsSync('/dev/fuse')) return '/dev/fuse is missing';
  return undefined;
};

const script = (name: string, args: string[] = [], timeoutMs = 120_000): string =>
  execFileSync('bash', [join(LAB_SCRIPTS, name), ...args], {
    encoding: 'utf8',
    env: { ...process.env, LAB },
    timeout: timeoutMs,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });

/** The pid a lab daemon recorded, if that process is alive and not a zombie. */
export const labPid = (name: 'stargz-store' | 'registry'): number | undefined => {
  const file = join(LAB, 'run', `${name}.pid`);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z') ? undefined : pid;
  } catch {
    return undefined;
  }
};

/**
 * Starts the lab (building the daemon and installing Debian's packages the first time); says
 * whether it was already running, so that the test stops only what it started.
 */
export const startLab = (): { wasRunning: boolean; output: string } => {
  const wasRunning = labPid('registry') !== undefined;
  // The first run installs packages and builds the daemon: minutes, not seconds.
  return { wasRunning, output: script('start-lab.sh', [LAB], 30 * 60_000) };
};

export const stopLab = (): string => script('stop-lab.sh', [LAB]);

export const isMounted = (path: string): boolean =>
  readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .some((line) => line.split(' ')[4] === path);

/** Stops stargz-store the way a crash would (KILL), cleanly (TERM) or hangs it (STOP); CONT resumes. */
export const signalDaemon = (signal: 'SIGKILL' | 'SIGTERM' | 'SIGSTOP' | 'SIGCONT'): number => {
  const pid = labPid('stargz-store');
  if (pid === undefined) throw new Error('stargz-store is not running');
  process.kill(pid, signal);
  return pid;
};

export interface LabHost {
  /** The agent's HOST_ROOT. */
  root: string;
  /** The storage.conf both podman and the agent read. */
  storageConf: string;
  /** podman's environment: the lab's containers.conf and policy, this host's storage.conf. */
  podmanEnv: NodeJS.ProcessEnv;
}

/**
 * A host root under `dir`: a storage.conf naming the lab's store (podman's storage kept under
 * `dir` too), a registries.conf with the lab's registry and the auth helper a production node
 * sets (podman 4.3 ignores that key), and links to the real /proc and /tmp.
 */
export const createLabHost = (dir: string): LabHost => {
  const root = join(dir, 'host');
  const etc = join(root, 'etc', 'containers');
  mkdirSync(etc, { recursive: true });
  symlinkSync('/proc', join(root, 'proc'));
  symlinkSync('/tmp', join(root, 'tmp'));
  const storageConf = join(etc, 'storage.conf');
  writeFileSync(
    storageConf,
    [
      '[storage]',
      'driver = "overlay"',
      `graphroot = "${join(dir, 'podman', 'graph')}"`,
      `runroot = "${join(dir, 'podman', 'run')}"`,
      '',
      '[storage.options]',
      `additionallayerstores = ["${STORE_MOUNT}:ref"]`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(etc, 'registries.conf'),
    [
      'unqualified-search-registries = []',
      'additional-layer-store-auth-helper = "stargz-store-helper"',
      '',
      '[[registry]]',
      `location = "${REGISTRY}"`,
      'insecure = true',
      '',
    ].join('\n'),
  );
  return {
    root,
    storageConf,
    podmanEnv: {
      ...process.env,
      CONTAINERS_CONF: `${LAB}/etc/containers/containers.conf`,
      CONTAINERS_STORAGE_CONF: storageConf,
      CONTAINERS_REGISTRIES_CONF: join(etc, 'registries.conf'),
    },
  };
};

export const podman = (host: LabHost, args: string[], timeoutMs = 120_000): string => {
  const result = spawnSync('podman', args, {
    env: host.podmanEnv,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (result.status !== 0)
    throw new Error(`podman ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
};

export const SIGNATURE_POLICY = ['--signature-policy', `${LAB}/etc/containers/policy.json`];
