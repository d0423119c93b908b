/** useUserSettings / useUserPreference, useActivePerspective, useActiveNamespace: browser-local, as a single-user console. */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { useCallback, useSyncExternalStore } from 'react';

const PREFIX = 'console-shell.user-settings.';
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
};

const read = (key: string): string | null => window.localStorage.getItem(PREFIX + key);

export const useUserPreference: typeof SDK.useUserPreference = <T>(
  key: string,
  defaultValue?: T,
) => {
  const raw = useSyncExternalStore(subscribe, () => read(key));
  const value = (raw === null ? defaultValue : (JSON.parse(raw) as T)) as T;
  const setValue = useCallback(
    (next: T | ((prev: T) => T)) => {
      const current = read(key);
      const prev = (current === null ? defaultValue : (JSON.parse(current) as T)) as T;
      const resolved = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
      window.localStorage.setItem(PREFIX + key, JSON.stringify(resolved));
      notify();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  return [value, setValue, true];
};

export const useUserSettings: typeof SDK.useUserSettings = useUserPreference;

export const useActivePerspective: typeof SDK.useActivePerspective = () => {
  const [perspective, setPerspective] = useUserPreference<string>('perspective', 'admin');
  return [perspective, (p: string) => setPerspective(p)];
};

export const useActiveNamespace: typeof SDK.useActiveNamespace = () => {
  const [ns, setNs] = useUserPreference<string>('namespace', '#ALL_NS#');
  return [ns, (n: string) => setNs(n)];
};
