/**
 * `npm start`: builds the plugin (its real webpack config) and the console shell, then serves on one
 * port, as the console's server (bridge) would:
 *
 *   /api/kubernetes/…, /api/dev/…     the simulated cluster (REST, WebSocket watches, dev controls)
 *   /api/plugins/<plugin>/…           the built plugin from dist/ (plugin-manifest.json, entry, chunks, locales)
 *   /locales/resource.json?lng&ns     a translation namespace, where the console's i18n reads it (the
 *                                     plugin's from dist/locales/, the console's own empty)
 *   /static/…                         the console shell's bundle (dev/shell/dist)
 *   anything else                     the shell's index.html (single-page app), with window.SERVER_FLAGS
 *
 * Usage: npm start -- [--nodes N] [--gate on|off] [--persona admin|read-only] [--hosted] [--port N] [--host H]
 *                     [--pull-events seeded|none|forbidden]
 *                     [--no-build] [--dev] [--seed N] [--watch-flush-ms N] [--event-window N]
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import {
  createSimulatedCluster,
  type PersonaName,
  type PullEventsMode,
  type SimulatedCluster,
} from './simulated-cluster';

const ROOT = path.resolve(__dirname, '..');
const PLUGIN_DIST = path.join(ROOT, 'dist');
const SHELL_DIR = path.join(ROOT, 'dev/shell');
/** Where each build of the shell goes: React's development build for the tests (its warnings
 * reach the page console, where a browser test fails on them), its production build, which the
 * console runs, for the benchmarks. */
const SHELL_DIST: Record<ShellMode, string> = {
  development: path.join(SHELL_DIR, 'dist'),
  production: path.join(ROOT, '.tmp/shell-production'),
};
const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  consolePlugin: { name: string };
};
const PLUGIN_NAME = PKG.consolePlugin.name;
const CONSOLE_VERSION = '4.22.0';

export type ShellMode = 'development' | 'production';

export interface DevServerOptions {
  port: number;
  host: string;
  nodes: number;
  gate: boolean;
  /** A hosted control plane: no Machine Config Operator API. */
  hosted: boolean;
  persona: PersonaName;
  pullEvents: PullEventsMode;
  build: boolean;
  devBuild: boolean;
  shellMode: ShellMode;
  seed?: number;
  watchFlushMs: number;
  eventWindow?: number;
}

const USAGE = `Usage: npm start -- [options]
  --nodes N              worker and GPU nodes of the simulated cluster, besides 3 control-plane nodes (default 12)
  --gate on|off          the AdditionalStorageConfig feature gate at start (default on)
  --hosted               a hosted control plane's cluster: nodes, but no Machine Config Operator API
  --persona NAME         admin | read-only (default admin)
  --pull-events MODE     the kubelets' image events: seeded (the last 3 h, and a pull every 20 s), none,
                         or forbidden (every request for events answered 403) (default seeded)
  --port N               port to serve on (default 9000, or $PORT; 0 picks a free one)
  --host H               address to listen on (default 127.0.0.1)
  --no-build             reuse the plugin in dist/ instead of building it
  --dev                  build the plugin in development mode (default: production, as shipped)
  --shell-mode MODE      the console shell's React build: development (its warnings in the page console)
                         or production (as the console runs it) (default development)
  --seed N               seed of the simulated cluster (default 1)
  --watch-flush-ms N     how often the shell applies buffered watch events (default 500, as the console)
  --event-window N       change events the cluster keeps for watches; older resourceVersions get 410 (default 20000)`;

const fail = (message: string): never => {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
};

