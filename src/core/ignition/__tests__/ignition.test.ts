import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { gzipSync, strToU8 } from 'fflate';
import { itWithShared, sharedPath } from '../../../__test-support__/sharedData';
import { decodeBase64, encodeBase64, encodeUtf8Base64 } from '../base64';
import { decodeDataUrl, encodeDataUrl } from '../dataUrl';
import {
  buildIgnitionConfig,
  ignitionConfigJson,
  renderIgnition,
  type GeneratedFile,
} from '../ignitionConfig';
import { decodeMachineConfigFiles, findFile } from '../decodeMachineConfigFiles';

const REFERENCE = sharedPath('golden', 'mco', '_reference');
const b64 = (text: string): string => encodeBase64(new TextEncoder().encode(text));
const mcWith = (config: unknown) => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'MachineConfig',
  spec: { config },
});

describe('base64', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'], // RFC 4648 §10 test vectors
    ['hello, world! 0123456789', 'aGVsbG8sIHdvcmxkISAwMTIzNDU2Nzg5'],
  ])('encodes %j as %s and back', (text, encoded) => {
    expect(b64(text)).toBe(encoded);
    expect(new TextDecoder().decode(decodeBase64(encoded) as Uint8Array)).toBe(text);
  });

  it('round-trips any bytes and matches a reference encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const encoded = encodeBase64(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
        expect(decodeBase64(encoded)).toEqual(bytes);
      }),
    );
  });

  it('encodes text as its UTF-8 bytes, as a reference encoder does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (text) => {
        expect(encodeUtf8Base64(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
      }),
    );
  });

  it('encodes and decodes inputs longer than one chunk of arguments', () => {
    const bytes = Uint8Array.from({ length: 40_003 }, (_, i) => (i * 7919) % 256);
    const encoded = encodeBase64(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(decodeBase64(encoded)).toEqual(bytes);
  });

  it('encodes only the requested prefix of a buffer', () => {
    expect(encodeBase64(new TextEncoder().encode('foobar'), 3)).toBe('Zm9v');
  });

  it('decodes leniently (white space, missing padding, URL-safe digits) and rejects non-base64', () => {
    expect(decodeBase64('Zm9v\nYmE')).toEqual(new TextEncoder().encode('fooba'));
    expect(decodeBase64('-_8=')).toEqual(Uint8Array.of(0xfb, 0xff));
    expect(decodeBase64('Zm9v!')).toBeNull();
    expect(decodeBase64('Zg==Zg==')).toBeNull();
    expect(decodeBase64('Z')).toBeNull();
  });
});

describe('data URLs', () => {
  it('writes the MCO form: text/plain, utf-8, base64', () => {
    expect(encodeDataUrl('[crio]\n')).toBe('data:text/plain;charset=utf-8;base64,W2NyaW9dCg==');
  });

  itWithShared('golden/mco')(
    'reads the percent-encoded data URL of the MCO template (a real MCO source)',
    () => {
      const source = readFileSync(join(REFERENCE, 'original-storage.conf.ign-source.txt'), 'utf8')
        .split('\n')
        .find((l) => l.startsWith('source: '))!
        .slice('source: '.length);
      expect(source.startsWith('data:,%23')).toBe(true);
      expect(decodeDataUrl(source)).toEqual({
        ok: true,
        contents: readFileSync(join(REFERENCE, 'original-storage.conf'), 'utf8'),
      });
    },
  );

  it.each([
    ['data:,a%20b%0Ac', 'a b\nc'],
    ['data:,plain+text', 'plain+text'], // + is not a space in a data URL
    ['data:text/plain,%C3%A9t%C3%A9', 'été'],
    ['data:,été', 'été'],
    ['data:;base64,aGk=', 'hi'],
    ['data:text/plain;charset=utf-8;base64,aGk=', 'hi'],
    ['DATA:application/octet-stream;BASE64,aGk=', 'hi'],
    ['data:;base64,aG%6B=', 'hi'], // percent-escapes inside base64 data
    ['data:,', ''],
  ])('reads %s', (source, contents) => {
    expect(decodeDataUrl(source)).toEqual({ ok: true, contents });
  });

  it('keeps a byte order mark and replaces bytes that are not UTF-8', () => {
    expect(decodeDataUrl('data:,%EF%BB%BFx')).toEqual({ ok: true, contents: '\ufeffx' });
    expect(decodeDataUrl('data:,%FF')).toEqual({ ok: true, contents: '\ufffd' });
  });

  it('decompresses gzip contents', () => {
    const source = `data:;base64,${encodeBase64(gzipSync(strToU8('compressed ✓\n')))}`;
    expect(decodeDataUrl(source, 'gzip')).toEqual({ ok: true, contents: 'compressed ✓\n' });
  });

  it.each([
    ['https://example.com/file', undefined, /https: URL/],
    ['s3://bucket/key', undefined, /s3: URL/],
    ['not a url', undefined, /not a URL/],
    ['data:text/plain', undefined, /no comma/],
    ['data:,%zz', undefined, /percent-escape/],
    ['data:;base64,!!!!', undefined, /not valid base64/],
    ['data:;base64,aGk=', 'gzip', /cannot be decompressed/],
    ['data:,x', 'bzip2', /unsupported compression "bzip2"/],
  ])('explains why %s (compression %s) cannot be read', (source, compression, message) => {
    const decoded = decodeDataUrl(source, compression);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error).toMatch(message);
  });
});

