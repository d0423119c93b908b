/**
 * Monaco, bundled with the shell as the console bundles it (never fetched from a CDN): the editor
 * with all its features, YAML highlighting, and its worker. `globalAPI` puts the API on
 * `window.monaco`, where browser tests read an editor's model, as the console's own tests do.
 */
import { loader } from '@monaco-editor/react';

(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  globalAPI: true,
  getWorker: () =>
    new Worker(new URL('monaco-editor/esm/vs/editor/editor.worker.js', import.meta.url)),
};

// After MonacoEnvironment is set: the API module reads it once, when it is evaluated.
const load = async () => {
  await import('monaco-editor/esm/vs/editor/editor.all.js');
  await import('monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js');
  return import('monaco-editor/esm/vs/editor/editor.api.js');
};

let configured: Promise<void> | undefined;

/** Hands the bundled Monaco to @monaco-editor/react before the first editor mounts. */
export const configureMonaco = (): Promise<void> =>
  (configured ??= load().then((monaco) => loader.config({ monaco })));
