/**
 * Static checks that keep the shell and the build honest: the shell implements every SDK export
 * and provides every console-shared module the plugin imports, every PatternFly token the
 * component CSS needs is defined, and the build bundles none of PatternFly's stylesheets.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { expect, test } from '@playwright/test';
import * as ts from 'typescript';
import { sharedPluginModules } from '@openshift-console/dynamic-plugin-sdk-webpack/lib/shared-modules/shared-modules-meta';
import { shared } from '../dev/shell/webpack.config';
import { ROOT } from './support/dev-server';

const SDK = '@openshift-console/dynamic-plugin-sdk';

/** `import type …`: erased at build time, so it loads no module. */
const typeOnly = (stmt: ts.ImportDeclaration): boolean =>
  stmt.importClause?.phaseModifier === ts.SyntaxKind.TypeKeyword;

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    // Tests, fixtures and mocks (__tests__, __fixtures__, __mocks__) are not shipped.
    if (statSync(p).isDirectory()) return name.startsWith('__') ? [] : sourceFiles(p);
    return /\.tsx?$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name) ? [p] : [];
  });

test('static: the shell implements every SDK export the plugin imports', async () => {
  // What the plugin's code takes from the SDK at runtime (type-only imports are erased).
  const used = new Map<string, string>();
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const stmt of sf.statements) {
      if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
      if (stmt.moduleSpecifier.text !== SDK || typeOnly(stmt)) continue;
      const bindings = stmt.importClause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings))
        used.set('* as namespace', path.relative(ROOT, file));
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) {
          if (!el.isTypeOnly)
            used.set((el.propertyName ?? el.name).text, path.relative(ROOT, file));
        }
      }
    }
  }
  // What the shell's SDK module exports.
  const entry = path.join(ROOT, 'dev/shell/src/sdk/index.ts');
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const provided = new Set(checker.getExportsOfModule(moduleSymbol).map((s) => s.getName()));
  const missing = [...used]
    .filter(([name]) => !provided.has(name))
    .map(([name, file]) => `${name} (used in ${file})`);
  expect(
    missing,
    `the console shell's SDK lacks: ${missing.join(', ')} — implement them in dev/shell/src/sdk/`,
  ).toEqual([]);
  expect(used.size, 'no SDK imports found in src/: is the scan broken?').toBeGreaterThan(0);
});

test('static: the shell provides every console-shared module the plugin imports', async () => {
  // The modules the console provides to plugins (ConsoleRemotePlugin consumes them with
  // import: false, so a plugin fails at runtime when the host does not provide one).
  const consoleShared: readonly string[] = sharedPluginModules;
  const imported = new Map<string, string>();
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const stmt of sf.statements) {
      if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
      if (typeOnly(stmt)) continue;
      const spec = stmt.moduleSpecifier.text;
      if (consoleShared.includes(spec)) imported.set(spec, path.relative(ROOT, file));
    }
  }
  const missing = [...imported]
    .filter(([m]) => !(m in shared))
    .map(([m, f]) => `${m} (imported by ${f})`);
  expect(
    missing,
    `the console shell does not provide: ${missing.join(', ')} — add it to dev/shell/webpack.config.ts`,
  ).toEqual([]);
});

test('static: every PatternFly token the component CSS needs is defined', async () => {
  // react-styles and react-tokens as react-core uses them (npm may install them under react-core).
  const pf = path.join(ROOT, 'node_modules/@patternfly');
  const pfPackage = (name: string) =>
    path.dirname(
      require.resolve(`@patternfly/${name}/package.json`, {
        paths: [path.join(pf, 'react-core')],
      }),
    );
  const defined = new Set<string>();
  const needed = new Map<string, string>();
  const scan = (text: string, file: string, collectUses: boolean) => {
    for (const m of text.matchAll(/(--pf-t--[\w-]+)\s*:/g)) defined.add(m[1]);
    if (!collectUses) return;
    // Only uses without a fallback break when the token is missing.
    for (const m of text.matchAll(/var\((--pf-t--[\w-]+)\s*\)/g))
      if (!needed.has(m[1])) needed.set(m[1], file);
  };
  // What the shell loads for the console's PatternFly styles (dev/shell/src/index.tsx).
  scan(readFileSync(path.join(pf, 'patternfly/patternfly.css'), 'utf8'), 'patternfly.css', false);
  scan(
    readFileSync(path.join(ROOT, 'dev/shell/src/pf-token-shim.css'), 'utf8'),
    'pf-token-shim.css',
    false,
  );
  const cssFiles = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? cssFiles(p) : n.endsWith('.css') ? [p] : [];
    });
  for (const file of cssFiles(path.join(pfPackage('react-styles'), 'css/components'))) {
    scan(readFileSync(file, 'utf8'), path.relative(ROOT, file), true);
  }
  expect(needed.size, 'no PatternFly component CSS found: is the scan broken?').toBeGreaterThan(0);
  const missing = [...needed]
    .filter(([token]) => !defined.has(token) && !token.includes('--glass'))
    .map(([token, file]) => `${token} (${file})`);
  expect(missing, `define these in dev/shell/src/pf-token-shim.css: ${missing.join(', ')}`).toEqual(
    [],
  );
});

test('static: the plugin build bundles none of PatternFly’s stylesheets', async () => {
  // The console loads them for every plugin (bundle-stand-ins/patternfly-css.ts replaces them).
  const dist = path.join(ROOT, 'dist');
  const scripts = readdirSync(dist).filter((f) => f.endsWith('.js'));
  expect(scripts.length, 'dist/ has no scripts: build the plugin first').toBeGreaterThan(0);
  const offenders = scripts.flatMap((file) => {
    const rule = /\.pf-v6-c-[\w-]+\s*\{/.exec(readFileSync(path.join(dist, file), 'utf8'));
    return rule ? [`${file}: PatternFly CSS rule ${rule[0]}`] : [];
  });
  expect(offenders).toEqual([]);
});