export const parseArgs = (argv: string[]): DevServerOptions => {
  const o: DevServerOptions = {
    port: Number(process.env.PORT ?? 9000),
    host: '127.0.0.1',
    nodes: 12,
    gate: true,
    hosted: false,
    persona: 'admin',
    pullEvents: 'seeded',
    build: true,
    devBuild: false,
    shellMode: 'development',
    watchFlushMs: 500,
  };
  const int = (name: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min)
      fail(`${name} needs an integer of at least ${min}, got ${v}`);
    return n;
  };
  const oneOf = <T extends string>(
    name: string,
    v: string | undefined,
    allowed: readonly T[],
  ): T => {
    if (v !== undefined && (allowed as readonly string[]).includes(v)) return v as T;
    const choices = `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
    return fail(`${name} must be ${choices}, got ${v}`);
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--nodes':
        o.nodes = int('--nodes', value(), 0);
        break;
      case '--hosted':
        o.hosted = true;
        break;
      case '--gate':
        o.gate = oneOf('--gate', value(), ['on', 'off']) === 'on';
        break;
      case '--persona':
        o.persona = oneOf<PersonaName>('--persona', value(), ['admin', 'read-only']);
        break;
      case '--pull-events':
        o.pullEvents = oneOf<PullEventsMode>('--pull-events', value(), [
          'seeded',
          'none',
          'forbidden',
        ]);
        break;
      case '--port':
        o.port = int('--port', value(), 0);
        break;
      case '--host':
        o.host = value() ?? fail('--host needs a value');
        break;
      case '--no-build':
        o.build = false;
        break;
      case '--dev':
        o.devBuild = true;
        break;
      case '--shell-mode':
        o.shellMode = oneOf<ShellMode>('--shell-mode', value(), ['development', 'production']);
        break;
      case '--seed':
        o.seed = int('--seed', value(), 0);
        break;
      case '--event-window':
        o.eventWindow = int('--event-window', value(), 1);
        break;
      case '--watch-flush-ms':
        o.watchFlushMs = int('--watch-flush-ms', value(), 1);
        break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        fail(`Unknown option ${argv[i]}`);
    }
  }
  return o;
};

const run = (
  label: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<void> =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    console.log(`▸ ${label}…`);
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) {
        console.log(`✓ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        resolve();
      } else reject(new Error(`${label} failed (${signal ?? `exit status ${code}`})`));
    });
  });

const WEBPACK_CLI = path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js');
const npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The newest modification time of any file under dir (skipping dist/ and node_modules/). */
const newestMtime = (dir: string): number => {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
};

/** The shell is rebuilt when any of its sources is newer than its bundle (webpack's cache makes that quick). */
const shellIsStale = (mode: ShellMode): boolean => {
  const bundle = path.join(SHELL_DIST[mode], 'shell.js');
  if (!existsSync(bundle)) return true;
  return newestMtime(SHELL_DIR) > statSync(bundle).mtimeMs;
};

export const buildAll = async (
  o: Pick<DevServerOptions, 'build' | 'devBuild' | 'shellMode'>,
): Promise<void> => {
  const builds: Promise<void>[] = [];
  if (o.build) {
    builds.push(
      run(`Building the plugin (npm run ${o.devBuild ? 'build-dev' : 'build'})`, npmCommand, [
        'run',
        '-s',
        o.devBuild ? 'build-dev' : 'build',
      ]),
    );
  }
  if (shellIsStale(o.shellMode)) {
    builds.push(
      run(
        `Building the console shell (${o.shellMode})`,
        process.execPath,
        [
          WEBPACK_CLI,
          '--config',
          path.join(SHELL_DIR, 'webpack.config.ts'),
          '--mode',
          o.shellMode,
          '--output-path',
          SHELL_DIST[o.shellMode],
        ],
        { NODE_ENV: o.shellMode },
      ),
    );
  }
  await Promise.all(builds);
  if (!existsSync(path.join(PLUGIN_DIST, 'plugin-manifest.json'))) {
    throw new Error(
      `No built plugin: ${path.relative(ROOT, PLUGIN_DIST)}/plugin-manifest.json is missing. Run without --no-build, or npm run build first.`,
    );
  }
};

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.eot': 'application/vnd.ms-fontobject',
  '.txt': 'text/plain; charset=utf-8',
};

const sendText = (
  res: ServerResponse,
  code: number,
  text: string,
  type = 'text/plain; charset=utf-8',
) => {
  res.writeHead(code, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache',
  });
  res.end(text);
};

/** Serves a file under root; false when there is none (or the path escapes root). */
const serveFile = (
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  relative: string,
): boolean => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return false;
  }
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (!file.startsWith(`${root}${path.sep}`)) return false;
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return false;
  }
  if (!stat.isFile()) return false;
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
};

