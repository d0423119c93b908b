import { useCallback, useEffect, useState } from 'react';

/**
 * A module the editor downloads only once it needs it (the YAML editor, the preview, the CEL
 * engine, what applying a change does), so that opening the page costs less: loaded at most once
 * per page, and tried again every few seconds while a download fails (the plugin's server out of
 * reach) and it is still wanted. React.lazy would not do: it keeps a failed import's rejection
 * for good, so the part could never come back without a reload.
 */

export const ON_DEMAND_RETRY_MS = 5000;

const modules = new WeakMap<() => Promise<unknown>, unknown>();

export interface OnDemand<M> {
  /** The module, once loaded. */
  module: M | undefined;
  /** Why the last download failed, while it is not loaded. */
  error: unknown;
  /** Starts the download (nothing if it is loaded or loading). */
  want: () => void;
  /** After a failure: tries again now rather than at the next retry. */
  retry: () => void;
}

export const useOnDemand = <M>(load: () => Promise<M>): OnDemand<M> => {
  const [wanted, setWanted] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ module?: M; error?: unknown }>({});
  const known = state.module ?? (modules.get(load) as M | undefined);
  useEffect(() => {
    if (!wanted || known !== undefined) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tryLoad = () => {
      load().then(
        (module) => {
          modules.set(load, module);
          if (live) setState({ module });
        },
        (error: unknown) => {
          if (!live) return;
          setState({ error });
          timer = setTimeout(tryLoad, ON_DEMAND_RETRY_MS);
        },
      );
    };
    tryLoad();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [wanted, known, load, attempt]);
  const want = useCallback(() => setWanted(true), []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { module: known, error: known === undefined ? state.error : undefined, want, retry };
};
