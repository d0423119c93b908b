/**
 * `window.SERVER_FLAGS`, which the console's server (bridge) writes into index.html; dev/server.ts
 * writes the same names the console uses (basePath, consolePlugins, i18nNamespaces, releaseVersion)
 * plus the shell's own settings for the simulated cluster.
 */
export interface ShellServerFlags {
  basePath: string;
  consolePlugins: string[];
  /** Plugin namespaces whose ConsolePlugin declares i18n loadType Preload. */
  i18nNamespaces: string[];
  releaseVersion: string;
  /** How often buffered watch events are applied (the console flushes every 500 ms). */
  watchFlushIntervalMs: number;
  /** The dev/ options this server was started with, for the masthead. */
  dev: { persona: string; gate: string; nodes: number };
}

declare global {
  interface Window {
    SERVER_FLAGS: ShellServerFlags;
  }
}

const defaults: ShellServerFlags = {
  basePath: '/',
  consolePlugins: [],
  i18nNamespaces: [],
  releaseVersion: '4.22.0',
  watchFlushIntervalMs: 500,
  dev: { persona: 'admin', gate: 'on', nodes: 0 },
};

export const serverFlags: ShellServerFlags = { ...defaults, ...(window.SERVER_FLAGS ?? {}) };
