import * as path from 'node:path';
import { ConsoleRemotePlugin } from '@openshift-console/dynamic-plugin-sdk-webpack';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import { type Configuration, NormalModuleReplacementPlugin } from 'webpack';

const isProd = process.env.NODE_ENV === 'production';

/**
 * PatternFly's stylesheets, as its modules import them: relatively from react-styles' own
 * modules (wherever npm put react-styles), or by package name from react-core's helpers.
 */
const PATTERNFLY_STYLES_DIR = /[\\/]@patternfly[\\/]react-styles[\\/]css([\\/]|$)/;
const PATTERNFLY_STYLES_REQUEST = /^@patternfly\/react-styles\/css\//;
const PATTERNFLY_CSS_STAND_IN = path.resolve(__dirname, 'bundle-stand-ins/patternfly-css.ts');

/**
 * Builds the plugin into dist/ as the console loads it: plugin-manifest.json, plugin-entry.js
 * (the module federation container), the exposed modules' chunks, and the locales.
 */
const config: Configuration = {
  mode: isProd ? 'production' : 'development',
  context: path.resolve(__dirname, 'src'),
  entry: {},
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: isProd ? '[name]-bundle-[contenthash].min.js' : '[name]-bundle.js',
    chunkFilename: isProd ? '[name]-chunk-[chunkhash].min.js' : '[name]-chunk.js',
    // dist/ holds exactly one build: what the image serves and what the bundle figures count.
    clean: true,
    // The array every chunk of this plugin pushes itself into, on the console's window. It must
    // be unique among the plugins a console loads; webpack's default, derived from the package
    // name, is long and written three times at the top of every chunk.
    chunkLoadingGlobal: 'lazyPullChunks',
  },
  resolve: {
    extensions: ['.ts', '.tsx', '.js', '.jsx'],
  },
  module: {
    // An import of something a module does not export fails the build, not the page.
    parser: { javascript: { exportsPresence: 'error' } },
    rules: [
      {
        test: /\.(jsx?|tsx?)$/,
        exclude: /node_modules/,
        use: [
          {
            loader: 'ts-loader',
            options: { configFile: path.resolve(__dirname, 'tsconfig.json'), transpileOnly: true },
          },
        ],
      },
      // The plugin's own stylesheets, as text for views/shared/styles.ts to add to the page
      // (PatternFly's are replaced by the stand-in below before this rule applies).
      { test: /\.css$/, type: 'asset/source' },
    ],
  },
  plugins: [
    // PatternFly's stylesheets are the console's: it loads them for every plugin, and the SDK
    // asks plugins not to bundle `@patternfly/react-styles/**/*.css` (bundled, they would be
    // injected over the console's own copy).
    // ConsoleRemotePlugin aliases the files it finds under ./node_modules/@patternfly/react-styles,
    // but misses a copy npm nests under react-core, or any behind a symbolic link; so every
    // PatternFly stylesheet import is replaced here, wherever the file is.
    new NormalModuleReplacementPlugin(
      /\.css$/,
      (resource: { context: string; request: string }) => {
        if (
          PATTERNFLY_STYLES_DIR.test(resource.context) ||
          PATTERNFLY_STYLES_REQUEST.test(resource.request)
        ) {
          resource.request = PATTERNFLY_CSS_STAND_IN;
        }
      },
    ),
    new ConsoleRemotePlugin(),
    new CopyWebpackPlugin({
      patterns: [
        { from: path.resolve(__dirname, 'locales'), to: 'locales' },
        // The guide the pull-time section links, served with the plugin's files as plain text.
        { from: path.resolve(__dirname, 'docs/pull-times.md'), to: 'docs/pull-times.txt' },
      ],
    }),
  ],
  devtool: isProd ? false : 'source-map',
  optimization: {
    chunkIds: isProd ? 'deterministic' : 'named',
    minimize: isProd,
    // The SDK's PatternFly transform gives every component its own async chunk; without this,
    // helpers they share (tslib, react-styles, popper) would be copied into each of them.
    // Any module two chunks need goes into one chunk of its own, however small.
    splitChunks: {
      chunks: 'async',
      minSize: 0,
      // No cap on the chunks one page loads: under the default cap of 30, modules of components
      // that a page needs through two paths (MenuToggle, Select) would be copied into two chunks.
      maxAsyncRequests: Infinity,
      cacheGroups: {
        defaultVendors: false,
        default: { minChunks: 2, reuseExistingChunk: true, priority: -20 },
      },
    },
  },
  performance: { hints: false },
};

export default config;
