import { serializeManifest } from '../../core/model/manifest';
import { newContainerRuntimeConfig } from '../../core/model/storeSection';
import { STARGZ_STORE_PATH } from '../../core/storePlugins';

/**
 * The console's "Create ContainerRuntimeConfig" YAML template: lazy pulling with stargz-store on
 * the worker pool, the store path being stargz-store's FUSE mount point (not its root directory).
 */
export const lazyPullTemplate: string = serializeManifest(
  newContainerRuntimeConfig('lazy-pull-worker', 'worker', {
    additionalLayerStores: [STARGZ_STORE_PATH],
    additionalImageStores: [],
    additionalArtifactStores: [],
  }),
);
