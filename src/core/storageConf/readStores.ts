/**
 * Reads what a node's /etc/containers/storage.conf says about additional stores, the way
 * containers/storage reads it: `[storage] driver` and `graphroot`, and under `[storage.options]`
 * the lists `additionallayerstores` (entries `<path>[:ref]`) and `additionalimagestores`.
 *
 * Any text is accepted. Whatever cannot be understood becomes a message in `errors`, never an
 * exception: the node agent reports a broken file as a failed check, and a UI shows it.
 */
import { parse } from 'smol-toml';
import { describeTomlError, isTomlTable, tomlTypeName } from './tomlErrors';

export const STORAGE_CONF_PATH = '/etc/containers/storage.conf';

/** The option the MCO appends to every layer store: layers are looked up by image reference. */
export const LAYER_STORE_REF_SUFFIX = ':ref';

export interface LayerStoreEntry {
  /** The store directory, without the `:ref` suffix, exactly as written (a trailing `/` stays). */
  path: string;
  /** Whether the entry carried `:ref`. */
  ref: boolean;
}

export interface StorageConfStores {
  layerStores: LayerStoreEntry[];
  imageStores: string[];
  driver?: string;
  graphroot?: string;
  /** One human-readable message per problem; empty when the file is fine. */
  errors: string[];
}

const LABEL = 'storage.conf';

/**
 * Splits `<path>[:ref]`. containers/storage knows no option but `ref`, and store paths cannot
 * contain `:` (the API forbids it), so any other `:` is reported rather than guessed at.
 */
export const parseLayerStoreEntry = (raw: string): { entry: LayerStoreEntry; error?: string } => {
  const ref = raw.endsWith(LAYER_STORE_REF_SUFFIX);
  const path = ref ? raw.slice(0, -LAYER_STORE_REF_SUFFIX.length) : raw;
  const entry = { path, ref };
  if (path === '') return { entry, error: `layer store entry "${raw}" has no path` };
  if (path.includes(':')) {
    return {
      entry,
      error: `layer store entry "${raw}": unknown option after ":" (only ":ref" exists)`,
    };
  }
  if (!path.startsWith('/')) {
    return {
      entry,
      error: `layer store "${path}" is not an absolute path; the overlay driver fails to start with it`,
    };
  }
  return { entry };
};

const readStringList = (
  options: Record<string, unknown>,
  key: string,
  errors: string[],
): string[] => {
  const value = options[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    errors.push(
      `${LABEL}: storage.options.${key} must be an array of strings, not ${tomlTypeName(value)}`,
    );
    return [];
  }
  const strings: string[] = [];
  value.forEach((item: unknown, index) => {
    if (typeof item === 'string') strings.push(item);
    else
      errors.push(
        `${LABEL}: storage.options.${key}[${index}] must be a string, not ${tomlTypeName(item)}`,
      );
  });
  return strings;
};

const readOptionalString = (
  table: Record<string, unknown>,
  key: string,
  errors: string[],
): string | undefined => {
  const value = table[key];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  errors.push(`${LABEL}: storage.${key} must be a string, not ${tomlTypeName(value)}`);
  return undefined;
};

export const readStorageConfStores = (text: string): StorageConfStores => {
  const result: StorageConfStores = { layerStores: [], imageStores: [], errors: [] };
  let document: Record<string, unknown>;
  try {
    document = parse(text);
  } catch (error) {
    result.errors.push(describeTomlError(LABEL, error));
    return result;
  }

  const storage = document.storage;
  if (storage === undefined) return result;
  if (!isTomlTable(storage)) {
    result.errors.push(`${LABEL}: [storage] must be a table, not ${tomlTypeName(storage)}`);
    return result;
  }
  const driver = readOptionalString(storage, 'driver', result.errors);
  const graphroot = readOptionalString(storage, 'graphroot', result.errors);
  if (driver !== undefined) result.driver = driver;
  if (graphroot !== undefined) result.graphroot = graphroot;

  const options = storage.options;
  if (options === undefined) return result;
  if (!isTomlTable(options)) {
    result.errors.push(`${LABEL}: [storage.options] must be a table, not ${tomlTypeName(options)}`);
    return result;
  }
  for (const raw of readStringList(options, 'additionallayerstores', result.errors)) {
    const { entry, error } = parseLayerStoreEntry(raw);
    result.layerStores.push(entry);
    if (error !== undefined) result.errors.push(`${LABEL}: ${error}`);
  }
  result.imageStores = readStringList(options, 'additionalimagestores', result.errors);
  return result;
};
