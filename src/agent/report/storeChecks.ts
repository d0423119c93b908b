/**
 * Checks about one configured layer store, and the store's entry in the report. Each check says
 * what is wrong and what it means for pulls, since that is what an administrator acts on.
 */
import type { HealthCheck, StoreReport } from '../../core/health/report';
import { storePathHint } from '../../core/storePlugins';
import type { MountTable } from '../host/mountTable';
import type { InspectedStore } from '../inspect/inspectNode';

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

export const storeReportOf = (store: InspectedStore, nowMs: number): StoreReport => {
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
    socket: store.plugin.socketPath === null ? null : (inspection?.socket ?? null),
    process:
      store.process.kind === 'running' ? true : store.process.kind === 'notRunning' ? false : null,
  };
  if (problem !== undefined) report.error = problem;
  if (inspection?.partial === true) report.censusPartial = true;
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

/** What an administrator does about a dead FUSE mount, per plugin. */
const deadMountAdvice = (store: InspectedStore, path: string): string => {
  const { plugin } = store;
  return plugin.unit !== null
    ? `${plugin.name} died and left its mount dead: restart ${plugin.unit}; its unit unmounts first.`
    : `${plugin.name} died and left its mount dead: unmount it (umount -l ${path}), then restart the plugin.`;
};

const NOT_VISIBLE =
  'it is not mounted into the agent pod: add a hostPath volume for its plugin directory to the agent (mountPropagation HostToContainer)';

export const storeChecks = (
  store: InspectedStore,
  index: number,
  report: StoreReport,
  mountTable: MountTable,
): HealthCheck[] => {
  const checks: HealthCheck[] = [];
  const add = (id: string, status: HealthCheck['status'], message: string) =>
    checks.push({ id, status, message, store: index });
  const { path } = report;
  const { plugin } = store;

  if (mountTable.kind === 'unreadable') {
    add(
      'mounted',
      'fail',
      `Could not tell whether ${path} is mounted: the host's mount table is unreadable (${mountTable.error}).`,
    );
  } else if (!store.visible) {
    add('mounted', 'warn', `Could not tell whether ${path} is mounted: ${NOT_VISIBLE}.`);
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
    const { fsType, source } = store.mount;
    if (plugin.isOwnMount(store.mount)) {
      add(
        'fs-type',
        'pass',
        plugin.kind === 'unknown'
          ? `${path} is a ${fsType} mount, as a FUSE store is.`
          : `${path} is a ${fsType} mount with source ${source}, as ${plugin.name} mounts it.`,
      );
    } else if (fsType.startsWith('fuse')) {
      add(
        'fs-type',
        'warn',
        `${path} is a ${fsType} mount with source ${source || 'none'}, not ${plugin.expectedFs}: another FUSE filesystem is mounted at the store path.`,
      );
    } else {
      add(
        'fs-type',
        'warn',
        `${path} is a ${fsType} mount, not a FUSE store (${plugin.expectedFs}): it serves nothing lazily.`,
      );
    }
  }

  const inspection = store.probe.kind === 'answered' ? store.probe.inspection : undefined;
  if (report.responsive) {
    const counted =
      inspection?.partial === true
        ? `it serves at least ${report.layers} layers (the count stopped because ${inspection.stoppedBecause ?? 'of an error'})`
        : `it serves ${report.layers} layers`;
    add(
      'responsive',
      'pass',
      `Listing ${path} answered in ${report.latencyMs ?? 0} ms; ${counted}.`,
    );
  } else if (store.probe.kind === 'timedOut' || store.probe.kind === 'stillStuck') {
    add(
      'responsive',
      'fail',
      `${path}: ${report.error ?? ''}. The FUSE mount may be hung, which can stall CRI-O on the whole node.`,
    );
  } else if (inspection?.error === 'ENOTCONN') {
    add('responsive', 'fail', `${path}: ${report.error ?? ''}. ${deadMountAdvice(store, path)}`);
  } else if (!store.visible) {
    add('responsive', 'warn', `Could not probe ${path}: ${NOT_VISIBLE}.`);
  } else if (store.mount !== undefined && inspection?.error === 'ENOENT') {
    // A store the host has mounted but the agent cannot see is unknown, not broken: warn.
    add(
      'responsive',
      'warn',
      `${path}: ${report.error ?? ''}. The host has it mounted but the agent cannot see it: mount its parent directory into the agent pod.`,
    );
  } else {
    add('responsive', 'fail', `${path}: ${report.error ?? ''}.`);
  }

  if (report.socket !== null && plugin.socketPath !== null) {
    if (report.socket) {
      add('socket', 'pass', `${plugin.name}'s control socket ${plugin.socketPath} exists.`);
    } else {
      // Information, not a fault: daemons before v0.16 have no socket at all.
      add(
        'socket',
        'pass',
        `There is no control socket at ${plugin.socketPath}. Daemons before v0.16 open none; from v0.16 on ${plugin.name} listens there unless its --addr names another path.`,
      );
    }
  }

  const { process } = store;
  switch (process.kind) {
    case 'running':
      add('process', 'pass', `${process.evidence}.`);
      break;
    case 'notRunning':
      add(
        'process',
        'fail',
        `${process.evidence}: nothing serves ${path}, so CRI-O pulls every image in full, or fails to start containers while a dead mount is left there. Start ${plugin.unit ?? plugin.name}.`,
      );
      break;
    case 'unknown':
      add('process', 'warn', `Could not tell whether ${plugin.name} runs: ${process.reason}.`);
      break;
    case 'notApplicable':
      break;
  }
  return checks;
};
