/**
 * The dev server as a person starts it (`npm start`), without the plugin build: `tsx dev/server.ts
 * --no-build --port 0 …` against the plugin already built in dist/. The server builds the console
 * shell itself when its bundle is missing or stale.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository: the nearest directory above with the plugin's package.json (the benchmarks
 * bundle this file elsewhere, so its own directory says little). */
const findRoot = (dir: string): string => {
  const pkg = path.join(dir, 'package.json');
  if (
    existsSync(pkg) &&
    (JSON.parse(readFileSync(pkg, 'utf8')) as { consolePlugin?: unknown }).consolePlugin
  )
    return dir;
  const parent = path.dirname(dir);
  if (parent === dir) throw new Error(`no plugin package.json above ${__dirname}`);
  return findRoot(parent);
};

export const ROOT = findRoot(__dirname);

export interface ShellOptions {
  nodes?: number;
  gate?: 'on' | 'off';
  persona?: 'admin' | 'read-only';
  extraArgs?: string[];
}

export interface RunningShell {
  url: string;
  stop(): Promise<void>;
}

const STARTUP_MS = 300_000;

export const startShell = async (options: ShellOptions = {}): Promise<RunningShell> => {
  if (!existsSync(path.join(ROOT, 'dist/plugin-manifest.json'))) {
    throw new Error(
      'dist/plugin-manifest.json is missing: build the plugin first (npm run build).',
    );
  }
  const args = [
    path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
    path.join(ROOT, 'dev/server.ts'),
    '--no-build',
    '--port',
    '0',
    '--nodes',
    String(options.nodes ?? 12),
    '--gate',
    options.gate ?? 'on',
    '--persona',
    options.persona ?? 'admin',
    ...(options.extraArgs ?? []),
  ];
  // Its own process group, so that stopping it stops tsx's child too.
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the dev server did not start within 5 minutes:\n${output}`)),
      STARTUP_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /ready: http:\/\/[^:/]+:(\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the dev server exited (${code}):\n${output}`));
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  return { url, stop };
};
