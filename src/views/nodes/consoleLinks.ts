/**
 * Console URLs the dashboard links to.
 *
 * Node logs: the console's Node details page has a Logs tab (`/k8s/cluster/nodes/<node>/logs`)
 * whose journal view reads `path` (`journal`) and `unit` (comma-separated units) from the query.
 * Console 4.22 has that tab whatever its NODE_MGMT_V1 feature flag says (its Node tabs are
 * Overview, Details, YAML, Pods, Logs, Events and Terminal).
 */
import type { NodeHealthReport } from '../../core/health/report';
import { KNOWN_STORE_PLUGINS, storePlugin } from '../../core/storePlugins';

export const nodePath = (node: string): string => `/k8s/cluster/nodes/${encodeURIComponent(node)}`;

export const nodeJournalPath = (node: string, unit: string): string =>
  `${nodePath(node)}/logs?${new URLSearchParams({ path: 'journal', unit }).toString()}`;

/** A plugin's unit as journalctl -u takes it (the .service suffix is implied). */
const unitName = (unit: string | null): string | null => unit?.replace(/\.service$/, '') ?? null;

const STARGZ_UNIT = unitName(storePlugin('stargz-store').unit);

/**
 * The systemd units whose journal explains a node's lazy pulling: its storage plugins' where the
 * plugin table knows them (stargz-store's when the report names no store), and CRI-O's.
 */
export const journalUnits = (report: NodeHealthReport | null): string[] => {
  const stores = report?.stores ?? [];
  const plugins =
    stores.length > 0
      ? stores.map((s) =>
          unitName(KNOWN_STORE_PLUGINS.find((p) => p.kind === s.plugin)?.unit ?? null),
        )
      : [STARGZ_UNIT];
  return [...new Set(plugins.filter((u): u is string => u !== null)), 'crio'];
};