const indexHtml = (o: DevServerOptions): string => {
  const flags = {
    basePath: '/',
    consolePlugins: [PLUGIN_NAME],
    // The plugin's ConsolePlugin declares i18n loadType Preload: its namespace is loaded up front.
    i18nNamespaces: [`plugin__${PLUGIN_NAME}`],
    releaseVersion: CONSOLE_VERSION,
    watchFlushIntervalMs: o.watchFlushMs,
    dev: { persona: o.persona, gate: o.gate ? 'on' : 'off', nodes: o.nodes },
  };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Red Hat OpenShift</title>
    <link rel="icon" href="data:," />
    <script>window.SERVER_FLAGS = ${JSON.stringify(flags).replace(/</g, '\\u003c')};</script>
  </head>
  <body>
    <div id="app"></div>
    <script src="/static/shell.js"></script>
  </body>
</html>
`;
};

export interface RunningDevServer {
  url: string;
  port: number;
  cluster: SimulatedCluster;
  server: Server;
  close(): Promise<void>;
}

export const startServer = async (o: DevServerOptions): Promise<RunningDevServer> => {
  const cluster = createSimulatedCluster({
    nodes: o.nodes,
    storageGateEnabled: o.gate,
    machineConfigApi: !o.hosted,
    persona: o.persona,
    pullEvents: o.pullEvents,
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.eventWindow !== undefined ? { eventWindow: o.eventWindow } : {}),
  });
  const html = indexHtml(o);
  const pluginPrefix = `/api/plugins/${PLUGIN_NAME}/`;

  const server = createServer((req, res) => {
    try {
      if (cluster.handleRequest(req, res)) return;
      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      const readOnly = req.method === 'GET' || req.method === 'HEAD';
      if (pathname.startsWith('/api/plugins/')) {
        if (
          readOnly &&
          pathname.startsWith(pluginPrefix) &&
          serveFile(req, res, PLUGIN_DIST, pathname.slice(pluginPrefix.length))
        )
          return;
        sendText(res, 404, `404 page not found: ${pathname}\n`);
        return;
      }
      if (pathname === '/locales/resource.json') {
        const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
        const lng = query.get('lng') ?? '';
        const ns = query.get('ns') ?? '';
        if (!/^[a-zA-Z-]+$/.test(lng) || !/^[\w.-]+$/.test(ns)) {
          sendText(res, 400, 'bad lng or ns\n');
          return;
        }
        if (ns === `plugin__${PLUGIN_NAME}`) {
          if (readOnly && serveFile(req, res, PLUGIN_DIST, `locales/${lng}/${ns}.json`)) return;
          sendText(res, 404, `404 page not found: ${ns} (${lng})\n`);
          return;
        }
        // The console's own catalogs: the shell has none, its texts are English.
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{}');
        return;
      }
      if (pathname.startsWith('/static/')) {
        if (
          readOnly &&
          serveFile(req, res, SHELL_DIST[o.shellMode], pathname.slice('/static/'.length))
        )
          return;
        sendText(res, 404, `404 page not found: ${pathname}\n`);
        return;
      }
      if (pathname.startsWith('/api/')) {
        sendText(res, 404, `404 page not found: ${pathname}\n`);
        return;
      }
      if (!readOnly) {
        sendText(res, 405, 'Method Not Allowed\n');
        return;
      }
      sendText(res, 200, html, 'text/html; charset=utf-8');
    } catch (e) {
      console.error(e);
      if (!res.headersSent) sendText(res, 500, `${String(e)}\n`);
      else res.destroy();
    }
  });
  server.on('upgrade', (req, socket, head) => {
    if (!cluster.handleUpgrade(req, socket, head)) socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((e: unknown) => {
    cluster.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(`Port ${o.port} is in use; choose another with --port.`);
    throw e;
  });
  const { port } = server.address() as AddressInfo;
  const shownHost =
    o.host === '127.0.0.1' || o.host === '0.0.0.0' || o.host === '::' ? 'localhost' : o.host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    cluster,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        cluster.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

const main = async () => {
  const o = parseArgs(process.argv.slice(2));
  await buildAll(o);
  const running = await startServer(o);
  console.log(
    `\nConsole shell with ${PLUGIN_NAME} ready: ${running.url}\n` +
      `  simulated cluster: ${o.nodes + 3} nodes, AdditionalStorageConfig gate ${o.gate ? 'on' : 'off'}, persona ${o.persona}\n` +
      `  plugin pages: ${running.url}lazy-pull  ·  ${running.url}lazy-pull/nodes\n` +
      `  Ctrl+C to stop.`,
  );
  const stop = () => {
    void running.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`\n✗ ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