describe('building the Ignition config', () => {
  it('writes the MCO shape with no files as "storage":{}', () => {
    expect(ignitionConfigJson(buildIgnitionConfig([]))).toBe(
      '{"ignition":{"config":{"replace":{"verification":{}}},"proxy":{},"security":{"tls":{}},"timeouts":{},"version":"3.5.0"},"kernelArguments":{},"passwd":{},"storage":{},"systemd":{}}',
    );
  });

  it('writes each file in the Go field order, mode 420, overwrite, base64 source', () => {
    expect(ignitionConfigJson(buildIgnitionConfig([{ path: '/etc/x', contents: 'hi' }]))).toBe(
      '{"ignition":{"config":{"replace":{"verification":{}}},"proxy":{},"security":{"tls":{}},"timeouts":{},"version":"3.5.0"},"kernelArguments":{},"passwd":{},"storage":{"files":[{"group":{},"overwrite":true,"path":"/etc/x","user":{},"contents":{"compression":"","source":"data:text/plain;charset=utf-8;base64,aGk=","verification":{}},"mode":420}]},"systemd":{}}',
    );
  });

  it('escapes as Go does: <, > and & in a path become \\u003c, \\u003e, \\u0026', () => {
    expect(ignitionConfigJson(buildIgnitionConfig([{ path: '/a<b>&c', contents: '' }]))).toContain(
      '"path":"/a\\u003cb\\u003e\\u0026c"',
    );
  });

  it('renderIgnition writes the same JSON as serializing the config, for any files', () => {
    const file = fc.record({ path: fc.string(), contents: fc.string({ unit: 'binary' }) });
    fc.assert(
      fc.property(fc.array(file, { maxLength: 6 }), (files: GeneratedFile[]) => {
        const rendered = renderIgnition(files);
        expect(rendered.json).toBe(ignitionConfigJson(rendered.config));
        expect(rendered.config).toEqual(buildIgnitionConfig(files));
      }),
    );
  });
});

