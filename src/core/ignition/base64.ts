/**
 * Standard base64 (RFC 4648 §4, with padding), without atob/btoa or Node's Buffer, so that the
 * same code runs in the console and in Node. Encoding is on the render hot path (every generated
 * file goes through it), so it is written for speed.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ENCODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = 61; // '='

/** Decoding table: 0–63 for a digit, 64 for padding, 255 for anything else. */
const DECODE = (() => {
  const table = new Uint8Array(128).fill(255);
  for (let i = 0; i < ALPHABET.length; i += 1) table[ALPHABET.charCodeAt(i)] = i;
  // The URL-safe alphabet's two digits, which some writers use in data URLs.
  table['-'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  table[PAD] = 64;
  return table;
})();

/**
 * Encoding reads twelve bytes at a time as three big-endian 32-bit words, splits them into four
 * 24-bit groups, and writes each group as four characters with one 32-bit store: PAIRS maps a
 * 12-bit half of a group to its two characters, packed little-endian into 16 bits. This is
 * several times faster than a character at a time, which matters because every rendered file
 * passes through here.
 */
const PAIRS = (() => {
  const table = new Uint16Array(4096);
  for (let i = 0; i < 4096; i += 1) table[i] = ENCODE[i >> 6] | (ENCODE[i & 63] << 8);
  return table;
})();

/** Four characters for a 24-bit group, as a little-endian 32-bit word. */
const quad = (group: number): number => PAIRS[group >>> 12] | (PAIRS[group & 4095] << 16);

/** Reused output space, grown when a larger input comes. */
let outBuffer = new ArrayBuffer(16384);
const asciiDecoder = new TextDecoder();

/** Base64 of bytes[0, length). */
export const encodeBase64 = (bytes: Uint8Array, length = bytes.length): string => {
  const needed = Math.ceil(length / 3) * 4;
  if (outBuffer.byteLength < needed) outBuffer = new ArrayBuffer(needed * 2);
  const input = new DataView(bytes.buffer, bytes.byteOffset, length);
  const output = new DataView(outBuffer);
  let i = 0;
  let o = 0;
  for (const end = length - (length % 12); i < end; i += 12, o += 16) {
    const w0 = input.getUint32(i);
    const w1 = input.getUint32(i + 4);
    const w2 = input.getUint32(i + 8);
    output.setUint32(o, quad(w0 >>> 8), true);
    output.setUint32(o + 4, quad(((w0 & 0xff) << 16) | (w1 >>> 16)), true);
    output.setUint32(o + 8, quad(((w1 & 0xffff) << 8) | (w2 >>> 24)), true);
    output.setUint32(o + 12, quad(w2 & 0xffffff), true);
  }
  for (const end = length - (length % 3); i < end; i += 3, o += 4) {
    output.setUint32(o, quad((bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]), true);
  }
  const rest = length - i;
  if (rest > 0) {
    const n = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0);
    output.setUint32(o, quad(n), true);
    if (rest === 1) output.setUint8(o + 2, PAD);
    output.setUint8(o + 3, PAD);
    o += 4;
  }
  return asciiDecoder.decode(new Uint8Array(outBuffer, 0, o));
};

/**
 * Decodes base64, ignoring white space and accepting missing padding and the URL-safe digits;
 * null when the text is not base64 (a foreign character, or padding before the end).
 */
export const decodeBase64 = (text: string): Uint8Array | null => {
  const digits: number[] = [];
  let padding = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) continue;
    const value = code < 128 ? DECODE[code] : 255;
    if (value === 255) return null;
    if (value === 64) {
      padding += 1;
      continue;
    }
    if (padding > 0) return null; // a digit after padding
    digits.push(value);
  }
  if (digits.length % 4 === 1 || padding > 2) return null;
  const out = new Uint8Array(Math.floor((digits.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < digits.length; i += 4) {
    const n =
      (digits[i] << 18) |
      (digits[i + 1] << 12) |
      ((digits[i + 2] ?? 0) << 6) |
      (digits[i + 3] ?? 0);
    out[o++] = n >>> 16;
    if (i + 2 < digits.length) out[o++] = (n >>> 8) & 255;
    if (i + 3 < digits.length) out[o++] = n & 255;
  }
  return out;
};
