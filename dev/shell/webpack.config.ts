/* The console shell's own build (not the plugin's): a small React + PatternFly 6 app that plays the
 * OpenShift console's part for `npm start`. Output goes to dev/shell/dist (gitignored), never to the
 * plugin's dist/.
 *
 * Like the console, the shell declares the modules it provides to plugins through webpack's
 * SharePlugin, so the plugin's container (built with ConsoleRemotePlugin, whose shared modules are
 * `import: false` singletons) finds them in the `default` share scope the shell hands to
 * `@openshift/dynamic-plugin-sdk`'s PluginLoader.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Configuration, sharing } from 'webpack';

const root = path.resolve(__dirname, '../..');
const shellDir = __dirname;

/** The exact version of an installed package, so the share scope announces what is really there. */
const installedVersion = (pkg: string): string =>
  (
    JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

/** The version the console 4.22 SDK promises for each module it provides (its peerDependencies). */
const sdkPeerRanges = (
  JSON.parse(
    fs.readFileSync(
      path.join(root, 'node_modules/@openshift-console/dynamic-plugin-sdk/package.json'),
      'utf8',
    ),
  ) as { peerDependencies: Record<string, string> }
).peerDependencies;

type SharedConfig = Record<
  string,
  {
    import?: string | false;
    shareKey?: string;
    version?: string;
    requiredVersion?: string | false;
    singleton?: boolean;
    eager?: boolean;
  }
>;

/** Console-provided singletons (the list of @openshift-console/dynamic-plugin-sdk-webpack's sharedPluginModules). */
const consoleSingletons = [
  'react',
  'react-i18next',
  'react-redux',
  'react-router',
  'redux',
  'redux-thunk',
];

export const shared: SharedConfig = {
  ...Object.fromEntries(
    consoleSingletons.map((name) => [
      name,
      {
        singleton: true,
        eager: true,
        version: installedVersion(name),
        requiredVersion: sdkPeerRanges[name] ?? false,
      },
    ]),
  ),
  // The console's plugin loading library; plugins may use its hooks directly.
  '@openshift/dynamic-plugin-sdk': {
    singleton: true,
    eager: true,
    version: installedVersion('@openshift/dynamic-plugin-sdk'),
    requiredVersion: false,
  },
  // The shell's own implementation of the console SDK, shared under the SDK's name: this is what
  // the plugin's `import { … } from '@openshift-console/dynamic-plugin-sdk'` resolves to at runtime.
  '@openshift-console/dynamic-plugin-sdk': {
    import: path.join(shellDir, 'src/sdk/index.ts'),
    shareKey: '@openshift-console/dynamic-plugin-sdk',
    singleton: true,
    eager: true,
    version: installedVersion('@openshift-console/dynamic-plugin-sdk'),
    requiredVersion: false,
  },
};

/**
 * The PatternFly versions console 4.22 provides to plugins. The share scope announces these, not
 * whatever npm installed, so that a plugin built against a newer PatternFly sees what the real
 * console does: its own copies win the negotiation (the highest version satisfying the plugin's
 * range is used) and load as chunks of its own.
 */
export const CONSOLE_PATTERNFLY_VERSIONS: Record<string, string> = {
  '@patternfly/react-core': '6.4.2',
  '@patternfly/react-table': '6.4.2',
  '@patternfly/react-icons': '6.4.0',
};

/**
 * PatternFly "dynamic modules" (one per component directory), as the console provides them: the
 * plugin's ConsoleRemotePlugin rewrites `import { Tabs } from '@patternfly/react-core'` into
 * `@patternfly/react-core/dist/dynamic/components/Tabs` and consumes that from the share scope,
 * falling back to its own copy only when no provider offers a version in its range, or when its
 * own is higher. Providing them means the plugin renders with the shell's PatternFly (and
 * react-dom), as in the console.
 */
for (const [pkg, version] of Object.entries(CONSOLE_PATTERNFLY_VERSIONS)) {
  if (installedVersion(pkg) !== version)
    throw new Error(
      `the console shell provides ${pkg} ${version}, as console 4.22 does, but npm installed ${installedVersion(pkg)}`,
    );
  const map = JSON.parse(
    fs.readFileSync(path.join(root, 'node_modules', pkg, 'dist/dynamic-modules.json'), 'utf8'),
  ) as Record<string, string>;
  for (const modulePath of new Set(Object.values(map))) {
    // An absolute `import` makes webpack provide the module even though the shell itself never
    // imports it by this name (a bare request would only be provided when encountered). Eager, as
    // the shell's bundle holds all of PatternFly anyway: of two equal versions in the share scope
    // webpack prefers an eager one, so the plugin's own fallback copy is never chosen over ours.
    shared[`${pkg}/${modulePath}`] = {
      import: path.join(root, 'node_modules', pkg, modulePath),
      shareKey: `${pkg}/${modulePath}`,
      version,
      requiredVersion: false,
      eager: true,
    };
  }
}

const config = (_env: unknown, argv: { mode?: Configuration['mode'] } = {}): Configuration => ({
  mode: argv.mode ?? 'development',
  context: shellDir,
  entry: { shell: './src/index.tsx' },
  output: {
    path: path.join(shellDir, 'dist'),
    publicPath: '/static/',
    filename: '[name].js',
    chunkFilename: 'chunks/[name].[contenthash:8].js',
    assetModuleFilename: 'assets/[name].[contenthash:8][ext]',
    // The plugin's chunks are loaded with JSONP callbacks named after their own uniqueName; keep the
    // shell's distinct so the two runtimes never share a global.
    uniqueName: 'console-shell',
    clean: true,
  },
  resolve: { extensions: ['.ts', '.tsx', '.js', '.jsx'] },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        exclude: /node_modules/,
        use: [
          {
            loader: 'ts-loader',
            options: {
              configFile: path.join(root, 'tsconfig.json'),
              transpileOnly: true,
              onlyCompileBundledFiles: true,
            },
          },
        ],
      },
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.(woff2?|ttf|eot|otf)$/, type: 'asset/resource' },
      { test: /\.(svg|png|jpe?g|gif)$/, type: 'asset/resource' },
    ],
  },
  plugins: [new sharing.SharePlugin({ shared, shareScope: 'default' })],
  // By default React's development build: its warnings (missing keys, bad hook calls, act-less
  // updates) reach the page console, where the integration tests fail on them. The benchmarks
  // build the production one, which the console runs; left unminified, since minifying Monaco
  // takes minutes and changes nothing the page does at run time.
  optimization: { minimize: false },
  devtool: 'cheap-module-source-map',
  cache: {
    type: 'filesystem',
    cacheDirectory: path.join(root, '.tmp/webpack-cache/shell'),
    buildDependencies: { config: [__filename] },
  },
  performance: { hints: false },
  stats: 'errors-warnings',
});

export default config;
