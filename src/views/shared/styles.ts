/**
 * The plugin's own stylesheets, added to the console's page once each. The build imports a
 * stylesheet as its text (webpack.config.ts); a module that uses one calls injectStyles when it
 * is first loaded, as style-loader's modules did, without style-loader's runtime (1.4 KB of
 * gzip-compressed JavaScript for three small files).
 */
const injected = new Set<string>();

export const injectStyles = (css: string): void => {
  if (injected.has(css) || typeof document === 'undefined') return;
  injected.add(css);
  const style = document.createElement('style');
  style.setAttribute('data-plugin', 'lazy-pull-console-plugin');
  style.textContent = css;
  document.head.appendChild(style);
};
