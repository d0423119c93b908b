/**
 * jsdom has no TextEncoder/TextDecoder, which react-router 7 needs when it loads. Import this
 * module before anything that imports react-router (the shared test setup does not provide them).
 */
import { TextDecoder, TextEncoder } from 'node:util';

const g = globalThis as { TextEncoder?: unknown; TextDecoder?: unknown };
g.TextEncoder ??= TextEncoder;
g.TextDecoder ??= TextDecoder;
