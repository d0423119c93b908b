/**
 * The plugin's nginx.conf, exactly as the rendered ConfigMap carries it, run by Debian's nginx
 * against the production build in dist/: what the console's backend gets (content types, caching
 * headers, TLS). Only the paths and the listen address are replaced, each where the container's
 * start script or volumes put them: the certificate is a throwaway self-signed one, the port a free
 * loopback one, /tmp a temporary directory, and nginx runs as the current user.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:https';
import { connect, TLSSocket } from 'node:tls';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { findObject, renderKustomize, REPO_DIR } from '../__test-support__/kustomize';

const DIST = join(REPO_DIR, 'dist');

const findNginx = (): string | undefined =>
  [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin']
    .map((dir) => join(dir, 'nginx'))
    .find((candidate) => existsSync(candidate));

const nginx = findNginx();
const openssl = spawnSync('openssl', ['version']).status === 0;
const missing =
  nginx === undefined
    ? 'nginx is not installed (npm run setup installs it)'
    : !openssl
      ? 'openssl is not installed'
      : undefined;

/**
 * OpenShift's Intermediate TLS profile (openshift/api, config/v1 TLSProfiles): TLS 1.2 and 1.3,
 * and for TLS 1.2 only these suites, in OpenSSL's names.
 */
const INTERMEDIATE_TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'DHE-RSA-AES128-GCM-SHA256',
  'DHE-RSA-AES256-GCM-SHA384',
];

/** Suites a TLS 1.2 client may offer that the profile leaves out: no forward secrecy, or CBC. */
const OUTSIDE_THE_PROFILE = [
  'AES128-GCM-SHA256',
  'AES256-GCM-SHA384',
  'AES128-SHA256',
  'AES256-SHA256',
  'AES128-SHA',
  'AES256-SHA',
  'ECDHE-RSA-AES128-SHA',
  'ECDHE-RSA-AES256-SHA',
  'ECDHE-RSA-AES128-SHA256',
  'ECDHE-RSA-AES256-SHA384',
];

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  tlsProtocol: string | null;
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });

/**
 * The ConfigMap's nginx.conf with the deployment-specific parts pointed at this test's files, in
 * one pass so that a replacement is never replaced again. Every placeholder must be found.
 */
const localConf = (
  conf: string,
  paths: { listen: string; cert: string; dist: string; tmp: string },
): string => {
  const replacements: Record<string, string> = {
    '@LISTEN@': paths.listen,
    '/var/serving-cert/': `${paths.cert}/`,
    '/opt/app-root/src;': `${paths.dist};`,
    '/tmp/': `${paths.tmp}/`,
  };
  const used = new Set<string>();
  const result = conf
    .split('\n')
    .map((line) =>
      line.trim().startsWith('#')
        ? line
        : line.replace(
            /@LISTEN@|\/var\/serving-cert\/|\/opt\/app-root\/src;|\/tmp\//g,
            (m) => (used.add(m), replacements[m]),
          ),
    )
    .join('\n');
  expect([...used].sort()).toEqual(Object.keys(replacements).sort());
  return result;
};

