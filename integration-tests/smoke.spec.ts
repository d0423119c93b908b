/**
 * Smoke test of `npm start`: the console shell serves, loads the built plugin through its manifest
 * and module federation, shows the plugin's nav item, and renders its page at /lazy-pull with
 * nothing wrong in the page's console. Plus two static checks that keep the shell honest.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { sharedBrowser, shellFor } from './fixtures';
import {
  assertNoPageProblems,
  ROOT,
  screenshot,
  test,
  type CheckedPage,
  type RunningShell,
} from './harness';

const SDK = '@openshift-console/dynamic-plugin-sdk';

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
      if (stmt.moduleSpecifier.text !== SDK || stmt.importClause?.isTypeOnly) continue;
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
  assert.deepEqual(
    missing,
    [],
    `the console shell's SDK lacks: ${missing.join(', ')} — implement them in dev/shell/src/sdk/`,
  );
  assert.ok(used.size > 0, 'no SDK imports found in src/: is the scan broken?');
});

test('static: the shell provides every console-shared module the plugin imports', async () => {
  // The modules the console provides to plugins (ConsoleRemotePlugin consumes them with
  // import: false, so a plugin fails at runtime when the host does not provide one).
  const { sharedPluginModules } =
    await import('@openshift-console/dynamic-plugin-sdk-webpack/lib/shared-modules/shared-modules-meta');
  const consoleShared: readonly string[] = sharedPluginModules;
  const { shared } = await import('../dev/shell/webpack.config');
  const imported = new Map<string, string>();
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const stmt of sf.statements) {
      if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
      if (stmt.importClause?.isTypeOnly) continue;
      const spec = stmt.moduleSpecifier.text;
      if (consoleShared.includes(spec)) imported.set(spec, path.relative(ROOT, file));
    }
  }
  const missing = [...imported]
    .filter(([m]) => !(m in shared))
    .map(([m, f]) => `${m} (imported by ${f})`);
  assert.deepEqual(
    missing,
    [],
    `the console shell does not provide: ${missing.join(', ')} — add it to dev/shell/webpack.config.ts`,
  );
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
  assert.ok(needed.size > 0, 'no PatternFly component CSS found: is the scan broken?');
  const missing = [...needed]
    .filter(([token]) => !defined.has(token) && !token.includes('--glass'))
    .map(([token, file]) => `${token} (${file})`);
  assert.deepEqual(
    missing,
    [],
    `define these in dev/shell/src/pf-token-shim.css: ${missing.join(', ')}`,
  );
});

let shell: RunningShell | undefined;
let page: CheckedPage | undefined;
/** Everything the page fetched from the plugin's proxy path. */
const pluginRequests: string[] = [];

const ready = async () => {
  shell ??= await shellFor('admin');
  if (!page) {
    page = await (await sharedBrowser()).newPage();
    page.on('request', (r) => {
      if (r.url().includes('/api/plugins/lazy-pull-console-plugin/')) pluginRequests.push(r.url());
    });
  }
  return { shell, page };
};

test('static: the plugin build bundles neither PatternFly’s stylesheets, react-dom nor lodash', async () => {
  // The console provides two: PatternFly's CSS for every plugin, and the ReactDOM that renders
  // the plugin's portals (build/react-dom-portal.ts stands in for react-dom's createPortal).
  // PatternFly's Table gets build/lodash-merge-with.ts for lodash's mergeWith.
  const dist = path.join(ROOT, 'dist');
  const scripts = readdirSync(dist).filter((f) => f.endsWith('.js'));
  assert.ok(scripts.length > 0, 'dist/ has no scripts: build the plugin first');
  const offenders = scripts.flatMap((file) => {
    const text = readFileSync(path.join(dist, file), 'utf8');
    const found: string[] = [];
    const rule = /\.pf-v6-c-[\w-]+\s*\{/.exec(text);
    if (rule) found.push(`${file}: PatternFly CSS rule ${rule[0]}`);
    // Every production react-dom build links its error codes to React's decoder page.
    if (text.includes('reactjs.org/docs/error-decoder.html')) found.push(`${file}: react-dom`);
    // lodash's caches (behind its merge) mark a stored undefined with this string.
    if (text.includes('__lodash_hash_undefined__')) found.push(`${file}: lodash`);
    return found;
  });
  assert.deepEqual(offenders, []);
});

test(
  'the shell shows the plugin nav item "Lazy image pulling"',
  async () => {
    const { shell: s, page: p } = await ready();
    await p.goto(`${s.url}/`);
    const nav = p.getByRole('navigation', { name: 'Global' });
    await nav
      .getByRole('link', { name: 'Lazy image pulling' })
      .waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(
      pluginRequests.some((u) => u.includes('/plugin-manifest.json')) &&
        pluginRequests.some((u) => /plugin-entry/.test(u)),
      `the plugin was not loaded from its manifest and entry script: ${pluginRequests.join(', ')}`,
    );
    assert.equal(
      await p.locator('[data-test="plugin-error"], [data-test="shell-error"]').count(),
      0,
      'an error is shown on the page',
    );
    await screenshot(p, 'smoke-overview');
    assertNoPageProblems(p);
  },
  { timeoutMs: 360_000 },
);

test(
  'the nav item opens /lazy-pull, rendered by the plugin, with a clean console',
  async () => {
    const { page: p } = await ready();
    await p
      .getByRole('navigation', { name: 'Global' })
      .getByRole('link', { name: 'Lazy image pulling' })
      .click();
    await p.waitForURL(/\/lazy-pull$/);
    const heading = p.locator('main h1').first();
    await heading.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await heading.textContent()) ?? '', /\S/, 'the page has an empty heading');
    // The route's component is one of the plugin's exposed modules, fetched through the container.
    assert.ok(
      pluginRequests.some((u) => /\/exposed-[^/]*\.js/.test(u)),
      `no exposed module of the plugin was loaded: ${pluginRequests.join(', ')}`,
    );
    // Let watches deliver and the page settle before judging the console.
    await p.waitForTimeout(1500);
    assert.equal(
      await p.locator('[data-test="plugin-error"], [data-test="shell-error"]').count(),
      0,
      'an error is shown on the page',
    );
    await screenshot(p, 'smoke-lazy-pull-light');
    await p.getByRole('button', { name: 'Dark theme' }).click();
    assert.ok(
      await p.evaluate(() => document.documentElement.classList.contains('pf-v6-theme-dark')),
      'dark theme not applied',
    );
    await p.waitForTimeout(800); // PatternFly's colour transitions
    await screenshot(p, 'smoke-lazy-pull-dark');
    await p.getByRole('button', { name: 'Light theme' }).click();
    assertNoPageProblems(p);
    await p.close();
    page = undefined;
  },
  { timeoutMs: 120_000 },
);
