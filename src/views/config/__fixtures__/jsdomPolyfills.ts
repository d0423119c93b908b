/**
 * jsdom lacks TextEncoder/TextDecoder, which react-router 7 needs when it loads, and
 * structuredClone, which the core uses and every browser the console supports has. Import this
 * first in a view test, before anything that imports react-router.
 */
import { TextDecoder, TextEncoder } from 'node:util';
import { deserialize, serialize } from 'node:v8';

Object.assign(globalThis, { TextEncoder, TextDecoder });
if (typeof globalThis.structuredClone !== 'function') {
  Object.assign(globalThis, {
    structuredClone: <T>(value: T): T => deserialize(serialize(value)) as T,
  });
}
