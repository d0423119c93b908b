/**
 * The rendered storage.conf read by a real containers/storage parser: Debian's podman, through
 * `CONTAINERS_STORAGE_CONF=<file> podman info`.
 *
 * The files are rendered by renderStorageConf and then changed in one way only: the store paths,
 * and graphroot/runroot, point into fresh temporary directories. That changes only storage
 * locations (so that podman, running as root here, neither touches the machine's own container
 * storage nor fails on store directories that do not exist); every key, table and the TOML
 * encoding stay exactly as rendered.
 *
 * Without podman the suite is skipped, with the reason printed, except under CI (CI=true), where
 * a missing podman is a failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerRuntimeConfiguration } from '../../model/types';
import { renderStorageConf, STORAGE_TEMPLATE } from '../storageConf';

const PODMAN = '/usr/bin/podman';
const podmanPresent = existsSync(PODMAN);
const inCi = Boolean(process.env.CI);

if (!podmanPresent && !inCi) {
  console.warn(
    `podman.test.ts skipped: ${PODMAN} is not installed (apt-get install podman to run it)`,
  );
}

interface PodmanInfo {
  status: number | null;
  stderr: string;
  graphOptions: Record<string, string>;
  graphRoot?: string;
  runRoot?: string;
}

let workDir = '';

/** A fresh directory under the test's temporary directory. */
const freshDir = (name: string): string => {
  const dir = join(workDir, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** Renders cfg (with its store paths inside workDir) and relocates graphroot and runroot. */
const renderForPodman = (cfg: ContainerRuntimeConfiguration): string => {
  const rendered = renderStorageConf(cfg);
  if (rendered === null) throw new Error('nothing rendered');
  const relocated = rendered
    .replace(`graphroot = "${STORAGE_TEMPLATE.graphroot}"`, `graphroot = "${freshDir('graph')}"`)
    .replace(`runroot = "${STORAGE_TEMPLATE.runroot}"`, `runroot = "${freshDir('run')}"`);
  expect(relocated).not.toBe(rendered);
  return relocated;
};

const podmanInfo = (storageConf: string): PodmanInfo => {
  const file = join(workDir, `storage-${Math.random().toString(36).slice(2)}.conf`);
  writeFileSync(file, storageConf);
  const run = spawnSync(PODMAN, ['info', '--format', 'json'], {
    env: { ...process.env, CONTAINERS_STORAGE_CONF: file },
    encoding: 'utf8',
    timeout: 30_000,
  });
  let store: { graphOptions?: Record<string, string>; graphRoot?: string; runRoot?: string } = {};
  if (run.status === 0) store = (JSON.parse(run.stdout) as { store: typeof store }).store;
  return {
    status: run.status,
    stderr: run.stderr,
    graphOptions: store.graphOptions ?? {},
    graphRoot: store.graphRoot,
    runRoot: store.runRoot,
  };
};

/** containers/storage warns about keys it does not know; none of ours may be among them. */
const expectNoUnknownKeys = (info: PodmanInfo): void => {
  expect(info.stderr).not.toMatch(/Failed to decode the keys|unknown key|undecoded/i);
};

const describeWithPodman = podmanPresent || inCi ? describe : describe.skip;

describeWithPodman('storage.conf read by podman (containers/storage)', () => {
  beforeAll(() => {
    if (!podmanPresent) throw new Error(`${PODMAN} is missing, and CI requires this test to run`);
  });
  beforeEach(() => {
    workDir = mkdtempSync(join(tmpdir(), 'lazy-pull-podman-'));
  });
  afterEach(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  it('reads a layer store as overlay.additionallayerstore and an image store as overlay.imagestore', () => {
    const layers = freshDir('layers');
    const images = freshDir('images');
    const info = podmanInfo(
      renderForPodman({
        additionalLayerStores: [{ path: layers }],
        additionalImageStores: [{ path: images }],
      }),
    );
    expect(info.status).toBe(0);
    expect(info.graphOptions).toEqual({
      'overlay.additionallayerstore': `${layers}:ref`,
      'overlay.imagestore': images,
      'overlay.skip_mount_home': 'true',
    });
    expect(info.graphRoot).toBe(join(workDir, 'graph'));
    expectNoUnknownKeys(info);
  });

  it('reads every entry of the largest lists (podman shows the last; a missing first one fails)', () => {
    const layers = Array.from({ length: 5 }, (_, i) => freshDir(`layer-store-${i}`));
    const images = Array.from({ length: 10 }, (_, i) => freshDir(`image-store-${i}`));
    const cfg = {
      additionalLayerStores: layers.map((path) => ({ path })),
      additionalImageStores: images.map((path) => ({ path })),
    };
    const info = podmanInfo(renderForPodman(cfg));
    expect(info.status).toBe(0);
    expectNoUnknownKeys(info);
    expect(info.graphOptions['overlay.additionallayerstore']).toBe(`${layers[4]}:ref`);
    expect(info.graphOptions['overlay.imagestore']).toBe(images[9]);

    // The same file with the first layer store gone: the driver must name that very directory.
    rmSync(layers[0], { recursive: true });
    const missing = podmanInfo(renderForPodman(cfg));
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain(`can't stat additionallayerstore dir: stat ${layers[0]}`);
  });

  it('reads paths that need TOML escapes exactly (quotes, backslashes, tabs, non-ASCII)', () => {
    const store = freshDir('we"ird\\dir\twith ünïcode ✓');
    const info = podmanInfo(renderForPodman({ additionalLayerStores: [{ path: store }] }));
    expect(info.status).toBe(0);
    expect(info.graphOptions['overlay.additionallayerstore']).toBe(`${store}:ref`);
  });

  it('reads size as the overlay size option', () => {
    const info = podmanInfo(renderForPodman({ overlaySize: '1536Mi' }));
    expectNoUnknownKeys(info);
    // overlay.size needs an XFS backing file system; either podman accepts it or its refusal
    // shows that it read the option.
    if (info.status === 0) expect(info.graphOptions['overlay.size']).toBe('1536Mi');
    else expect(info.stderr).toMatch(/overlay\.size.*only supported for backingFS XFS/);
  });
});
