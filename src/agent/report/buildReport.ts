/** Turns one inspection of the node into the report and the health the agent publishes. */
import {
  decideHealth,
  fitReport,
  type FuseMount,
  type HealthCheck,
  type LazyPullHealth,
  MAX_FUSE_MOUNTS,
  type NodeHealthReport,
  REPORT_VERSION,
} from '../../core/health/report';
import type { MountTable } from '../host/mountTable';
import type { NodeInspection } from '../inspect/inspectNode';
import { authHelperCheck, storageConfCheck } from './nodeChecks';
import { storeChecks, storeReportOf } from './storeChecks';

export interface ReportContext {
  at: Date;
  agentVersion: string;
  heartbeatSeconds: number;
}

export interface PublishableState {
  health: LazyPullHealth;
  /** Already trimmed to the annotation limit (fitReport), so health and report agree. */
  report: NodeHealthReport;
}

/** `fuse` and `fuse.<name>`; not `fusectl` (FUSE's control filesystem) or `fuseblk` (block devices). */
const isFuse = (fsType: string): boolean => fsType === 'fuse' || fsType.startsWith('fuse.');

/**
 * The host's FUSE mounts, whatever storage.conf names: before a layer store is configured, they
 * tell the console whether the store is already mounted. A later mount at the same point
 * covers an earlier one, so the last one is kept.
 */
export const fuseMountsOf = (
  table: MountTable,
): { fuseMounts: FuseMount[]; fuseMountsOmitted: number } | undefined => {
  if (table.kind !== 'read') return undefined;
  const byPath = new Map<string, FuseMount>();
  for (const mount of table.mounts) {
    if (isFuse(mount.fsType))
      byPath.set(mount.mountPoint, {
        path: mount.mountPoint,
        fs: mount.fsType,
        source: mount.source,
      });
    else byPath.delete(mount.mountPoint);
  }
  const all = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    fuseMounts: all.slice(0, MAX_FUSE_MOUNTS),
    fuseMountsOmitted: Math.max(0, all.length - MAX_FUSE_MOUNTS),
  };
};

export const buildReport = (
  inspection: NodeInspection,
  context: ReportContext,
): NodeHealthReport => {
  const nowMs = context.at.getTime();
  const checks: HealthCheck[] = [storageConfCheck(inspection.storageConf)];
  if (inspection.stores.length > 0) checks.push(authHelperCheck(inspection.registries));
  const stores = inspection.stores.map((store, index) => {
    const report = storeReportOf(store, inspection.processes, nowMs);
    checks.push(...storeChecks(store, index, report, inspection.mountTable, inspection.processes));
    return report;
  });
  const conf = inspection.storageConf;
  return {
    v: REPORT_VERSION,
    at: context.at.toISOString(),
    agentVersion: context.agentVersion,
    heartbeatSeconds: context.heartbeatSeconds,
    storageConf:
      conf.kind === 'read'
        ? { layerStores: conf.stores.layerStores, imageStores: conf.stores.imageStores }
        : null,
    stores,
    checks,
    ...fuseMountsOf(inspection.mountTable),
  };
};

export const publishableState = (
  inspection: NodeInspection,
  context: ReportContext,
): PublishableState => {
  const report = fitReport(buildReport(inspection, context));
  return { health: decideHealth(report), report };
};
