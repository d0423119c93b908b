/**
 * Standard base64 (RFC 4648 §4) through the platform's btoa and atob, which every browser and
 * Node (16 and later) provide. Both work on binary strings: one character per byte.
 */

/** Below the engines' limit on the arguments of one call. */
const CHUNK = 0x8000;

/** Base64 of bytes[0, length). */
export const encodeBase64 = (bytes: Uint8Array, length = bytes.length): string => {
  let binary = '';
  for (let i = 0; i < length; i += CHUNK) {
    // apply takes the typed array as it is; spreading it would iterate it, many times slower.
    const chunk = bytes.subarray(i, Math.min(i + CHUNK, length));
    binary += String.fromCharCode.apply(null, chunk as unknown as number[]);
  }
  return btoa(binary);
};

const NON_ASCII = /[\u0080-\uffff]/;
const utf8Encoder = new TextEncoder();

/** Base64 of the text's UTF-8 bytes. ASCII text is its own binary string, so it goes straight in. */
export const encodeUtf8Base64 = (text: string): string =>
  NON_ASCII.test(text) ? encodeBase64(utf8Encoder.encode(text)) : btoa(text);

/**
 * Decodes base64 as atob does (white space ignored, padding optional), and also the URL-safe
 * digits some writers use in data URLs; null when the text is not base64.
 */
export const decodeBase64 = (text: string): Uint8Array | null => {
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
};
