/** Turns one inspection of the node into the report and the health the agent publishes. */
import {
  decideHealth,
  fitReport,
  type HealthCheck,
  type LazyPullHealth,
  type NodeHealthReport,
  REPORT_VERSION,
} from '../../core/health/report';
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

export const buildReport = (
  inspection: NodeInspection,
  context: ReportContext,
): NodeHealthReport => {
  const nowMs = context.at.getTime();
  const checks: HealthCheck[] = [storageConfCheck(inspection.storageConf)];
  if (inspection.stores.length > 0) checks.push(authHelperCheck(inspection.registries));
  const stores = inspection.stores.map((store, index) => {
    const report = storeReportOf(store, nowMs);
    checks.push(...storeChecks(store, index, report, inspection.mountTable));
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
  };
};

export const publishableState = (
  inspection: NodeInspection,
  context: ReportContext,
): PublishableState => {
  const report = fitReport(buildReport(inspection, context));
  return { health: decideHealth(report), report };
};
