import { readAgentConfig } from '../config';

const POD_ENV = {
  NODE_NAME: 'worker-0',
  KUBERNETES_SERVICE_HOST: '172.30.0.1',
  KUBERNETES_SERVICE_PORT: '443',
};

describe('readAgentConfig', () => {
  it('has pod defaults', () => {
    expect(readAgentConfig(POD_ENV, [])).toEqual({
      ok: true,
      config: {
        nodeName: 'worker-0',
        hostRoot: '/host',
        checkIntervalMs: 30_000,
        heartbeatMs: 600_000,
        probeTimeoutMs: 3000,
        confirmChecks: 2,
        maxImagesPerStore: 10,
        api: {
          url: 'https://172.30.0.1:443',
          tokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token',
          caFile: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
        },
        agentVersion: expect.stringMatching(/^\d+\.\d+\.\d+/),
        logLevel: 'info',
        once: false,
        aliveFile: undefined,
      },
    });
  });

  it('takes the number of checks that must agree before a change is written', () => {
    const confirmOf = (env: NodeJS.ProcessEnv, argv: string[] = []) => {
      const result = readAgentConfig({ ...POD_ENV, ...env }, argv);
      return result.ok ? result.config.confirmChecks : result.errors;
    };
    expect(confirmOf({ CONFIRM_CHECKS: '3' })).toBe(3);
    expect(confirmOf({ CONFIRM_CHECKS: '3' }, ['--confirm-checks=1'])).toBe(1);
    expect(confirmOf({ CONFIRM_CHECKS: '0' })).toEqual([
      '--confirm-checks / CONFIRM_CHECKS: "0" is not an integer from 1 to 20',
    ]);
    expect(confirmOf({ CONFIRM_CHECKS: '1.5' })).toEqual([
      '--confirm-checks / CONFIRM_CHECKS: "1.5" is not an integer from 1 to 20',
    ]);
  });

  it('writes the liveness file only when one is named, by flag or environment', () => {
    const aliveFileOf = (env: NodeJS.ProcessEnv, argv: string[] = []) => {
      const result = readAgentConfig({ ...POD_ENV, ...env }, argv);
      return result.ok ? result.config.aliveFile : result.errors;
    };
    expect(aliveFileOf({ ALIVE_FILE: '/run/lazy-pull/alive' })).toBe('/run/lazy-pull/alive');
    expect(aliveFileOf({ ALIVE_FILE: '/a' }, ['--alive-file=/b'])).toBe('/b');
    expect(aliveFileOf({ ALIVE_FILE: '' })).toBeUndefined();
    expect(aliveFileOf({ ALIVE_FILE: '  ' })).toBeUndefined();
  });

  it('brackets an IPv6 service host', () => {
    const result = readAgentConfig({ ...POD_ENV, KUBERNETES_SERVICE_HOST: 'fd02::1' }, []);
    expect(result.ok && result.config.api?.url).toBe('https://[fd02::1]:443');
  });

  it('lets flags override the environment', () => {
    const result = readAgentConfig(
      { ...POD_ENV, CHECK_INTERVAL_SECONDS: '60', AGENT_VERSION: '1.2.3-abc' },
      [
        '--check-interval=0.5',
        '--heartbeat-interval',
        '2',
        '--api-url',
        'http://127.0.0.1:9/',
        '--host-root=/tmp/x',
        '--log-level=DEBUG',
      ],
    );
    expect(result).toMatchObject({
      ok: true,
      config: {
        checkIntervalMs: 500,
        heartbeatMs: 2000,
        hostRoot: '/tmp/x',
        api: { url: 'http://127.0.0.1:9' },
        agentVersion: '1.2.3-abc',
        logLevel: 'debug',
      },
    });
  });

  it('needs neither node nor API server with --once', () => {
    expect(readAgentConfig({}, ['--once'])).toMatchObject({
      ok: true,
      config: { once: true, api: undefined },
    });
  });

  it('lists every problem', () => {
    const result = readAgentConfig(
      {
        CHECK_INTERVAL_SECONDS: '0',
        HEARTBEAT_INTERVAL_SECONDS: 'often',
        MAX_IMAGES_PER_STORE: '-1',
        LOG_LEVEL: 'loud',
        KUBERNETES_API_URL: 'ftp://x',
      },
      [],
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        expect.stringMatching(/NODE_NAME is required/),
        expect.stringMatching(/MAX_IMAGES_PER_STORE: "-1"/),
        expect.stringMatching(/LOG_LEVEL: "loud"/),
        expect.stringMatching(/KUBERNETES_API_URL: "ftp:\/\/x" is not an http\(s\) URL/),
        expect.stringMatching(/CHECK_INTERVAL_SECONDS: "0"/),
        expect.stringMatching(/HEARTBEAT_INTERVAL_SECONDS: "often"/),
      ]);
    }
  });

  it('refuses unknown flags', () => {
    expect(readAgentConfig(POD_ENV, ['--nodename=x'])).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/nodename/)],
    });
  });
});
