/**
 * The agent's configuration, from environment variables (what the DaemonSet sets) and the same
 * settings as flags (handier by hand). Flags win over the environment.
 *
 * | flag                   | environment variable        | default                                              |
 * | ---------------------- | --------------------------- | ---------------------------------------------------- |
 * | --node-name            | NODE_NAME                   | required unless --once (downward API spec.nodeName)  |
 * | --host-root            | HOST_ROOT                   | /host (where the host's / is mounted, read-only)      |
 * | --check-interval       | CHECK_INTERVAL_SECONDS      | 30                                                   |
 * | --heartbeat-interval   | HEARTBEAT_INTERVAL_SECONDS  | 600                                                  |
 * | --probe-timeout        | PROBE_TIMEOUT_SECONDS       | 3                                                    |
 * | --confirm-checks       | CONFIRM_CHECKS              | 2 (checks that must agree before a change is written) |
 * | --max-images           | MAX_IMAGES_PER_STORE        | 10                                                   |
 * | --api-url              | KUBERNETES_API_URL          | https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT |
 * | --token-file           | KUBERNETES_TOKEN_FILE       | /var/run/secrets/kubernetes.io/serviceaccount/token   |
 * | --ca-file              | KUBERNETES_CA_FILE          | /var/run/secrets/kubernetes.io/serviceaccount/ca.crt  |
 * | --log-level            | LOG_LEVEL                   | info (debug logs every check)                        |
 * | --alive-file           | ALIVE_FILE                  | unset = off; see below                               |
 * | --once                 |                             | check once, print the report to stdout, publish nothing |
 * |                        | AGENT_VERSION               | the package version                                  |
 *
 * Intervals are seconds and may be fractional (tests use tenths).
 *
 * --alive-file / ALIVE_FILE names a file the agent rewrites with the current time after every
 * completed check cycle, published or not (loop/aliveFile.ts): the DaemonSet's liveness probe
 * reads it. Unset, nothing is written.
 */
import { parseArgs } from 'node:util';
import {
  DEFAULT_HEARTBEAT_SECONDS,
  DEFAULT_MAX_IMAGES_PER_STORE,
  MAX_HEARTBEAT_SECONDS,
} from '../core/health/report';
import { LOG_LEVELS, type LogLevel } from './log';
import { DEFAULT_CONFIRM_CHECKS } from './loop/agentLoop';
import { resolveAgentVersion } from './version';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface KubeApiTarget {
  /** Base URL of the API server, without a trailing slash. */
  url: string;
  /** Re-read before every request: projected service account tokens rotate. */
  tokenFile: string;
  /** CA bundle for https URLs. */
  caFile: string;
}

export interface AgentConfig {
  nodeName: string;
  hostRoot: string;
  checkIntervalMs: number;
  heartbeatMs: number;
  probeTimeoutMs: number;
  /** Consecutive checks that must agree before a changed result is written (loop/agentLoop.ts). */
  confirmChecks: number;
  maxImagesPerStore: number;
  api: KubeApiTarget | undefined;
  agentVersion: string;
  logLevel: LogLevel;
  once: boolean;
  /** Where to write the time of each completed check cycle; undefined: nowhere. */
  aliveFile: string | undefined;
}

export type ConfigResult = { ok: true; config: AgentConfig } | { ok: false; errors: string[] };

const FLAGS = {
  'node-name': { type: 'string' },
  'host-root': { type: 'string' },
  'check-interval': { type: 'string' },
  'heartbeat-interval': { type: 'string' },
  'probe-timeout': { type: 'string' },
  'confirm-checks': { type: 'string' },
  'max-images': { type: 'string' },
  'api-url': { type: 'string' },
  'token-file': { type: 'string' },
  'ca-file': { type: 'string' },
  'log-level': { type: 'string' },
  'alive-file': { type: 'string' },
  once: { type: 'boolean' },
} as const;

