import type { ConfigFile } from '../model/types';
import { decodeDataUrl, encodeDataUrl } from './dataUrl';

/**
 * The Ignition config of a generated MachineConfig, both ways.
 *
 * Writing: byte for byte the `spec.config` the MCO stores, which is Go's encoding/json of its
 * Ignition 3.5.0 types: compact, keys in the Go structs' field order (hence `"group":{}` before
 * `"path"`), empty structs written as `{}`, and `"storage":{}` when there are no files. Each file
 * is mode 0644 (420), overwrite true, with its contents as a base64 data URL.
 *
 * Reading: the files of any MachineConfig, whichever MCO or tool wrote it.
 */

export const IGNITION_VERSION = '3.5.0';
/** 0644, as the MCO writes every generated file. */
export const GENERATED_FILE_MODE = 420;

export interface IgnitionFile {
  group: Record<string, never>;
  overwrite: boolean;
  path: string;
  user: Record<string, never>;
  contents: { compression: string; source: string; verification: Record<string, never> };
  mode: number;
}

export interface IgnitionConfig {
  ignition: {
    config: { replace: { verification: Record<string, never> } };
    proxy: Record<string, never>;
    security: { tls: Record<string, never> };
    timeouts: Record<string, never>;
    version: string;
  };
  kernelArguments: Record<string, never>;
  passwd: Record<string, never>;
  storage: { files?: IgnitionFile[] };
  systemd: Record<string, never>;
}

/** A file to put in the config: its path on the node and its text. */
export interface GeneratedFile {
  path: string;
  contents: string;
}

/** Object literals keep their key order, which is what makes the JSON match the MCO's. */
const ignitionFile = ({ path, contents }: GeneratedFile): IgnitionFile => ({
  group: {},
  overwrite: true,
  path,
  user: {},
  contents: { compression: '', source: encodeDataUrl(contents), verification: {} },
  mode: GENERATED_FILE_MODE,
});

export const buildIgnitionConfig = (files: readonly GeneratedFile[]): IgnitionConfig =>
  configWithFiles(files.map(ignitionFile));

const configWithFiles = (files: IgnitionFile[]): IgnitionConfig => ({
  ignition: {
    config: { replace: { verification: {} } },
    proxy: {},
    security: { tls: {} },
    timeouts: {},
    version: IGNITION_VERSION,
  },
  kernelArguments: {},
  passwd: {},
  storage: files.length > 0 ? { files } : {},
  systemd: {},
});

const GO_ESCAPED = /[<>&\u2028\u2029]/g;

/**
 * JSON text as Go's encoding/json writes it: JSON.stringify's, with <, >, &, U+2028 and U+2029
 * also escaped (as \u003c and so on).
 */
