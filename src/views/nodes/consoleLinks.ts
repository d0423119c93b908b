/**
 * Console URLs the dashboard links to.
 *
 * Node logs: the console's node page has a Logs tab (`/k8s/cluster/nodes/<node>/logs`) whose
 * journal view reads `path` and `unit` (comma-separated units) from the query. Consoles with
 * the NODE_MGMT_V1 feature flag (tech preview, opted in per user) move it under the Health tab
 * as a sub-tab: `/k8s/cluster/nodes/<node>/health?activeTab=logs`, reading the same parameters.
 */
import type { NodeHealthReport, PluginKind } from '../../core/health/report';
import { MachineConfigPoolModel, modelReference } from '../shared/models';

export const NODE_MGMT_V1_FLAG = 'NODE_MGMT_V1';

export const nodePath = (node: string): string => `/k8s/cluster/nodes/${encodeURIComponent(node)}`;

export const nodeJournalPath = (node: string, unit: string, nodeMgmtV1 = false): string => {
  const query = new URLSearchParams(nodeMgmtV1 ? { activeTab: 'logs' } : {});
  query.set('path', 'journal');
  query.set('unit', unit);
  return `${nodePath(node)}/${nodeMgmtV1 ? 'health' : 'logs'}?${query.toString()}`;
};

export const poolPath = (pool: string): string =>
  `/k8s/cluster/${modelReference(MachineConfigPoolModel)}/${encodeURIComponent(pool)}`;

const PLUGIN_UNITS: Record<PluginKind, string | null> = {
  stargz: 'stargz-store',
  nydus: 'nydus-store',
  unknown: null,
};

/**
 * The systemd units whose journal explains a node's lazy pulling: its storage plugins' (stargz-
 * store when nothing says otherwise) and CRI-O's.
 */
export const journalUnits = (report: NodeHealthReport | null): string[] => {
  const plugins = (report?.stores ?? [])
    .map((s) => PLUGIN_UNITS[s.plugin])
    .filter((u): u is string => u !== null);
  return [...new Set(plugins.length > 0 ? plugins : ['stargz-store']), 'crio'];
};