describe('decodeMachineConfigFiles', () => {
  const files: GeneratedFile[] = [
    { path: '/etc/containers/storage.conf', contents: '[storage]\n  driver = "overlay"\n' },
    { path: '/etc/crio/crio.conf.d/01-ctrcfg-logLevel', contents: 'ünïcödé ✓ 日本\n' },
  ];

  it('round-trips what the renderer writes, with spec.config as an object or as JSON text', () => {
    const config = buildIgnitionConfig(files);
    const expected = files.map((f) => ({ ...f, mode: 420 }));
    expect(decodeMachineConfigFiles(mcWith(config))).toEqual({ files: expected, errors: [] });
    expect(decodeMachineConfigFiles(mcWith(JSON.stringify(config)))).toEqual({
      files: expected,
      errors: [],
    });
  });

  it('decode(encode(files)) returns any contents, non-ASCII and control characters included', () => {
    const file = fc.record({
      path: fc.string({ minLength: 1 }),
      contents: fc.string({ unit: 'grapheme' }),
    });
    fc.assert(
      fc.property(fc.array(file, { maxLength: 5 }), (generated) => {
        const decoded = decodeMachineConfigFiles(
          mcWith(ignitionConfigJson(buildIgnitionConfig(generated))),
        );
        expect(decoded.errors).toEqual([]);
        expect(decoded.files.map(({ path, contents }) => ({ path, contents }))).toEqual(generated);
      }),
    );
  });

  it('reads an Ignition 2.2 config with percent-encoded and gzip contents', () => {
    const gz = encodeBase64(gzipSync(strToU8('zipped\n')));
    const ign2 = {
      ignition: { version: '2.2.0' },
      storage: {
        files: [
          {
            filesystem: 'root',
            path: '/etc/a',
            contents: { source: 'data:,line%201%0A', verification: {} },
            mode: 420,
          },
          {
            filesystem: 'root',
            path: '/etc/b',
            contents: { source: `data:;base64,${gz}`, compression: 'gzip' },
            mode: 384,
            append: true,
          },
        ],
      },
    };
    expect(decodeMachineConfigFiles(mcWith(ign2))).toEqual({
      files: [
        { path: '/etc/a', contents: 'line 1\n', mode: 420 },
        { path: '/etc/b', contents: 'zipped\n', mode: 384 },
      ],
      errors: [],
    });
  });

  it('reads Ignition 3 appends after the contents, and a file without a source as empty', () => {
    const config = {
      ignition: { version: '3.2.0' },
      storage: {
        files: [
          {
            path: '/etc/app',
            contents: { source: 'data:,head%0A' },
            append: [{ source: 'data:,tail%0A' }],
          },
          { path: '/etc/empty', contents: {} },
          { path: '/etc/none' },
        ],
      },
    };
    expect(decodeMachineConfigFiles(mcWith(config)).files).toEqual([
      { path: '/etc/app', contents: 'head\ntail\n' },
      { path: '/etc/empty', contents: '' },
      { path: '/etc/none', contents: '' },
    ]);
  });

  it('accepts a bare Ignition config too', () => {
    expect(decodeMachineConfigFiles(buildIgnitionConfig(files)).files).toHaveLength(2);
  });

  it('returns no files and no error for a MachineConfig without files', () => {
    expect(decodeMachineConfigFiles(mcWith(buildIgnitionConfig([])))).toEqual({
      files: [],
      errors: [],
    });
    expect(decodeMachineConfigFiles({ spec: { kernelArguments: ['a=b'] } })).toEqual({
      files: [],
      errors: [],
    });
  });

  it('reports what it cannot read, keeps the rest, and never throws', () => {
    const config = {
      ignition: { version: '3.4.0' },
      storage: {
        files: [
          { path: '/etc/remote', contents: { source: 'https://example.com/x' } },
          { path: '/etc/good', contents: { source: 'data:,ok' } },
          'not a file',
          { path: '/etc/bad-gzip', contents: { source: 'data:,plain', compression: 'gzip' } },
        ],
      },
    };
    const decoded = decodeMachineConfigFiles(mcWith(config));
    expect(decoded.files).toEqual([{ path: '/etc/good', contents: 'ok' }]);
    expect(decoded.errors).toEqual([
      expect.stringMatching(/^storage\.files\[0\] \(\/etc\/remote\): .*https: URL/),
      'storage.files[2]: not a file with a path',
      expect.stringMatching(/^storage\.files\[3\] \(\/etc\/bad-gzip\): .*decompress/),
    ]);
  });

  it.each([
    [null, /not a MachineConfig/],
    ['text', /not a MachineConfig/],
    [{ spec: 'x' }, /spec is not an object/],
    [{ spec: { config: '{not json' } }, /not valid JSON/],
    [{ spec: { config: '[1]' } }, /not a JSON object/],
    [{ spec: { config: 42 } }, /neither an object nor JSON text/],
    [mcWith({ storage: { files: {} } }), /storage.files is not a list/],
    [mcWith({ storage: 'x' }), /storage is not an object/],
  ])('reports a malformed MachineConfig %j', (mc, message) => {
    const decoded = decodeMachineConfigFiles(mc);
    expect(decoded.files).toEqual([]);
    expect(decoded.errors).toEqual([expect.stringMatching(message)]);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const decoded = decodeMachineConfigFiles(mcWith(value));
        expect(Array.isArray(decoded.errors)).toBe(true);
      }),
    );
  });
});

describe('findFile', () => {
  it('finds a file by path, the later one when a path repeats, or undefined', () => {
    const list = [
      { path: '/a', contents: '1' },
      { path: '/b', contents: '2' },
      { path: '/a', contents: '3' },
    ];
    expect(findFile(list, '/a')).toEqual({ path: '/a', contents: '3' });
    expect(findFile(list, '/b')?.contents).toBe('2');
    expect(findFile(list, '/c')).toBeUndefined();
  });
});
