/**
 * Plugin loading as the console does it, with the console's own library: a PluginStore whose
 * PluginLoader gets the webpack share scope the shell initialized (react, react-router, the SDK, …),
 * registers the `__load_plugin_entry__` callback that ConsoleRemotePlugin's entry script calls,
 * injects the manifest's `loadScripts` from its `baseURL` (/api/plugins/<name>/), initializes the
 * container with the share scope and decodes the extensions' `$codeRef`s into loaders of the
 * container's exposed modules. `@console/pluginAPI` resolves to the console version we stand for.
 *
 * Load failures are kept here for the page to show (see PluginErrors) and logged with console.error.
 */
import { PluginStore } from '@openshift/dynamic-plugin-sdk';
import { serverFlags } from './server-flags';

export type PluginLoadProblem = { plugin: string; message: string; cause?: string };

let problems: PluginLoadProblem[] = [];
let settled = false;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export const getPluginProblems = () => problems;
export const pluginsSettled = () => settled;
export const subscribePluginProblems = (l: () => void) => {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
};

export const reportPluginProblem = (p: PluginLoadProblem) => {
  console.error(`Plugin ${p.plugin}: ${p.message}${p.cause ? `\n${p.cause}` : ''}`);
  problems = [...problems, p];
  emit();
};

const describe = (cause: unknown): string | undefined => {
  if (cause === undefined) return undefined;
  if (cause instanceof Event) {
    const target = cause.target as HTMLScriptElement | null;
    return `could not load script ${target?.src ?? '(unknown)'}`;
  }
  if (cause instanceof Error) {
    const nested = (cause as Error & { cause?: unknown }).cause;
    const inner = Array.isArray(nested)
      ? nested.map(describe).join('; ')
      : nested
        ? describe(nested)
        : '';
    return `${cause.name}: ${cause.message}${inner ? ` (${inner})` : ''}`;
  }
  if (typeof cause === 'string' || typeof cause === 'number' || typeof cause === 'boolean')
    return String(cause);
  return JSON.stringify(cause) ?? typeof cause;
};

export const createPluginStore = (sharedScope: Record<string, unknown>) =>
  new PluginStore({
    loaderOptions: {
      sharedScope,
      customDependencyResolutions: { '@console/pluginAPI': serverFlags.releaseVersion },
    },
  });

export const loadPlugins = async (store: PluginStore): Promise<void> => {
  await Promise.all(
    serverFlags.consolePlugins.map(async (name) => {
      const manifestURL = `${serverFlags.basePath}api/plugins/${name}/plugin-manifest.json`;
      try {
        await store.loadPlugin(manifestURL);
      } catch (e) {
        reportPluginProblem({
          plugin: name,
          message: `cannot load ${manifestURL}`,
          cause: describe(e),
        });
      }
    }),
  );
  for (const info of store.getPluginInfo()) {
    if (info.status === 'failed') {
      reportPluginProblem({
        plugin: info.manifest.name,
        message: info.errorMessage,
        cause: describe(info.errorCause),
      });
    }
  }
  settled = true;
  emit();
};
