/**
 * Names inside an additional layer store: `<store>/<base64(image reference)>/<TOC digest>/`.
 * The store is not ours, so names are decoded strictly: anything that is not canonical base64 of
 * a printable reference is treated as an unknown entry, never shown as an image.
 */

const STANDARD = /^[A-Za-z0-9+/]*={0,2}$/;
const URL_SAFE = /^[A-Za-z0-9_-]*={0,2}$/;
const PRINTABLE_REFERENCE = /^[\x21-\x7e]{1,512}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The image reference a store directory is named after, or undefined for anything else. */
export const decodeImageRefDirName = (name: string): string | undefined => {
  const standard = STANDARD.test(name);
  if (!standard && !URL_SAFE.test(name)) return undefined;
  const unpadded = name.replace(/=+$/, '');
  if (unpadded.length === 0 || unpadded.length % 4 === 1) return undefined;
  if (unpadded.length !== name.length && name.length % 4 !== 0) return undefined;
  const encoding = standard ? 'base64' : 'base64url';
  const bytes = Buffer.from(unpadded, encoding);
  // Canonical only: leftover bits would make two names decode to the same reference.
  if (bytes.toString(encoding).replace(/=+$/, '') !== unpadded) return undefined;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  return PRINTABLE_REFERENCE.test(text) ? text : undefined;
};

/** An OCI digest (`algorithm:encoded`), the shape of a TOC digest directory. */
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export const isLayerDirName = (name: string): boolean => DIGEST.test(name);
