/**
 * What a console watch failed with, or undefined. The console's watch reducers start and reset
 * every watch with `loadError: ''`, so an empty string (like null and undefined) means no error;
 * anything else is the error of a list or read that failed.
 */
export const loadErrorOf = (loadError: unknown): unknown =>
  loadError === '' || loadError === null || loadError === undefined ? undefined : loadError;
