/**
 * The node-annotation contract between the node agent (writer) and the console (reader):
 * names, limits and the shape of the report, version 1. docs/annotations.md describes every
 * field; a test keeps that document and these types in agreement.
 *
 * Keys are short but readable: the report must fit REPORT_MAX_BYTES with five stores, and a
 * Node's annotations travel to every Node watcher in the cluster.
 */

export const ANNOTATION_PREFIX = 'lazy-pull.openshift.io/';
export const HEALTH_ANNOTATION = `${ANNOTATION_PREFIX}health`;
export const REPORT_ANNOTATION = `${ANNOTATION_PREFIX}report`;

export const HEALTH_VALUES = ['Healthy', 'Degraded', 'Unhealthy', 'NotConfigured'] as const;
export type LazyPullHealth = (typeof HEALTH_VALUES)[number];

/** The only version this code writes and reads. Readers show any other version as unknown. */
export const REPORT_VERSION = 1;

/** Upper bound of the report annotation's value, in UTF-8 bytes. */
export const REPORT_MAX_BYTES = 16384;

/** How often the agent rewrites an unchanged report (its heartbeat), unless configured otherwise. */
export const DEFAULT_HEARTBEAT_SECONDS = 600;
/** Bounds of `heartbeatSeconds` a reader accepts: one second to one day. */
export const MIN_HEARTBEAT_SECONDS = 1;
export const MAX_HEARTBEAT_SECONDS = 86400;

/** A report older than this many of its own heartbeat intervals is stale. */
export const STALE_AFTER_HEARTBEATS = 3;

/**
 * How far in the future a report's `at` may be before a reader distrusts it. Node clocks are
 * NTP-synchronised, but the reader may be a browser on a laptop a few minutes off.
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * How many image references the agent lists per store. Five stores with ten long references
 * (about 160 bytes each) and all their checks stay well under REPORT_MAX_BYTES, so trimming is
 * the exception.
 */
export const DEFAULT_MAX_IMAGES_PER_STORE = 10;

/**
 * How many FUSE mounts the agent lists. A node has one per storage plugin, rarely more; the
 * bound keeps a node with many unrelated FUSE mounts from crowding the report.
 */
export const MAX_FUSE_MOUNTS = 10;

export const PLUGIN_KINDS = ['stargz', 'nydus', 'unknown'] as const;
export type PluginKind = (typeof PLUGIN_KINDS)[number];

export const CHECK_STATUSES = ['pass', 'warn', 'fail'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** The additional stores the node's storage.conf names (what the node really uses). */
export interface ConfiguredStores {
  layerStores: { path: string; ref: boolean }[];
  imageStores: string[];
}

/** What the agent found at one configured layer store. */
export interface StoreReport {
  /** The store path as storage.conf names it (without `:ref`). */
  path: string;
  plugin: PluginKind;
  /** Whether the path is a mount point on the host. */
  mounted: boolean;
  /** The mount's filesystem type (e.g. `fuse.rawBridge`), null when not a mount point. */
  fs: string | null;
  /** Whether listing the store answered, successfully, within the agent's probe timeout. */
  responsive: boolean;
  /** How long the listing took in milliseconds (0.1 ms precision), null when it did not answer. */
  latencyMs: number | null;
  /** Why the store is not responsive (timeout, errno, probe still stuck). Absent when responsive. */
  error?: string;
  /** Number of layers the store serves now (TOC-digest directories under every image). */
  layers: number;
  /** Image references the store serves lazily, sorted, bounded. */
  images: string[];
  /** How many further image references were left out of `images`. */
  imagesOmitted: number;
  /** Whether the plugin's control socket exists; null when the plugin has no known socket. */
  socket: boolean | null;
  /** Whether the plugin's process runs on the host; null when the plugin is not known. */
  process: boolean | null;
}

/**
 * A FUSE filesystem mounted on the host, whether or not storage.conf names it: how the console
 * tells, before it configures a store, whether the store is already mounted on the node.
 */
export interface FuseMount {
  /** The mount point, as the host's mount table writes it. */
  path: string;
  /** The filesystem type, e.g. `fuse.rawBridge` (stargz-store). */
  fs: string;
  /** The mount source, e.g. `stargzstore`. */
  source: string;
}

export interface HealthCheck {
  /** A stable identifier such as `mounted` or `auth-helper` (see docs/annotations.md). */
  id: string;
  status: CheckStatus;
  /** One sentence for a human. */
  message: string;
  /** Index into `stores` when the check is about one store; absent for node-wide checks. */
  store?: number;
}

export interface NodeHealthReport {
  v: typeof REPORT_VERSION;
  /** When the agent checked the node, RFC 3339. */
  at: string;
  agentVersion: string;
  /** The agent's heartbeat interval, so a reader can tell a stale report per node. */
  heartbeatSeconds: number;
  /** What storage.conf names; null when it could not be read. */
  storageConf: ConfiguredStores | null;
  /** One entry per layer store storage.conf names, in its order. */
  stores: StoreReport[];
  checks: HealthCheck[];
  /**
   * Every FUSE mount of the host, sorted by path, at most MAX_FUSE_MOUNTS. Absent when the mount
   * table could not be read, and in reports of agents that predate the field.
   */
  fuseMounts?: FuseMount[];
  /** How many further FUSE mounts `fuseMounts` leaves out (present with `fuseMounts`). */
  fuseMountsOmitted?: number;
}

/**
 * Every key path of a version 1 report, in the notation docs/annotations.md uses (`[]` for
 * list items). The validator reads exactly these; the documentation test checks the document
 * lists each of them.
 */
export const REPORT_FIELD_PATHS = [
  'v',
  'at',
  'agentVersion',
  'heartbeatSeconds',
  'storageConf',
  'storageConf.layerStores',
  'storageConf.layerStores[].path',
  'storageConf.layerStores[].ref',
  'storageConf.imageStores',
  'stores',
  'stores[].path',
  'stores[].plugin',
  'stores[].mounted',
  'stores[].fs',
  'stores[].responsive',
  'stores[].latencyMs',
  'stores[].error',
  'stores[].layers',
  'stores[].images',
  'stores[].imagesOmitted',
  'stores[].socket',
  'stores[].process',
  'checks',
  'checks[].id',
  'checks[].status',
  'checks[].message',
  'checks[].store',
  'fuseMounts',
  'fuseMounts[].path',
  'fuseMounts[].fs',
  'fuseMounts[].source',
  'fuseMountsOmitted',
] as const;
