/** The configuration pages' routes (registered in console-extensions.json). */
export const POOLS_PATH = '/lazy-pull';

export const editorPath = (pool: string): string => `/lazy-pull/pools/${encodeURIComponent(pool)}`;
