/**
 * Host trees in temporary directories: what the agent would see under HOST_ROOT on a node.
 * Store directories are plain directories; "mounted" is what the fake /proc/1/mountinfo says.
 * The real daemon's behaviour is tested on the lab's stargz-store (src/agent/lab/).
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface StoreImage {
  ref: string;
  layers: number;
  /** How the directory name is encoded; stargz-store's own choice is not documented. */
  encoding?: 'base64' | 'base64url';
}

export interface StoreSpec {
  /** Host path, e.g. /var/lib/stargz-store/store. */
  path: string;
  images?: StoreImage[];
  /** Entries that are not base64 image references. */
  strayEntries?: string[];
  /** Create stargz-store's control socket, /var/lib/stargz-store/store.sock, as a real socket file. */
  socket?: boolean;
}

export interface HostTreeSpec {
  /** Text of /etc/containers/storage.conf; undefined leaves it out. */
  storageConf?: string;
  registriesConf?: string;
  registriesDropIns?: Record<string, string>;
  /** Text of /proc/1/mountinfo; undefined leaves it out. */
  mountinfo?: string;
  /** Host processes by comm name; PIDs are made up. */
  processes?: string[];
  /** Processes that exited and wait to be reaped (state Z), by comm name. */
  zombies?: string[];
  /** Leave out /proc entirely, as the DaemonSet does (it mounts no host /proc). */
  noProc?: boolean;
  /** systemd units under /sys/fs/cgroup/system.slice, with the PIDs their cgroup.procs lists. */
  units?: Record<string, number[]>;
  stores?: StoreSpec[];
}

export const storageConfNaming = (layerStores: string[], imageStores: string[] = []): string =>
  [
    '[storage]',
    '  driver = "overlay"',
    '  graphroot = "/var/lib/containers/storage"',
    '  [storage.options]',
    imageStores.length > 0
      ? `    additionalimagestores = [${imageStores.map((p) => JSON.stringify(p)).join(', ')}]`
      : '',
    `    additionallayerstores = [${layerStores.map((p) => JSON.stringify(`${p}:ref`)).join(', ')}]`,
    '',
  ].join('\n');

let mountId = 100;
/** One mountinfo line; spaces in the mount point are escaped as the kernel does. */
export const mountinfoLine = (mountPoint: string, fsType: string, source = fsType): string => {
  mountId += 1;
  const escaped = mountPoint.replace(/ /g, '\\040');
  return `${mountId} 1 0:${mountId} / ${escaped} ro,nosuid,nodev,relatime shared:${mountId} - ${fsType} ${source} ro,user_id=0,group_id=0,allow_other`;
};

export const BASE_MOUNTS = [
  '1 0 253:0 / / rw,relatime shared:1 - xfs /dev/sda4 rw',
  '22 1 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw',
  '30 1 253:0 /ostree/deploy/rhcos/var /var rw,relatime shared:4 - xfs /dev/sda4 rw',
];

export const mountinfoWith = (...lines: string[]): string =>
  [...BASE_MOUNTS, ...lines, ''].join('\n');

export const encodeRef = (ref: string, encoding: 'base64' | 'base64url' = 'base64url'): string =>
  Buffer.from(ref).toString(encoding);

export const fakeDigest = (seed: string, index: number): string =>
  `sha256:${createHash('sha256').update(`${seed}/${index}`).digest('hex')}`;

/** A real socket file that outlives its server: a hard link survives the server's unlink. */
const makeSocketFile = async (path: string): Promise<void> => {
  // Beside its final name: a hard link cannot cross filesystems.
  const scratch = join(
    dirname(path),
    `.sock-${process.pid}-${Math.random().toString(36).slice(2)}`,
  );
  const server = createServer().listen(scratch);
  await once(server, 'listening');
  linkSync(scratch, path);
  server.close();
  await once(server, 'close');
};

export interface HostTree {
  root: string;
  /** The path under the tree where a host path is. */
  at(hostPath: string): string;
  write(hostPath: string, text: string): void;
  remove(hostPath: string): void;
  cleanup(): void;
}

