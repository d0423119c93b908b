/**
 * A report's own facts, held against its checks and its health. The agent writes one store
 * entry per layer store of storage.conf, and a check that does not pass for every store that is
 * not mounted, not answering or without its plugin's process. A report that says otherwise (a
 * store unmounted while every check passes, storage.conf naming five stores while one is
 * described) contradicts itself: a reader shows it as unknown, never as healthy.
 */
import type { NodeHealthReport, StoreReport } from './reportFormat';

/** What is wrong with a store by its own fields, in words; empty when nothing is. */
const storeTroubles = (store: StoreReport): string[] => {
  const troubles: string[] = [];
  if (!store.mounted) troubles.push('not mounted');
  if (!store.responsive) troubles.push('not answering');
  if (store.process === false) troubles.push("without its plugin's process");
  return troubles;
};

const stores = (count: number) => `${count} layer store${count === 1 ? '' : 's'}`;

/**
 * Why the report contradicts itself, as a sentence naming the fields; undefined when it does not.
 * Runs on every node's report: loops only, no allocation on a consistent report.
 */
export const reportContradiction = (report: NodeHealthReport): string | undefined => {
  const conf = report.storageConf;
  if (conf === null) {
    if (report.stores.length > 0)
      return `the report describes ${stores(report.stores.length)} but says storage.conf could not be read`;
    if (!report.checks.some((check) => check.store === undefined && check.status !== 'pass'))
      return 'the report says storage.conf could not be read, but no check of the node says so';
  } else {
    if (conf.layerStores.length !== report.stores.length)
      return `storage.conf names ${stores(conf.layerStores.length)} but the report describes ${report.stores.length}`;
    for (let i = 0; i < conf.layerStores.length; i += 1) {
      if (conf.layerStores[i].path !== report.stores[i].path)
        return `stores[${i}] is ${JSON.stringify(report.stores[i].path)}, but storage.conf names ${JSON.stringify(conf.layerStores[i].path)} there`;
    }
  }
  for (let i = 0; i < report.stores.length; i += 1) {
    const store = report.stores[i];
    if (store.mounted && store.responsive && store.process !== false) continue;
    if (report.checks.some((check) => check.store === i && check.status !== 'pass')) continue;
    return `stores[${i}] (${store.path}) is ${storeTroubles(store).join(' and ')}, yet every check of it passes`;
  }
  return undefined;
};
