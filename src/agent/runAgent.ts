/**
 * Wires the agent together: configuration, the store prober, the node check, the publisher and
 * the schedule, plus shutdown. Kept apart from main.ts so that the entry point stays a
 * two-line dispatch between the agent and its probe worker.
 */
import { performance } from 'node:perf_hooks';
import { readAgentConfig, type AgentConfig } from './config';
import { inspectNode } from './inspect/inspectNode';
import { createLogger, type Logger } from './log';
import { createAliveFile } from './loop/aliveFile';
import { AgentLoop, type LoopTime } from './loop/agentLoop';
import { StoreProber } from './probe/storeProber';
import { DEFAULT_BACKOFF } from './publish/backoff';
import { patchNodeAnnotations, readNodeAnnotations } from './publish/nodeAnnotations';
import { publishableState, type PublishableState } from './report/buildReport';

export interface AgentProcessOptions {
  env: NodeJS.ProcessEnv;
  argv: string[];
  /** The script probe workers run: the agent's own file (see main.ts). */
  workerScript: string;
  workerExecArgv?: string[];
}

export const createNodeCheck =
  (config: AgentConfig, prober: StoreProber) =>
  async (at: Date): Promise<PublishableState> => {
    const inspection = await inspectNode({
      hostRoot: config.hostRoot,
      prober,
      maxImagesPerStore: config.maxImagesPerStore,
    });
    return publishableState(inspection, {
      at,
      agentVersion: config.agentVersion,
      heartbeatSeconds: Math.max(1, Math.round(config.heartbeatMs / 1000)),
    });
  };

/**
 * Exits, even past a stuck probe. Node joins worker threads on exit, and a thread blocked in a
 * hung FUSE call never joins, so a clean exit would hang until the kubelet's SIGKILL. Killing
 * ourselves does the same, at once (the FUSE wait is killable).
 */
const exitAgent = async (prober: StoreProber, log: Logger, code: number): Promise<never> => {
  await prober.close().catch(() => undefined);
  const stuck = prober.stuckStores();
  if (stuck.length > 0) {
    log.warn('exiting with probes stuck in the kernel; killing the process', { stuck });
    process.kill(process.pid, 'SIGKILL');
  }
  process.exit(code);
};

export const runAgent = async ({
  env,
  argv,
  workerScript,
  workerExecArgv,
}: AgentProcessOptions): Promise<void> => {
  const parsed = readAgentConfig(env, argv);
  if (!parsed.ok) {
    for (const error of parsed.errors) process.stderr.write(`lazy-pull-agent: ${error}\n`);
    process.exit(2);
  }
  const { config } = parsed;
  const log = createLogger(config.logLevel);
  const prober = new StoreProber({
    workerScript,
    execArgv: workerExecArgv,
    timeoutMs: config.probeTimeoutMs,
  });
  const check = createNodeCheck(config, prober);

  if (config.once) {
    const state = await check(new Date());
    process.stdout.write(`${JSON.stringify(state, null, 2)}\n`);
    await exitAgent(prober, log, 0);
  }

  const api = config.api;
  if (api === undefined) throw new Error('unreachable: configuration without an API server');
  const alive = config.aliveFile === undefined ? undefined : createAliveFile(config.aliveFile);
  alive?.clear();
  const loop = new AgentLoop({
    check,
    publish: (health, reportJson) => patchNodeAnnotations(api, config.nodeName, health, reportJson),
    readPublished: () => readNodeAnnotations(api, config.nodeName),
    checkIntervalMs: config.checkIntervalMs,
    heartbeatMs: config.heartbeatMs,
    confirmChecks: config.confirmChecks,
    backoff: DEFAULT_BACKOFF,
    random: Math.random,
    log,
    signalAlive: alive?.touch,
  });

  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearTimeout(timer);
    log.info('stopping', { signal });
    void exitAgent(prober, log, 0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  log.info('starting', {
    node: config.nodeName,
    version: config.agentVersion,
    hostRoot: config.hostRoot,
    checkIntervalMs: config.checkIntervalMs,
    heartbeatMs: config.heartbeatMs,
    confirmChecks: config.confirmChecks,
    api: api.url,
    aliveFile: config.aliveFile,
  });
  // performance.now() never steps; the wall clock may (NTP, a restored VM).
  const now = (): LoopTime => ({ wall: new Date(), mono: performance.now() });
  await loop.resume(now());
  const run = async () => {
    let delayMs = config.checkIntervalMs;
    try {
      delayMs = await loop.tick(now());
    } catch (error) {
      log.error('tick failed', { error: (error as Error).stack ?? String(error) });
    }
    if (!stopping) timer = setTimeout(() => void run(), delayMs);
  };
  await run();
};
