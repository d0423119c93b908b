import type { ContainerRuntimeConfiguration } from '../model/types';
import { nonZeroQuantityOf, storePathsOf, writesStorageConf } from './configValues';
import { encodeKeyValueLine, encodeToml, mapTable, structTable, type TomlValue } from './mcoToml';

/**
 * /etc/containers/storage.conf exactly as the MCO writes it.
 *
 * The MCO decodes the storage.conf of its base template (templates/common/_base/files/
 * container-storage.yaml) into a fixed Go struct, sets the fields a ContainerRuntimeConfig asks
 * for, and encodes the struct again. So the template's comments are gone, and every field of the
 * struct that is not `omitempty` is written even when the template did not set it (force_mask and
 * the auto-userns sizes, as 0).
 */

export const STORAGE_CONF_PATH = '/etc/containers/storage.conf';

/** What the MCO's base template sets (checked against shared/golden/mco/_reference). */
export const STORAGE_TEMPLATE = {
  driver: 'overlay',
  runroot: '/run/containers/storage',
  graphroot: '/var/lib/containers/storage',
  overlay: { skip_mount_home: 'true', size: '' },
  pullOptions: { enable_partial_images: 'false', use_hard_links: 'false', ostree_repos: '' },
} as const;

/** The suffix the MCO appends to each additional layer store path. */
export const LAYER_STORE_REF_SUFFIX = ':ref';

/** The [storage.options] keys a ContainerRuntimeConfig sets (containers/storage's names). */
const OPTION_KEYS = {
  imageStores: 'additionalimagestores',
  layerStores: 'additionallayerstores',
  size: 'size',
} as const;

const omitEmptyString = (s: string): string | undefined => (s === '' ? undefined : s);
const omitEmptyList = (list: readonly string[]): readonly string[] | undefined =>
  list.length === 0 ? undefined : list;

/**
 * The struct the MCO encodes: the template plus what the ContainerRuntimeConfig sets (layer store
 * paths already with `:ref`, size already canonical, "" when unset).
 */
export const storageConfStruct = (
  imageStores: readonly string[],
  layerStores: readonly string[],
  size: string,
) =>
  structTable([
    [
      'storage',
      structTable([
        ['driver', STORAGE_TEMPLATE.driver],
        ['runroot', STORAGE_TEMPLATE.runroot],
        ['graphroot', STORAGE_TEMPLATE.graphroot],
        [
          'options',
          structTable([
            // OptionsConfig's fields in declaration order; the first three are omitempty.
            [OPTION_KEYS.imageStores, omitEmptyList(imageStores)],
            [OPTION_KEYS.layerStores, omitEmptyList(layerStores)],
            [OPTION_KEYS.size, omitEmptyString(size)],
            ['force_mask', 0],
            ['auto-userns-min-size', 0],
            ['auto-userns-max-size', 0],
            [
              'overlay',
              structTable([
                ['skip_mount_home', omitEmptyString(STORAGE_TEMPLATE.overlay.skip_mount_home)],
                ['size', omitEmptyString(STORAGE_TEMPLATE.overlay.size)],
              ]),
            ],
            ['pull_options', mapTable(STORAGE_TEMPLATE.pullOptions)],
          ] satisfies [string, TomlValue | undefined][]),
        ],
      ]),
    ],
  ]);

/** `[storage.options]` is the second level of nesting. */
const OPTIONS_DEPTH = 2;

/**
 * Only the first three lines of [storage.options] depend on the ContainerRuntimeConfig. The text
 * before and after them is cut once from the encoding of the struct without them.
 */
const { beforeOptions, afterOptions } = (() => {
  const constant = encodeToml(storageConfStruct([], [], ''));
  const header = '[storage.options]\n';
  const at = constant.indexOf(header) + header.length;
  return { beforeOptions: constant.slice(0, at), afterOptions: constant.slice(at) };
})();

/** The storage.conf the MCO writes for this configuration, or null when it writes none. */
export const renderStorageConf = (cfg: ContainerRuntimeConfiguration): string | null => {
  if (!writesStorageConf(cfg)) return null;
  const imageStores = storePathsOf(cfg.additionalImageStores);
  // The path is taken as written: a trailing slash stays ("/x/store/:ref").
  const layerStores = storePathsOf(cfg.additionalLayerStores).map(
    (p) => p + LAYER_STORE_REF_SUFFIX,
  );
  const overlaySize = nonZeroQuantityOf(cfg.overlaySize);

  const lines = [
    imageStores.length > 0 &&
      encodeKeyValueLine(OPTIONS_DEPTH, OPTION_KEYS.imageStores, imageStores),
    layerStores.length > 0 &&
      encodeKeyValueLine(OPTIONS_DEPTH, OPTION_KEYS.layerStores, layerStores),
    // overlaySize goes to [storage.options] size, as Quantity's canonical string.
    overlaySize && encodeKeyValueLine(OPTIONS_DEPTH, OPTION_KEYS.size, overlaySize.toString()),
  ];
  let options = '';
  for (const line of lines) if (line) options += line;
  return beforeOptions + options + afterOptions;
};