const goJson = (value: unknown): string =>
  JSON.stringify(value).replace(
    GO_ESCAPED,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** The config as the MCO serializes it (Go's encoding/json of its Ignition types). */
export const ignitionConfigJson = (config: IgnitionConfig): string => goJson(config);

/**
 * The JSON around the files and around each file's path and source, cut once from the JSON of
 * objects built by the functions above, so that the fast writer below cannot drift from them.
 */
const TEMPLATE = (() => {
  const path = '\u0000path\u0000';
  const source = '\u0000source\u0000';
  const empty = goJson(configWithFiles([]));
  const storageAt = empty.indexOf('"storage":{}') + '"storage":'.length;
  const file = ignitionFile({ path, contents: '' });
  file.contents.source = source;
  const [beforePath, afterPath] = goJson(file).split(goJson(path));
  const [betweenPathAndSource, afterSource] = afterPath.split(goJson(source));
  return {
    beforeStorage: empty.slice(0, storageAt),
    afterStorage: empty.slice(storageAt + '{}'.length),
    beforePath,
    betweenPathAndSource: `${betweenPathAndSource}"`,
    afterSource: `"${afterSource}`,
  };
})();

export interface RenderedIgnition {
  config: IgnitionConfig;
  /** Equal to ignitionConfigJson(config), written without serializing the whole object. */
  json: string;
}

/**
 * The config and its JSON together. The JSON is assembled from the template parts: a data URL
 * from encodeDataUrl is base64 text, which JSON never escapes, so only the paths are serialized.
 */
export const renderIgnition = (files: readonly GeneratedFile[]): RenderedIgnition => {
  const ignitionFiles = files.map(ignitionFile);
  let storage = '{}';
  if (ignitionFiles.length > 0) {
    storage = '{"files":[';
    for (let i = 0; i < ignitionFiles.length; i += 1) {
      const file = ignitionFiles[i];
      storage +=
        (i === 0 ? '' : ',') +
        TEMPLATE.beforePath +
        goJson(file.path) +
        TEMPLATE.betweenPathAndSource +
        file.contents.source +
        TEMPLATE.afterSource;
    }
    storage += ']}';
  }
  return {
    config: configWithFiles(ignitionFiles),
    json: TEMPLATE.beforeStorage + storage + TEMPLATE.afterStorage,
  };
};

/* ---------------------------------------------------------------------------------------------- */

export interface DecodedMachineConfigFiles {
  files: ConfigFile[];
  /** One entry per file (or config) that could not be read; the rest are still returned. */
  errors: string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The Ignition config of a MachineConfig (or a bare Ignition config), as an object. */
const ignitionConfigOf = (mc: unknown): { config: Json | null; error?: string } => {
  if (!isObject(mc)) return { config: null, error: 'not a MachineConfig object' };
  if (isObject(mc.ignition)) return { config: mc };
  const spec = mc.spec;
  if (spec === undefined || spec === null) return { config: null };
  if (!isObject(spec)) return { config: null, error: 'spec is not an object' };
  const raw = spec.config;
  if (raw === undefined || raw === null || raw === '') return { config: null };
  if (isObject(raw)) return { config: raw };
  if (typeof raw !== 'string')
    return { config: null, error: 'spec.config is neither an object nor JSON text' };
  try {
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed)
      ? { config: parsed }
      : { config: null, error: 'spec.config is not a JSON object' };
  } catch (e) {
    return { config: null, error: `spec.config is not valid JSON: ${(e as Error).message}` };
  }
};

/** A resource's text: Ignition 2.x and 3.x both name it `{ source, compression }`. */
const resourceText = (
  resource: unknown,
): { ok: true; contents: string } | { ok: false; error: string } => {
  if (resource === undefined || resource === null) return { ok: true, contents: '' };
  if (!isObject(resource)) return { ok: false, error: 'contents is not an object' };
  const { source, compression } = resource;
  if (source === undefined || source === null) return { ok: true, contents: '' }; // an empty file
  if (typeof source !== 'string') return { ok: false, error: 'contents.source is not a string' };
  if (compression !== undefined && compression !== null && typeof compression !== 'string') {
    return { ok: false, error: 'contents.compression is not a string' };
  }
  return decodeDataUrl(source, compression);
};

const decodeFile = (file: Json): { ok: true; contents: string } | { ok: false; error: string } => {
  const main = resourceText(file.contents);
  if (!main.ok) return main;
  let contents = main.contents;
  // Ignition 3.x: `append` is a list of resources added after the contents. (In 2.x it is a
  // boolean meaning "append to the existing file", which changes nothing in what is carried.)
  if (Array.isArray(file.append)) {
    for (const [i, piece] of file.append.entries()) {
      const text = resourceText(piece);
      if (!text.ok) return { ok: false, error: `append[${i}]: ${text.error}` };
      contents += text.contents;
    }
  }
  return { ok: true, contents };
};

/**
 * The files a MachineConfig writes, decoded to text. spec.config may be an object or JSON text,
 * Ignition 2.x or 3.x; contents may be base64 or percent-encoded data URLs, gzip-compressed or not.
 * Never throws: anything unreadable becomes an entry in `errors`.
 */
export const decodeMachineConfigFiles = (mc: unknown): DecodedMachineConfigFiles => {
  const files: ConfigFile[] = [];
  const errors: string[] = [];
  const { config, error } = ignitionConfigOf(mc);
  if (error) errors.push(error);
  if (!config) return { files, errors };
  const storage = config.storage;
  if (storage === undefined || storage === null) return { files, errors };
  if (!isObject(storage)) return { files, errors: [...errors, 'storage is not an object'] };
  const list = storage.files;
  if (list === undefined || list === null) return { files, errors };
  if (!Array.isArray(list)) return { files, errors: [...errors, 'storage.files is not a list'] };

  list.forEach((file: unknown, i) => {
    if (!isObject(file) || typeof file.path !== 'string') {
      errors.push(`storage.files[${i}]: not a file with a path`);
      return;
    }
    const decoded = decodeFile(file);
    if (!decoded.ok) {
      errors.push(`storage.files[${i}] (${file.path}): ${decoded.error}`);
      return;
    }
    const entry: ConfigFile = { path: file.path, contents: decoded.contents };
    if (typeof file.mode === 'number') entry.mode = file.mode;
    files.push(entry);
  });
  return { files, errors };
};

/** The file at `path`; when a config lists a path twice, the later entry is the one that lands. */
export const findFile = (files: readonly ConfigFile[], path: string): ConfigFile | undefined => {
  for (let i = files.length - 1; i >= 0; i -= 1) if (files[i].path === path) return files[i];
  return undefined;
};