export const createHostTree = async (spec: HostTreeSpec, baseDir = tmpdir()): Promise<HostTree> => {
  const root = mkdtempSync(join(baseDir, 'lazy-pull-host-'));
  const at = (hostPath: string) => join(root, hostPath);
  const write = (hostPath: string, text: string) => {
    mkdirSync(dirname(at(hostPath)), { recursive: true });
    writeFileSync(at(hostPath), text);
  };
  if (spec.storageConf !== undefined) write('/etc/containers/storage.conf', spec.storageConf);
  if (spec.registriesConf !== undefined)
    write('/etc/containers/registries.conf', spec.registriesConf);
  for (const [name, text] of Object.entries(spec.registriesDropIns ?? {})) {
    write(`/etc/containers/registries.conf.d/${name}`, text);
  }
  if (spec.mountinfo !== undefined) write('/proc/1/mountinfo', spec.mountinfo);
  const process = (pid: number, name: string, state: string) => {
    write(`/proc/${pid}/comm`, `${name}\n`);
    write(`/proc/${pid}/stat`, `${pid} (${name}) ${state} 1 ${pid} ${pid} 0 -1 4194560 0 0\n`);
  };
  if (spec.noProc !== true) {
    process(1, 'systemd', 'S');
    (spec.processes ?? []).forEach((name, i) => process(1000 + i, name, 'S'));
    (spec.zombies ?? []).forEach((name, i) => process(2000 + i, name, 'Z'));
    mkdirSync(at('/proc/self'), { recursive: true }); // not a PID: must be ignored
  }
  for (const [unit, pids] of Object.entries(spec.units ?? {}))
    write(
      `/sys/fs/cgroup/system.slice/${unit}/cgroup.procs`,
      pids.map((pid) => `${pid}\n`).join(''),
    );
  for (const store of spec.stores ?? []) {
    mkdirSync(at(store.path), { recursive: true });
    for (const image of store.images ?? []) {
      const imageDir = join(at(store.path), encodeRef(image.ref, image.encoding));
      mkdirSync(imageDir, { recursive: true });
      for (let i = 0; i < image.layers; i += 1) {
        const layer = join(imageDir, fakeDigest(image.ref, i));
        mkdirSync(layer);
        for (const file of ['diff', 'info', 'blob']) {
          if (file === 'diff') mkdirSync(join(layer, file));
          else writeFileSync(join(layer, file), '');
        }
      }
    }
    for (const stray of store.strayEntries ?? [])
      mkdirSync(join(at(store.path), stray), { recursive: true });
    if (store.socket === true) {
      mkdirSync(at('/var/lib/stargz-store'), { recursive: true });
      await makeSocketFile(at(STARGZ_SOCKET));
    }
  }
  return {
    root,
    at,
    write,
    remove: (hostPath) => rmSync(at(hostPath), { recursive: true, force: true }),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
};

export const STARGZ_STORE = '/var/lib/stargz-store/store';
export const STARGZ_SOCKET = '/var/lib/stargz-store/store.sock';

/** A node where everything is right: one stargz store, mounted, serving two images. */
export const healthyNodeSpec = (): HostTreeSpec => ({
  storageConf: storageConfNaming([STARGZ_STORE]),
  registriesConf: 'additional-layer-store-auth-helper = "stargz-store-helper"\n',
  // As the lab's stargz-store shows it (../shared/lab/README.md).
  mountinfo: mountinfoWith(mountinfoLine(STARGZ_STORE, 'fuse.rawBridge', 'stargzstore')),
  processes: ['systemd-journal', 'crio', 'stargz-store', 'kubelet'],
  stores: [
    {
      path: STARGZ_STORE,
      socket: true,
      images: [
        { ref: 'quay.io/example/vllm:0.6-estargz', layers: 3 },
        { ref: 'ghcr.io/stargz-containers/python:3.7-esgz', layers: 2, encoding: 'base64' },
      ],
    },
  ],
});
