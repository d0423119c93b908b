import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { I18N_NAMESPACE } from '../views/shared/i18n';

const root = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  consolePlugin: {
    name: string;
    version: string;
    exposedModules: Record<string, string>;
  };
};
const extensions = readFileSync(join(root, 'console-extensions.json'), 'utf8');

describe('the plugin package', () => {
  it('is named as its ConsolePlugin, which the console requires', () => {
    expect(pkg.consolePlugin.name).toBe(pkg.name);
    expect(pkg.consolePlugin.version).toBe(pkg.version);
  });

  it('uses only its own i18n namespace, in the pages and in console-extensions.json labels', () => {
    expect(I18N_NAMESPACE).toBe(`plugin__${pkg.name}`);
    const namespaces = [...extensions.matchAll(/%([^~%]+)~[^%]+%/g)].map((m) => m[1]);
    expect(namespaces.length).toBeGreaterThan(0);
    expect(new Set(namespaces)).toEqual(new Set([`plugin__${pkg.name}`]));
  });

  it('refers only to exposed modules that exist', () => {
    const refs = [...extensions.matchAll(/"\$codeRef":\s*"([^".]+)/g)].map((m) => m[1]);
    for (const ref of refs) expect(Object.keys(pkg.consolePlugin.exposedModules)).toContain(ref);
  });
});
