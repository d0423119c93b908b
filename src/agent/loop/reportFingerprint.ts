/**
 * What counts as a change worth a Node write. Every write reaches every Node watcher in the
 * cluster, so only what changes the picture is compared: the health, the configuration, each
 * store's state, and each check's status. Timestamps, latencies, layer counts, image lists
 * and message wording are not: they are refreshed with the next heartbeat. (A store starting or
 * stopping to serve any layer at all is a change, and so is a FUSE mount coming or going: the
 * console waits for it before it configures a store.)
 */
import type { LazyPullHealth, NodeHealthReport } from '../../core/health/report';

export const reportFingerprint = (health: LazyPullHealth, report: NodeHealthReport): string =>
  JSON.stringify([
    health,
    report.agentVersion,
    report.heartbeatSeconds,
    report.storageConf,
    report.stores.map((store) => [
      store.path,
      store.plugin,
      store.mounted,
      store.fs,
      store.responsive,
      store.socket,
      store.process,
      store.layers > 0,
    ]),
    report.checks.map((check) => [check.id, check.store ?? null, check.status]),
    report.fuseMounts?.map((mount) => [mount.path, mount.fs, mount.source]) ?? null,
    report.fuseMountsOmitted ?? null,
  ]);
