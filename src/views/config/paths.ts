/** The configuration pages' routes (registered in console-extensions.json). */
export const POOLS_PATH = '/lazy-pull';
export const EDITOR_ROUTE = '/lazy-pull/pools/:pool';

export const editorPath = (pool: string): string => `/lazy-pull/pools/${encodeURIComponent(pool)}`;