const defaultApiUrl = (env: NodeJS.ProcessEnv): string | undefined => {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT ?? '443';
  if (host === undefined || host === '') return undefined;
  return `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
};

export const readAgentConfig = (env: NodeJS.ProcessEnv, argv: string[]): ConfigResult => {
  let flags: Partial<Record<keyof typeof FLAGS, string | boolean>>;
  try {
    flags = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return { ok: false, errors: [(error as Error).message] };
  }
  const errors: string[] = [];
  const setting = (flag: keyof typeof FLAGS, variable: string): string | undefined => {
    const value = flags[flag];
    return typeof value === 'string' ? value : env[variable];
  };
  const seconds = (
    flag: keyof typeof FLAGS,
    variable: string,
    fallback: number,
    max = Infinity,
  ): number => {
    const raw = setting(flag, variable);
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0 || value > max) {
      errors.push(`--${flag} / ${variable}: "${raw}" is not a number of seconds from 0 to ${max}`);
      return fallback;
    }
    return value;
  };

  const once = flags.once === true;
  const nodeName = setting('node-name', 'NODE_NAME')?.trim() ?? '';
  if (nodeName === '' && !once)
    errors.push(
      '--node-name / NODE_NAME is required (set it from the downward API: spec.nodeName)',
    );

  const integer = (
    flag: keyof typeof FLAGS,
    variable: string,
    fallback: number,
    min: number,
    max: number,
  ): number => {
    const raw = setting(flag, variable);
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    errors.push(`--${flag} / ${variable}: "${raw}" is not an integer from ${min} to ${max}`);
    return fallback;
  };
  const maxImagesPerStore = integer(
    'max-images',
    'MAX_IMAGES_PER_STORE',
    DEFAULT_MAX_IMAGES_PER_STORE,
    0,
    1000,
  );
  const confirmChecks = integer('confirm-checks', 'CONFIRM_CHECKS', DEFAULT_CONFIRM_CHECKS, 1, 20);

  const logLevel = (setting('log-level', 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    errors.push(`--log-level / LOG_LEVEL: "${logLevel}" is not one of ${LOG_LEVELS.join(', ')}`);
  }

  const aliveFile = setting('alive-file', 'ALIVE_FILE')?.trim();

  const url = setting('api-url', 'KUBERNETES_API_URL') ?? defaultApiUrl(env);
  if (url === undefined && !once) {
    errors.push(
      'no API server: set --api-url / KUBERNETES_API_URL, or run in a pod (KUBERNETES_SERVICE_HOST)',
    );
  }
  if (url !== undefined && !/^https?:\/\/[^/]+/.test(url))
    errors.push(`--api-url / KUBERNETES_API_URL: "${url}" is not an http(s) URL`);

  const config: AgentConfig = {
    nodeName,
    hostRoot: setting('host-root', 'HOST_ROOT') ?? '/host',
    checkIntervalMs: seconds('check-interval', 'CHECK_INTERVAL_SECONDS', 30) * 1000,
    heartbeatMs:
      seconds(
        'heartbeat-interval',
        'HEARTBEAT_INTERVAL_SECONDS',
        DEFAULT_HEARTBEAT_SECONDS,
        MAX_HEARTBEAT_SECONDS,
      ) * 1000,
    probeTimeoutMs: seconds('probe-timeout', 'PROBE_TIMEOUT_SECONDS', 3) * 1000,
    confirmChecks,
    maxImagesPerStore,
    api:
      url === undefined
        ? undefined
        : {
            url: url.replace(/\/+$/, ''),
            tokenFile:
              setting('token-file', 'KUBERNETES_TOKEN_FILE') ?? `${SERVICE_ACCOUNT_DIR}/token`,
            caFile: setting('ca-file', 'KUBERNETES_CA_FILE') ?? `${SERVICE_ACCOUNT_DIR}/ca.crt`,
          },
    agentVersion: resolveAgentVersion(env),
    logLevel: logLevel as LogLevel,
    once,
    aliveFile: aliveFile === undefined || aliveFile === '' ? undefined : aliveFile,
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config };
};
