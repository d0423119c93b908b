import * as path from 'node:path';
import { ConsoleRemotePlugin } from '@openshift-console/dynamic-plugin-sdk-webpack';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import type { Configuration } from 'webpack';

const isProd = process.env.NODE_ENV === 'production';

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
  },
  resolve: {
    extensions: ['.ts', '.tsx', '.js', '.jsx'],
    // PatternFly needs only react-dom's createPortal; see build/react-dom-portal.ts.
    alias: { 'react-dom$': path.resolve(__dirname, 'build/react-dom-portal.ts') },
  },
  module: {
    // An import of something a module does not export fails the build (this is what keeps the
    // react-dom stand-in honest if PatternFly starts using more of react-dom).
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
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
    ],
  },
  plugins: [
    // ConsoleRemotePlugin also leaves PatternFly's stylesheets out of the build (the console loads
    // them), by aliasing every node_modules/@patternfly/react-styles/**/*.css to nothing; that is
    // why @patternfly/react-styles is a direct dependency: a copy nested under react-core would
    // escape the alias, and its CSS would be bundled (it was most of the plugin's JavaScript).
    new ConsoleRemotePlugin(),
    new CopyWebpackPlugin({
      patterns: [{ from: path.resolve(__dirname, 'locales'), to: 'locales' }],
    }),
  ],
  devtool: isProd ? false : 'source-map',
  optimization: {
    chunkIds: isProd ? 'deterministic' : 'named',
    minimize: isProd,
    // The SDK's PatternFly transform gives every component its own async chunk; without this,
    // helpers they share (tslib, react-styles, popper, react-dom) were copied into each of them.
    // Any module two chunks need goes into one chunk of its own, however small.
    splitChunks: {
      chunks: 'async',
      minSize: 0,
      // No cap on the chunks one page loads: under the default cap of 30, modules of components
      // that a page needs through two paths (MenuToggle, Select) were copied into two chunks.
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
