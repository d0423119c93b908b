/// <reference types="webpack/module" />
/**
 * The console shell's boot, in the console's order: initialize the webpack share scope (the
 * modules provided to plugins), i18n with the Preload plugin namespaces, API discovery; render;
 * then load the plugins named in SERVER_FLAGS.consolePlugins from their manifests.
 */
// The console loads all of PatternFly's styles for its plugins (the plugin's build leaves them out).
import '@patternfly/patternfly/patternfly.css';
import './pf-token-shim.css';
import './shell.css';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initialFlags } from './app/FeatureFlags';
import { applyTheme } from './app/theme';
import { initI18n } from './i18n';
import { createPluginStore, loadPlugins, pluginsSettled, reportPluginProblem } from './plugins';
import { setFlag } from './sdk/flags';
import { discoverModels } from './sdk/models';
import { watchDebug } from './sdk/watch';

declare global {
  interface Window {
    /**
     * For tests: the open watches, feature flags a user turns on (NODE_MGMT_V1 is a per-user
     * tech preview), and the share scope (which provider's copy of each shared module was
     * loaded: `shareScope[module][version].from` once `.loaded`).
     */
    __consoleShell?: {
      watches: typeof watchDebug;
      setFlag: typeof setFlag;
      /** Whether every plugin has loaded or failed. */
      pluginsSettled: typeof pluginsSettled;
      shareScope?: Record<string, unknown>;
    };
  }
}
window.__consoleShell = { watches: watchDebug, setFlag, pluginsSettled };

// Errors thrown by plugin scripts outside React (entry script, chunk evaluation) are shown too.
window.addEventListener('error', (e) => {
  const match = /\/api\/plugins\/([^/]+)\//.exec(e.filename ?? '');
  if (match)
    reportPluginProblem({
      plugin: match[1],
      message: 'a script of the plugin threw',
      cause: e.message,
    });
});

const main = async () => {
  applyTheme();
  await __webpack_init_sharing__('default');
  const sharedScope = __webpack_share_scopes__.default as Record<string, unknown>;
  window.__consoleShell!.shareScope = sharedScope;
  await Promise.all([initI18n(), discoverModels()]);
  Object.entries(initialFlags()).forEach(([flag, value]) => setFlag(flag, value));
  const store = createPluginStore(sharedScope);
  createRoot(document.getElementById('app')!).render(<App store={store} />);
  await loadPlugins(store);
};

main().catch((e: unknown) => {
  reportPluginProblem({
    plugin: '(shell)',
    message: 'the console shell failed to start',
    cause: String(e),
  });
  const root = document.getElementById('app');
  if (root && root.childElementCount === 0) {
    root.innerHTML = `<pre class="co-shell-pre" data-test="shell-error" style="color:#c9190b;padding:2rem">The console shell failed to start:\n${String(
      e instanceof Error ? e.stack : e,
    ).replace(/</g, '&lt;')}</pre>`;
  }
});
