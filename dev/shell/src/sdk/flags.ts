/**
 * The console's feature flags (its redux FLAGS), as a small store: set by the shell (built-in flags,
 * `console.flag/model` extensions) and by plugins' `console.flag` handlers, read with useFlag, and
 * mirrored into the PluginStore so that extensions' `flags.required / disallowed` take effect.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { useSyncExternalStore } from 'react';

let flags: Record<string, boolean | undefined> = {};
const listeners = new Set<() => void>();

export const getFlags = () => flags;

export const setFlag = (name: string, value: boolean | undefined) => {
  if (flags[name] === value) return;
  flags = { ...flags, [name]: value };
  listeners.forEach((l) => l());
};

export const subscribeFlags = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

export const useFlag: typeof SDK.useFlag = (flag) =>
  useSyncExternalStore(subscribeFlags, () => flags[flag]) as boolean;
