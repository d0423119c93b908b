import { gunzipSync } from 'fflate';
import { decodeBase64, encodeUtf8Base64 } from './base64';

/**
 * RFC 2397 data URLs, as Ignition carries file contents.
 *
 * The MCO always writes `data:text/plain;charset=utf-8;base64,<base64 of the bytes>`; other
 * writers (and older MCO versions) use percent-encoded plain data (`data:,%23%20…`), other media
 * types, or gzip-compressed contents (Ignition's `compression: gzip`). Reading accepts all of them.
 */

export const MCO_DATA_URL_PREFIX = 'data:text/plain;charset=utf-8;base64,';

const utf8Encoder = new TextEncoder();
/** ignoreBOM keeps a leading byte order mark, as the bytes on disk would. */
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** The contents as the MCO writes them into Ignition: a base64 data URL of the UTF-8 bytes. */
export const encodeDataUrl = (contents: string): string =>
  MCO_DATA_URL_PREFIX + encodeUtf8Base64(contents);

export type DecodedContents = { ok: true; contents: string } | { ok: false; error: string };

const hexValue = (code: number): number => {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
};

/** Percent-decodes to bytes; characters that are not escaped stand for their UTF-8 bytes. */
const percentDecode = (text: string): Uint8Array | null => {
  if (!text.includes('%')) return utf8Encoder.encode(text);
  const parts: Uint8Array[] = [];
  let length = 0;
  const push = (bytes: Uint8Array): void => {
    parts.push(bytes);
    length += bytes.length;
  };
  let runStart = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) !== 0x25 /* % */) continue;
    const high = hexValue(text.charCodeAt(i + 1));
    const low = hexValue(text.charCodeAt(i + 2));
    if (high < 0 || low < 0) return null;
    if (i > runStart) push(utf8Encoder.encode(text.slice(runStart, i)));
    push(Uint8Array.of(high * 16 + low));
    i += 2;
    runStart = i + 1;
  }
  if (runStart < text.length) push(utf8Encoder.encode(text.slice(runStart)));
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

const latin1 = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 1) s += String.fromCharCode(bytes[i]);
  return s;
};

/** The bytes a data URL carries, or an error saying why it cannot be read. */
export const decodeDataUrlBytes = (
  source: string,
): { ok: true; bytes: Uint8Array } | { ok: false; error: string } => {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(source)?.[1];
  if (scheme === undefined)
    return { ok: false, error: `source is not a URL: ${JSON.stringify(source.slice(0, 40))}` };
  if (scheme.toLowerCase() !== 'data') {
    return { ok: false, error: `source is a ${scheme}: URL; only data: URLs can be read here` };
  }
  const comma = source.indexOf(',');
  if (comma < 0) return { ok: false, error: 'data URL has no comma before its data' };
  const parameters = source.slice(5, comma).split(';');
  const isBase64 = parameters[parameters.length - 1].trim().toLowerCase() === 'base64';
  const data = percentDecode(source.slice(comma + 1));
  if (!data) return { ok: false, error: 'data URL has an invalid percent-escape' };
  if (!isBase64) return { ok: true, bytes: data };
  const bytes = decodeBase64(latin1(data));
  return bytes
    ? { ok: true, bytes }
    : { ok: false, error: 'data URL is marked base64 but is not valid base64' };
};

/**
 * The text of a file whose Ignition `contents` are this source and compression. Bytes that are
 * not UTF-8 come out as U+FFFD.
 */
export const decodeDataUrl = (source: string, compression?: string | null): DecodedContents => {
  const decoded = decodeDataUrlBytes(source);
  if (!decoded.ok) return decoded;
  let bytes = decoded.bytes;
  if (compression === 'gzip') {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      return { ok: false, error: `gzip contents cannot be decompressed: ${(e as Error).message}` };
    }
  } else if (compression !== undefined && compression !== null && compression !== '') {
    return { ok: false, error: `unsupported compression ${JSON.stringify(compression)}` };
  }
  return { ok: true, contents: utf8Decoder.decode(bytes) };
};
