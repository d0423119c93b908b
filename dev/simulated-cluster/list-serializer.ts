import type { ListResult } from './kube-api';

/**
 * A list response as JSON text, in chunks, so that a list of thousands of full Node objects is
 * written without building one string of a hundred megabytes.
 */
export function* listJsonChunks(list: ListResult, itemsPerChunk = 200): Generator<string> {
  const { items, ...envelope } = list;
  yield `${JSON.stringify(envelope).slice(0, -1)},"items":[`;
  for (let i = 0; i < items.length; i += itemsPerChunk) {
    const chunk = items
      .slice(i, i + itemsPerChunk)
      .map((o) => JSON.stringify(o))
      .join(',');
    yield i === 0 ? chunk : `,${chunk}`;
  }
  yield ']}';
}

/** The size in bytes of a list response body. */
export const listJsonBytes = (list: ListResult): number => {
  let bytes = 0;
  for (const chunk of listJsonChunks(list)) bytes += Buffer.byteLength(chunk);
  return bytes;
};
