/**
 * Console URLs the dashboard links to.
 *
 * Node logs: the console's Node details page has a Logs tab (`/k8s/cluster/nodes/<node>/logs`)
 * whose journal view reads `path` (`journal`) and `unit` (comma-separated units) from the query.
 * Console 4.22 has that tab whatever its NODE_MGMT_V1 feature flag says (its Node tabs are
 * Overview, Details, YAML, Pods, Logs, Events and Terminal).
 */
import type { NodeHealthReport, PluginKind } from '../../core/health/report';

export const nodePath = (node: string): string => `/k8s/cluster/nodes/${encodeURIComponent(node)}`;

export const nodeJournalPath = (node: string, unit: string): string =>
  `${nodePath(node)}/logs?${new URLSearchParams({ path: 'journal', unit }).toString()}`;

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
