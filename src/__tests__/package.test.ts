import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  consolePlugin: {
    name: string;
    version: string;
    exposedModules: Record<string, string>;
    dependencies: Record<string, string>;
  };
};
const extensions = readFileSync(join(root, 'console-extensions.json'), 'utf8');

describe('the plugin package', () => {
  it('is named as its ConsolePlugin, which the console requires', () => {
    expect(pkg.consolePlugin.name).toBe(pkg.name);
    expect(pkg.name).toBe('lazy-pull-console-plugin');
    expect(pkg.consolePlugin.version).toBe(pkg.version);
  });

  it('targets console 4.22 and later', () => {
    expect(pkg.consolePlugin.dependencies).toEqual({ '@console/pluginAPI': '>=4.22.0-0' });
  });

  it('uses only its own i18n namespace in console-extensions.json labels', () => {
    const namespaces = [...extensions.matchAll(/%([^~%]+)~[^%]+%/g)].map((m) => m[1]);
    expect(namespaces.length).toBeGreaterThan(0);
    expect(new Set(namespaces)).toEqual(new Set(['plugin__lazy-pull-console-plugin']));
  });

  it('refers only to exposed modules that exist', () => {
    const refs = [...extensions.matchAll(/"\$codeRef":\s*"([^".]+)/g)].map((m) => m[1]);
    for (const ref of refs) expect(Object.keys(pkg.consolePlugin.exposedModules)).toContain(ref);
  });
});
