import { encodeDataUrl } from './dataUrl';

/**
 * The Ignition config of a generated MachineConfig, byte for byte the `spec.config` the MCO
 * stores, which is Go's encoding/json of its Ignition 3.5.0 types: compact, keys in the Go
 * structs' field order (hence `"group":{}` before `"path"`), empty structs written as `{}`, and
 * `"storage":{}` when there are no files. Each file is mode 0644 (420), overwrite true, with its
 * contents as a base64 data URL. Reading any MachineConfig's files: decodeMachineConfigFiles.ts.
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