if (missing !== undefined) {
  if (process.env.CI) {
    it('has nginx and openssl to run (CI must run this test)', () => {
      expect(missing).toBeUndefined();
    });
  } else {
    console.warn(`deploy/__tests__/nginx.test.ts skipped: ${missing}`);
    it.skip(`serves dist/ with the plugin's nginx.conf (skipped: ${missing})`, () => {
      expect(missing).toBeUndefined();
    });
  }
} else {
  describe("dist/ served with the plugin's nginx.conf", () => {
    let work: string;
    let server: ChildProcess | undefined;
    let port: number;
    let cert: Buffer;
    let stderr = '';
    let manifest: { name: string; loadScripts: string[] };
    /** What nginx serves: dist/, plus files a careless image could carry. */
    let root: string;

    const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
      new Promise((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path,
            headers,
            ca: cert,
            servername: 'localhost',
            agent: false,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks),
                tlsProtocol: res.socket instanceof TLSSocket ? res.socket.getProtocol() : null,
              }),
            );
          },
        );
        req.on('error', reject);
        req.setTimeout(5000, () => req.destroy(new Error(`GET ${path} timed out`)));
        req.end();
      });

    const startNginx = async (conf: string) => {
      port = await freePort();
      const confFile = join(work, 'nginx.conf');
      writeFileSync(
        confFile,
        localConf(conf, {
          listen: `127.0.0.1:${port}`,
          cert: join(work, 'cert'),
          dist: root,
          tmp: join(work, 'tmp'),
        }),
      );
      // As root, nginx would hand its workers to `nobody`; keep them the current user.
      const asUser = process.getuid?.() === 0 ? ['-g', `user ${userInfo().username};`] : [];
      stderr = '';
      const child = spawn(
        nginx as string,
        ['-p', `${work}/`, '-e', 'stderr', '-c', confFile, ...asUser],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      server = child;
      const deadline = Date.now() + 10_000;
      for (;;) {
        if (child.exitCode !== null)
          throw new Error(`nginx exited with ${child.exitCode}: ${stderr}`);
        try {
          await get('/plugin-manifest.json');
          return;
        } catch (error) {
          if (Date.now() > deadline)
            throw new Error(`nginx did not answer on ${port}: ${String(error)}; ${stderr}`, {
              cause: error,
            });
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };

    beforeAll(async () => {
      if (!existsSync(join(DIST, 'plugin-manifest.json'))) {
        execFileSync('npm', ['run', 'build'], { cwd: REPO_DIR, stdio: 'ignore', timeout: 600_000 });
      }
      manifest = JSON.parse(
        readFileSync(join(DIST, 'plugin-manifest.json'), 'utf8'),
      ) as typeof manifest;

      work = mkdtempSync(join(tmpdir(), 'plugin-nginx-'));
      mkdirSync(join(work, 'cert'));
      mkdirSync(join(work, 'tmp'));
      // dist/ as it is (through links), plus a dotfile, a dot directory and a source map.
      root = join(work, 'root');
      mkdirSync(root);
      for (const entry of readdirSync(DIST)) symlinkSync(join(DIST, entry), join(root, entry));
      writeFileSync(join(root, '.env'), 'SECRET=1\n');
      mkdirSync(join(root, '.git'));
      writeFileSync(join(root, '.git', 'config'), '[core]\n');
      writeFileSync(join(root, 'plugin-entry.js.map'), '{"version":3}');
      writeFileSync(join(root, 'exposed-chunk-0123456789abcdef.min.js.map'), '{"version":3}');
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-addext',
          'subjectAltName=DNS:localhost,IP:127.0.0.1',
          '-keyout',
          join(work, 'cert', 'tls.key'),
          '-out',
          join(work, 'cert', 'tls.crt'),
        ],
        { stdio: 'ignore' },
      );
      cert = readFileSync(join(work, 'cert', 'tls.crt'));

      const configMap = findObject(renderKustomize('deploy/plugin'), 'ConfigMap');
      const conf = (configMap.data as Record<string, string>)['nginx.conf'];
      // A port taken between finding it and binding it: try another.
      for (let attempt = 1; ; attempt += 1) {
        try {
          await startNginx(conf);
          break;
        } catch (error) {
          server?.kill('SIGKILL');
          if (attempt === 3 || !/Address already in use/.test(stderr)) throw error;
        }
      }
    }, 660_000);

    afterAll(async () => {
      if (server !== undefined && server.exitCode === null) {
        const exited = new Promise((r) => server?.once('exit', r));
        server.kill('SIGTERM');
        await exited;
      }
      if (work !== undefined) rmSync(work, { recursive: true, force: true });
    });

    it('serves over TLS 1.2 or later', async () => {
      const res = await get('/plugin-manifest.json');
      expect(['TLSv1.2', 'TLSv1.3']).toContain(res.tlsProtocol);
    });

    it('serves plugin-manifest.json as JSON that is never cached', async () => {
      const res = await get('/plugin-manifest.json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json(;|$)/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect((JSON.parse(res.body.toString('utf8')) as { name: string }).name).toBe(
        'lazy-pull-console-plugin',
      );
    });

    it('serves the plugin entry script as JavaScript, cached for good when its name is hashed', async () => {
      const [entry] = manifest.loadScripts;
      expect(entry).toMatch(/^plugin-entry/);
      const res = await get(`/${entry}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/javascript(;|$)/);
      expect(res.body.equals(readFileSync(join(DIST, entry)))).toBe(true);
      if (/[.-][0-9a-f]{16,}\.min\.js$/.test(entry)) {
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      } else {
        expect(res.headers['cache-control']).toBe('no-cache');
      }
    });

    it('serves a locale file as JSON, revalidated on every use', async () => {
      const path = '/locales/en/plugin__lazy-pull-console-plugin.json';
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json(;|$)/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(JSON.parse(res.body.toString('utf8'))).toEqual(
        JSON.parse(readFileSync(join(DIST, path), 'utf8')),
      );
      const etag = res.headers.etag;
      expect(typeof etag).toBe('string');
      expect((await get(path, { 'If-None-Match': etag as string })).status).toBe(304);
    });

    it('serves every file of dist/ with the content type of its extension', async () => {
      const expected: Record<string, RegExp> = {
        '.js': /^application\/javascript(;|$)/,
        '.json': /^application\/json(;|$)/,
        '.css': /^text\/css(;|$)/,
        '.txt': /^text\/plain(;|$)/,
        '.svg': /^image\/svg\+xml(;|$)/,
        '.png': /^image\/png$/,
        '.woff2': /^font\/woff2$/,
      };
      const wrong: string[] = [];
      for (const file of filesUnder(DIST)) {
        const path = `/${relative(DIST, file).split('\\').join('/')}`;
        const extension = /\.[^./]+$/.exec(path)?.[0] ?? '';
        const res = await get(path);
        const type = String(res.headers['content-type']);
        if (extension === '.map' || path.includes('/.')) {
          if (res.status !== 404) wrong.push(`${path}: ${res.status}, not 404`);
        } else if (res.status !== 200) wrong.push(`${path}: ${res.status}`);
        else if (expected[extension] === undefined)
          wrong.push(`${path}: no expected type for ${extension} (served as ${type})`);
        else if (!expected[extension].test(type)) wrong.push(`${path}: ${type}`);
      }
      expect(wrong).toEqual([]);
    });

    it('compresses the largest script for clients that accept gzip', async () => {
      const scripts = filesUnder(DIST)
        .filter((f) => f.endsWith('.js'))
        .sort((a, b) => statSync(b).size - statSync(a).size);
      const largest = scripts[0];
      const res = await get(`/${relative(DIST, largest)}`, { 'Accept-Encoding': 'gzip' });
      expect(res.status).toBe(200);
      if (statSync(largest).size >= 1024) {
        expect(res.headers['content-encoding']).toBe('gzip');
        expect(res.headers.vary).toMatch(/Accept-Encoding/);
      }
    });

    it('does not let a missing hashed script be cached, and lists no directories', async () => {
      const missingScript = await get('/example-chunk-0123456789abcdef0123.min.js');
      expect(missingScript.status).toBe(404);
      expect(missingScript.headers['cache-control']).toBeUndefined();
      expect((await get('/')).status).not.toBe(200);
      expect((await get('/locales/')).status).not.toBe(200);
    });

    it('answers 404 for dotfiles, dot directories and source maps, whatever the image holds', async () => {
      for (const path of [
        '/.env',
        '/.git/config',
        '/.git/',
        '/locales/.hidden',
        '/plugin-entry.js.map',
        '/exposed-chunk-0123456789abcdef.min.js.map',
        '/%2Eenv',
      ]) {
        const res = await get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        expect(res.body.toString('utf8')).not.toMatch(/SECRET|\[core\]|"version":3/);
      }
    });

    /** A TLS handshake with the given client limits: the suite agreed on, or the failure. */
    const handshake = (options: {
      ciphers?: string;
      minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
      maxVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
    }): Promise<
      { ok: true; cipher: string; protocol: string | null } | { ok: false; error: string }
    > =>
      new Promise((resolve) => {
        const socket = connect({
          host: '127.0.0.1',
          port,
          ca: cert,
          servername: 'localhost',
          // OpenSSL's default security level refuses TLS 1.0 and 1.1 before nginx can.
          ...(options.maxVersion === 'TLSv1.1' || options.maxVersion === 'TLSv1'
            ? { ciphers: 'DEFAULT@SECLEVEL=0' }
            : {}),
          ...options,
        });
        socket.once('secureConnect', () => {
          resolve({
            ok: true,
            cipher: socket.getCipher().standardName ?? socket.getCipher().name,
            protocol: socket.getProtocol(),
          });
          socket.end();
        });
        socket.once('error', (error) => resolve({ ok: false, error: error.message }));
      });

    it("offers TLS 1.2 only OpenShift's Intermediate suites: forward-secret AEAD, no CBC, no RSA key exchange", async () => {
      for (const cipher of OUTSIDE_THE_PROFILE) {
        const result = await handshake({ ciphers: cipher, maxVersion: 'TLSv1.2' });
        expect({ cipher, ok: result.ok }).toEqual({ cipher, ok: false });
      }
      // The certificate is RSA: the ECDHE-RSA suites of the profile are the ones it can use.
      for (const cipher of INTERMEDIATE_TLS12_CIPHERS.filter((c) => c.startsWith('ECDHE-RSA-'))) {
        const result = await handshake({ ciphers: cipher, maxVersion: 'TLSv1.2' });
        expect(result).toMatchObject({ ok: true, protocol: 'TLSv1.2' });
      }
      const conf = (
        findObject(renderKustomize('deploy/plugin'), 'ConfigMap').data as Record<string, string>
      )['nginx.conf'];
      expect(/ssl_ciphers\s+([^;]+);/.exec(conf)?.[1].split(':')).toEqual(
        INTERMEDIATE_TLS12_CIPHERS,
      );
    });

    it('speaks TLS 1.3, and neither TLS 1.1 nor 1.0', async () => {
      expect(await handshake({ minVersion: 'TLSv1.3' })).toMatchObject({
        ok: true,
        protocol: 'TLSv1.3',
      });
      expect(await handshake({ minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1' })).toMatchObject({
        ok: false,
      });
      expect(await handshake({ minVersion: 'TLSv1', maxVersion: 'TLSv1' })).toMatchObject({
        ok: false,
      });
    });

    it('logs no errors but those of the missing file and directories asked for above', () => {
      const expectedErrors = [
        /open\(\) ".*" failed \(2: No such file or directory\)/,
        /directory index of ".*" is forbidden/,
      ];
      const errors = stderr
        .split('\n')
        .filter((line) => /\[(emerg|alert|crit|error)\]/.test(line))
        .filter((line) => !expectedErrors.some((expected) => expected.test(line)));
      expect(errors).toEqual([]);
    });
  });
}
