/**
 * `webpack serve` of the plugin for `npm run start-console` (a real console against a real cluster),
 * as the console plugin template does it: the project's own webpack.config.ts in development mode,
 * plus a dev server on port 9001 (PLUGIN_PORT) that the console container's bridge reaches as the
 * plugin's service. ConsoleRemotePlugin makes the bundle load its chunks from /api/plugins/<name>/
 * (the bridge's proxy path), while the bridge itself fetches from this server's root: so the dev
 * middleware serves the in-memory build at `/`. Nothing is written to dist/, which `npm start` and
 * the tests use. No dev-server client is injected: the console page is not this server's.
 */
import type { Configuration } from 'webpack';
import type { Configuration as DevServerConfiguration } from 'webpack-dev-server';
import base from '../webpack.config';

const port = Number(process.env.PLUGIN_PORT ?? 9001);

const config: Configuration & { devServer: DevServerConfiguration } = {
  ...base,
  devServer: {
    port,
    host: process.env.PLUGIN_HOST ?? '0.0.0.0',
    // The bridge in a container connects through host.containers.internal / host.docker.internal.
    allowedHosts: 'all',
    static: false,
    devMiddleware: { publicPath: '/', writeToDisk: false },
    headers: {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, OPTIONS',
      'Access-Control-Allow-Headers': 'X-Requested-With, Content-Type, Authorization',
      'Cache-Control': 'no-store',
    },
    client: false,
    hot: false,
    liveReload: false,
  },
};

export default config;
