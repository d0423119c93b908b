/**
 * Checks about one configured layer store, and the store's entry in the report. Each check says
 * what is wrong and what it means for pulls, since that is what an administrator acts on.
 */
import type { HealthCheck, StoreReport } from '../../core/health/report';
import type { MountTable } from '../host/mountTable';
import type { InspectedStore } from '../inspect/inspectNode';
import { storePathHint } from '../../core/model/storePlugins';
import type { ProcessNames } from '../host/processTable';

const seconds = (ms: number) => `${Math.max(1, Math.round(ms / 1000))} s`;

/** Why the store is not responsive, in a few words; undefined when it is. */
const probeProblem = (store: InspectedStore, nowMs: number): string | undefined => {
  const { probe } = store;
  switch (probe.kind) {
    case 'answered':
      return probe.inspection.listed
        ? undefined
        : `listing failed: ${probe.inspection.error ?? 'unknown error'}`;
    case 'timedOut':
      return `listing did not answer within ${probe.timeoutMs} ms`;
    case 'stillStuck':
      return `an earlier listing has not answered for ${seconds(nowMs - probe.sinceMs)}`;
    case 'failed':
      return `could not probe: ${probe.error}`;
  }
};

export const storeReportOf = (
  store: InspectedStore,
  processes: ProcessNames | undefined,
  nowMs: number,
): StoreReport => {
  const inspection = store.probe.kind === 'answered' ? store.probe.inspection : undefined;
  const problem = probeProblem(store, nowMs);
  const report: StoreReport = {
    path: store.entry.path,
    plugin: store.plugin.kind,
    mounted: store.mount !== undefined,
    fs: store.mount?.fsType ?? null,
    responsive: problem === undefined,
    latencyMs: inspection?.latencyMs ?? null,
    layers: inspection?.layers ?? 0,
    images: inspection?.images ?? [],
    imagesOmitted: inspection === undefined ? 0 : inspection.imagesTotal - inspection.images.length,
    socket: store.socketPath === null ? null : (inspection?.socket ?? null),
    process:
      store.plugin.processName === null || processes?.kind !== 'read'
        ? null
        : processes.names.has(store.plugin.processName),
  };
  if (problem !== undefined) report.error = problem;
  return report;
};

/** Where the FUSE mount really is when the configured path is the plugin's root directory. */
const mountPointHint = (store: InspectedStore): string | undefined => {
  const fuseBelow = store.mountsBelow.filter((mount) => mount.fsType.startsWith('fuse'));
  const exact = fuseBelow.find((mount) => mount.mountPoint === `${store.hostPath}/store`);
  if (exact !== undefined || fuseBelow.length > 0) return (exact ?? fuseBelow[0]).mountPoint;
  // Nothing mounted below: fall back to the known plugins' roots, as the console's form does.
  return storePathHint('additionalLayerStores', store.hostPath)?.suggestion;
};

export const storeChecks = (
  store: InspectedStore,
  index: number,
  report: StoreReport,
  mountTable: MountTable,
  processes: ProcessNames | undefined,
): HealthCheck[] => {
  const checks: HealthCheck[] = [];
  const add = (id: string, status: HealthCheck['status'], message: string) =>
    checks.push({ id, status, message, store: index });
  const { path } = report;

  if (mountTable.kind === 'unreadable') {
    add(
      'mounted',
      'fail',
      `Could not tell whether ${path} is mounted: the host's mount table is unreadable (${mountTable.error}).`,
    );
  } else if (store.mount !== undefined) {
    add(
      'mounted',
      'pass',
      `${path} is mounted (${store.mount.fsType}, source ${store.mount.source || 'none'}).`,
    );
  } else {
    add(
      'mounted',
      'fail',
      `${path} is not a mount point: the storage plugin is not running or the path is wrong, so CRI-O finds no layers there and pulls every image in full.`,
    );
    const hint = mountPointHint(store);
    if (hint !== undefined) {
      add(
        'mount-point',
        'fail',
        `${path} looks like the plugin's root directory, not its FUSE mount point: the store path should be ${hint}.`,
      );
    }
  }

  if (store.mount !== undefined) {
    if (store.plugin.isOwnMount(store.mount)) {
      add(
        'fs-type',
        'pass',
        `${path} is a ${store.mount.fsType} mount, as ${report.plugin === 'unknown' ? 'a FUSE store' : `${report.plugin}-store`} expects.`,
      );
    } else if (store.mount.fsType.startsWith('fuse')) {
      add(
        'fs-type',
        'warn',
        `${path} is a ${store.mount.fsType} mount, not ${store.plugin.expectedFs}: another FUSE filesystem is mounted at the store path.`,
      );
    } else {
      add(
        'fs-type',
        'warn',
        `${path} is a ${store.mount.fsType} mount, not a FUSE store (${store.plugin.expectedFs}): it serves nothing lazily.`,
      );
    }
  }

  if (report.responsive) {
    add(
      'responsive',
      'pass',
      `Listing ${path} answered in ${report.latencyMs ?? 0} ms; it serves ${report.layers} layers.`,
    );
  } else if (store.probe.kind === 'timedOut' || store.probe.kind === 'stillStuck') {
    add(
      'responsive',
      'fail',
      `${path}: ${report.error ?? ''}. The FUSE mount may be hung, which can stall CRI-O on the whole node.`,
    );
  } else {
    const notVisible =
      store.mount !== undefined &&
      store.probe.kind === 'answered' &&
      store.probe.inspection.error === 'ENOENT'
        ? ' The host has it mounted but the agent cannot see it: mount its parent directory into the agent pod.'
        : '';
    // A store the host has mounted but the agent cannot see is unknown, not broken: warn.
    add('responsive', notVisible ? 'warn' : 'fail', `${path}: ${report.error ?? ''}.${notVisible}`);
  }

  if (report.socket !== null && store.socketPath !== null) {
    if (report.socket) add('socket', 'pass', `The control socket ${store.socketPath} exists.`);
    else
      add(
        'socket',
        'warn',
        `The control socket ${store.socketPath} is missing: the plugin may not be running, or runs with another root.`,
      );
  }

  const processName = store.plugin.processName;
  if (processName !== null) {
    if (processes?.kind === 'unreadable') {
      add(
        'process',
        'warn',
        `Could not list the host's processes (${processes.error}) to look for ${processName}.`,
      );
    } else if (report.process === true) {
      add('process', 'pass', `A ${processName} process runs on the host.`);
    } else if (report.process === false) {
      add('process', 'warn', `No ${processName} process runs on the host.`);
    }
  }
  return checks;
};
