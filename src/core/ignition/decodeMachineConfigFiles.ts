import type { ConfigFile } from '../model/types';
import { decodeDataUrl } from './dataUrl';

/**
 * The files any MachineConfig writes, whichever MCO or tool wrote it: what the previews compare
 * with and the pool findings look into.
 */

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
