/** Light / dark theme as PatternFly 6 does it: the `pf-v6-theme-dark` class on <html>. */
import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';
const KEY = 'console-shell.theme';
const listeners = new Set<() => void>();

const initial = (): Theme => {
  const fromUrl = new URLSearchParams(window.location.search).get('theme');
  if (fromUrl === 'light' || fromUrl === 'dark') return fromUrl;
  const stored = window.localStorage.getItem(KEY);
  if (stored === 'light' || stored === 'dark') return stored;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
};

let theme: Theme = initial();

export const applyTheme = () => {
  document.documentElement.classList.toggle('pf-v6-theme-dark', theme === 'dark');
};

export const setTheme = (t: Theme) => {
  theme = t;
  window.localStorage.setItem(KEY, t);
  applyTheme();
  listeners.forEach((l) => l());
};

export const useTheme = (): Theme =>
  useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
    () => theme,
  );
