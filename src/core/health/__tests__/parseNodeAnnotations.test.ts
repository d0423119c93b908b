import fc from 'fast-check';
import {
  HEALTH_ANNOTATION,
  type NodeHealthReport,
  parseNodeAnnotations,
  REPORT_ANNOTATION,
  REPORT_MAX_BYTES,
  unclosedObject,
  type UnknownStateProblem,
} from '../report';
import { EXAMPLE_AT, exampleReport, healthyReport } from '../__test-support__/reportExamples';

const NOW = new Date(EXAMPLE_AT);
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

const annotate = (health: string, report: unknown) => ({
  [HEALTH_ANNOTATION]: health,
  [REPORT_ANNOTATION]: typeof report === 'string' ? report : JSON.stringify(report),
});

/** A report (the healthy one by default) with one field replaced (or removed, with `undefined`). */
const withField = (
  path: (string | number)[],
  value: unknown,
  base: unknown = healthyReport(),
): unknown => {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  let target: Record<string | number, unknown> = copy;
  path.slice(0, -1).forEach((key) => {
    target = target[key] as Record<string | number, unknown>;
  });
  const last = path[path.length - 1];
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
};

describe('parseNodeAnnotations: reported states', () => {
  it('reads a healthy report', () => {
    const report = healthyReport();
    expect(parseNodeAnnotations(annotate('Healthy', report), NOW)).toEqual({
      kind: 'ok',
      health: 'Healthy',
      report,
      checkedAt: NOW,
      checkedAtMs: NOW.getTime(),
      // Three heartbeats of 600 s (the documented rule, in docs/annotations.md).
      staleAtMs: NOW.getTime() + 3 * 600_000,
      stale: false,
    });
  });

  it('reads the example report that uses every field', () => {
    const state = parseNodeAnnotations(annotate('Unhealthy', exampleReport()), NOW);
    expect(state).toMatchObject({ kind: 'ok', health: 'Unhealthy', report: exampleReport() });
  });

  it('ignores other annotations around ours', () => {
    const annotations = {
      'machineconfiguration.openshift.io/state': 'Done',
      ...annotate('Healthy', healthyReport()),
    };
    expect(parseNodeAnnotations(annotations, NOW).kind).toBe('ok');
  });

  it.each([
    ['no annotations at all', undefined],
    ['an empty map', {}],
    ['only other annotations', { 'machineconfiguration.openshift.io/state': 'Done' }],
  ])('is not reported with %s', (_name, annotations) => {
    expect(parseNodeAnnotations(annotations, NOW)).toEqual({ kind: 'notReported' });
  });

  it('tolerates unknown fields of a v1 report (forward compatible)', () => {
    const report = { ...healthyReport(), gpu: { driver: 'x' } } as NodeHealthReport & {
      gpu: unknown;
    };
    report.stores[0] = { ...report.stores[0], cacheBytes: 12 } as (typeof report.stores)[0];
    const state = parseNodeAnnotations(annotate('Healthy', report), NOW);
    expect(state.kind).toBe('ok');
    // The documented fields read as written; the others are not looked at.
    if (state.kind === 'ok') expect(state.report).toEqual(report);
  });

  it('reads a report without the FUSE mounts (an older agent) as one that says nothing of them', () => {
    const report = exampleReport();
    delete report.fuseMounts;
    delete report.fuseMountsOmitted;
    const state = parseNodeAnnotations(annotate('Unhealthy', report), NOW);
    expect(state).toMatchObject({ kind: 'ok', report });
    if (state.kind === 'ok') expect(state.report).not.toHaveProperty('fuseMounts');
  });

  it.each([
    [
      'NotConfigured',
      {
        storageConf: { layerStores: [], imageStores: [] },
        stores: [],
        checks: [{ id: 'storage-conf', status: 'pass', message: 'none' }],
      },
    ],
    [
      'NotConfigured',
      {
        storageConf: { layerStores: [], imageStores: [] },
        stores: [],
        checks: [{ id: 'storage-conf', status: 'warn', message: 'missing' }],
      },
    ],
    [
      'Unhealthy',
      {
        storageConf: null,
        stores: [],
        checks: [{ id: 'storage-conf', status: 'fail', message: 'garbage' }],
      },
    ],
    ['Degraded', { checks: [{ id: 'auth-helper', status: 'warn', message: 'no helper' }] }],
    [
      'Unhealthy',
      {
        checks: [
          { id: 'auth-helper', status: 'warn', message: 'x' },
          { id: 'mounted', status: 'fail', message: 'y', store: 0 },
        ],
      },
    ],
    ['Healthy', { checks: [] }],
  ])('accepts %s when the checks imply it', (health, overrides) => {
    const report = healthyReport(overrides as Partial<NodeHealthReport>);
    expect(parseNodeAnnotations(annotate(health, report), NOW)).toMatchObject({
      kind: 'ok',
      health,
    });
  });
});

describe('parseNodeAnnotations: staleness', () => {
  it.each([
    [0, false],
    [29, false],
    [30, false],
    [30.01, true],
    [600, true],
    [-4, false],
  ])('a report with a 10 min heartbeat is stale after %s min: %s', (age, stale) => {
    expect(parseNodeAnnotations(annotate('Healthy', healthyReport()), minutes(age))).toMatchObject({
      kind: 'ok',
      stale,
    });
  });

  it("applies each node's own heartbeat interval", () => {
    const report = healthyReport({ heartbeatSeconds: 60 });
    expect(parseNodeAnnotations(annotate('Healthy', report), minutes(3))).toMatchObject({
      stale: false,
    });
    expect(parseNodeAnnotations(annotate('Healthy', report), minutes(3.1))).toMatchObject({
      stale: true,
    });
  });
});

describe('parseNodeAnnotations: every malformed family is unknown, with a reason', () => {
  const healthy = healthyReport();
  const cases: [string, Record<string, string>, UnknownStateProblem, RegExp][] = [
    [
      'health without report',
      { [HEALTH_ANNOTATION]: 'Healthy' },
      'missing-report',
      /report is missing/,
    ],
    [
      'report without health',
      { [REPORT_ANNOTATION]: JSON.stringify(healthy) },
      'missing-health',
      /health is missing/,
    ],
    [
      'health in lower case',
      annotate('healthy', healthy),
      'bad-health',
      /"healthy" is not one of Healthy, Degraded, Unhealthy, NotConfigured/,
    ],
    ['empty health', annotate('', healthy), 'bad-health', /"" is not one of/],
    ['health with spaces', annotate(' Healthy', healthy), 'bad-health', /not one of/],
    ['bad JSON', annotate('Healthy', '{"v":1,'), 'bad-json', /not valid JSON/],
    ['empty report', annotate('Healthy', ''), 'bad-json', /not valid JSON/],
    [
      'a JSON list',
      annotate('Healthy', '[1]'),
      'wrong-type',
      /report should be a JSON object, but is an array/,
    ],
    ['JSON null', annotate('Healthy', 'null'), 'wrong-type', /JSON object, but is null/],
    [
      'version 2',
      annotate('Healthy', { ...healthy, v: 2 }),
      'unknown-version',
      /version 2 is not supported \(this console reads version 1\)/,
    ],
    ['version 0', annotate('Healthy', { v: 0 }), 'unknown-version', /version 0/],
    [
      'version as a string',
      annotate('Healthy', { ...healthy, v: '1' }),
      'wrong-type',
      /"v" should be a number, but is "1" \(a string\)/,
    ],
    [
      'no version',
      annotate('Healthy', withField(['v'], undefined)),
      'wrong-type',
      /"v" should be a number, but is missing/,
    ],
    [
      'oversized',
      annotate('Healthy', ' '.repeat(REPORT_MAX_BYTES + 1)),
      'oversized',
      /16385 bytes, more than the 16384-byte limit/,
    ],
    [
      'oversized by multibyte characters',
      annotate('Healthy', 'é'.repeat(REPORT_MAX_BYTES / 2 + 1)),
      'oversized',
      /16386 bytes/,
    ],
    [
      'at as a number',
      annotate('Healthy', withField(['at'], 1)),
      'wrong-type',
      /"at" should be a string/,
    ],
    [
      'agentVersion missing',
      annotate('Healthy', withField(['agentVersion'], undefined)),
      'wrong-type',
      /"agentVersion" should be a string, but is missing/,
    ],
    [
      'heartbeat zero',
      annotate('Healthy', withField(['heartbeatSeconds'], 0)),
      'wrong-type',
      /"heartbeatSeconds" should be an integer from 1 to 86400/,
    ],
    [
      'heartbeat fractional',
      annotate('Healthy', withField(['heartbeatSeconds'], 1.5)),
      'wrong-type',
      /"heartbeatSeconds"/,
    ],
    [
      'storageConf a list',
      annotate('Healthy', withField(['storageConf'], [])),
      'wrong-type',
      /"storageConf" should be an object, but is an array/,
    ],
    [
      'layer store ref a string',
      annotate('Healthy', withField(['storageConf', 'layerStores', 0, 'ref'], 'true')),
      'wrong-type',
      /"storageConf\.layerStores\[0\]\.ref" should be true or false/,
    ],
    [
      'image stores missing',
      annotate('Healthy', withField(['storageConf', 'imageStores'], undefined)),
      'wrong-type',
      /"storageConf\.imageStores" should be a list/,
    ],
    [
      'stores an object',
      annotate('Healthy', withField(['stores'], {})),
      'wrong-type',
      /"stores" should be a list, but is an object/,
    ],
    [
      'unknown plugin kind',
      annotate('Healthy', withField(['stores', 0, 'plugin'], 'overlaybd')),
      'wrong-type',
      /"stores\[0\]\.plugin" should be one of stargz, nydus, unknown/,
    ],
    [
      'mounted as a string',
      annotate('Healthy', withField(['stores', 0, 'mounted'], 'yes')),
      'wrong-type',
      /"stores\[0\]\.mounted" should be true or false/,
    ],
    [
      'fs a number',
      annotate('Healthy', withField(['stores', 0, 'fs'], 5)),
      'wrong-type',
      /"stores\[0\]\.fs" should be a string or null/,
    ],
    [
      'negative latency',
      annotate('Healthy', withField(['stores', 0, 'latencyMs'], -1)),
      'wrong-type',
      /"stores\[0\]\.latencyMs" should be a non-negative number or null/,
    ],
    [
      'layers as a string',
      annotate('Healthy', withField(['stores', 0, 'layers'], '12')),
      'wrong-type',
      /"stores\[0\]\.layers" should be a non-negative integer, but is "12" \(a string\)/,
    ],
    [
      'fractional layers',
      annotate('Healthy', withField(['stores', 0, 'layers'], 1.5)),
      'wrong-type',
      /"stores\[0\]\.layers"/,
    ],
    [
      'an image that is not a string',
      annotate('Healthy', withField(['stores', 0, 'images', 1], 7)),
      'wrong-type',
      /"stores\[0\]\.images\[1\]" should be a string/,
    ],
    [
      'imagesOmitted missing',
      annotate('Healthy', withField(['stores', 0, 'imagesOmitted'], undefined)),
      'wrong-type',
      /"stores\[0\]\.imagesOmitted"/,
    ],
    [
      'socket a string',
      annotate('Healthy', withField(['stores', 0, 'socket'], 'true')),
      'wrong-type',
      /"stores\[0\]\.socket" should be true, false or null/,
    ],
    [
      'error a number',
      annotate('Healthy', withField(['stores', 0, 'error'], 1)),
      'wrong-type',
      /"stores\[0\]\.error" should be a string/,
    ],
    [
      'check status unknown',
      annotate('Healthy', withField(['checks', 0, 'status'], 'ok')),
      'wrong-type',
      /"checks\[0\]\.status" should be one of pass, warn, fail/,
    ],
    [
      'check id empty',
      annotate('Healthy', withField(['checks', 0, 'id'], '')),
      'wrong-type',
      /"checks\[0\]\.id" should be a non-empty string/,
    ],
    [
      'check message missing',
      annotate('Healthy', withField(['checks', 1, 'message'], undefined)),
      'wrong-type',
      /"checks\[1\]\.message"/,
    ],
    [
      'check store out of range',
      annotate('Healthy', withField(['checks', 1, 'store'], 1)),
      'wrong-type',
      /"checks\[1\]\.store" should be the index of one of the 1 stores, but is 1/,
    ],
    [
      'fuseMounts not a list',
      annotate('Unhealthy', withField(['fuseMounts'], {}, exampleReport())),
      'wrong-type',
      /"fuseMounts" should be a list, but is an object/,
    ],
    [
      'a FUSE mount without its type',
      annotate('Unhealthy', withField(['fuseMounts', 1, 'fs'], undefined, exampleReport())),
      'wrong-type',
      /"fuseMounts\[1\]\.fs" should be a string, but is missing/,
    ],
    [
      'fuseMountsOmitted negative',
      annotate('Unhealthy', withField(['fuseMountsOmitted'], -1, exampleReport())),
      'wrong-type',
      /"fuseMountsOmitted" should be a non-negative integer/,
    ],
    [
      'at unparseable',
      annotate('Healthy', withField(['at'], 'yesterday')),
      'bad-time',
      /"at" should be an RFC 3339 time, but is "yesterday"/,
    ],
    [
      'at an impossible date',
      annotate('Healthy', withField(['at'], '2026-02-30T00:00:00Z')),
      'bad-time',
      /RFC 3339/,
    ],
    [
      'at one hour ahead',
      annotate('Healthy', withField(['at'], '2026-03-01T13:00:00Z')),
      'future-time',
      /60 min in the future \(more than the 5 min allowed for clock skew\)/,
    ],
    [
      'Healthy with a failed check',
      annotate('Healthy', exampleReport()),
      'disagree',
      /says Healthy but the report's stores and checks make it Unhealthy/,
    ],
    [
      'NotConfigured with stores',
      annotate('NotConfigured', healthy),
      'disagree',
      /make it Healthy/,
    ],
    ['Degraded with all passing', annotate('Degraded', healthy), 'disagree', /make it Healthy/],
  ];

  it.each(cases)('%s', (_name, annotations, problem, reason) => {
    const state = parseNodeAnnotations(annotations, NOW);
    expect(state).toEqual({ kind: 'unknown', problem, reason: expect.stringMatching(reason) });
  });

  it('reads any damaged report without throwing, and what it accepts is what was written', () => {
    // Any field of the example report (which uses every field) replaced by any JSON value, or
    // removed: the reader refuses it with a reason, or accepts it, and then every field it
    // gives is the one in the annotation's JSON (the independent reading of the same text).
    const paths: (string | number)[][] = [];
    const collect = (value: unknown, path: (string | number)[]) => {
      if (path.length > 0) paths.push(path);
      if (Array.isArray(value)) value.forEach((v, i) => collect(v, [...path, i]));
      else if (value !== null && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) collect(v, [...path, k]);
    };
    const example = exampleReport();
    collect(example, []);
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 })),
        fc.constantFrom('Healthy', 'Degraded', 'Unhealthy', 'NotConfigured'),
        (path, value, health) => {
          const annotations = annotate(health, withField(path, value, example));
          const state = parseNodeAnnotations(annotations, NOW);
          if (state.kind === 'unknown') expect(state.reason).not.toBe('');
          else {
            expect(state.kind).toBe('ok');
            const written = JSON.parse(annotations[REPORT_ANNOTATION]) as object;
            expect(written).toMatchObject(state.kind === 'ok' ? state.report : {});
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('accepts a report a little ahead of the reader (clock skew)', () => {
    expect(
      parseNodeAnnotations(annotate('Healthy', withField(['at'], '2026-03-01T12:04:00Z')), NOW)
        .kind,
    ).toBe('ok');
  });

  it('accepts exactly the byte limit', () => {
    const report = JSON.stringify(healthy);
    const padded =
      report.slice(0, -1) + ',"pad":"' + 'x'.repeat(REPORT_MAX_BYTES - report.length - 9) + '"}';
    expect(padded.length).toBe(REPORT_MAX_BYTES);
    expect(parseNodeAnnotations(annotate('Healthy', padded), NOW).kind).toBe('ok');
  });

  it('survives values that are not even strings (from untyped callers)', () => {
    const odd = { [HEALTH_ANNOTATION]: 5, [REPORT_ANNOTATION]: {} } as unknown as Record<
      string,
      string
    >;
    expect(parseNodeAnnotations(odd, NOW)).toMatchObject({
      kind: 'unknown',
      problem: 'bad-health',
    });
    const oddReport = {
      [HEALTH_ANNOTATION]: 'Healthy',
      [REPORT_ANNOTATION]: 5,
    } as unknown as Record<string, string>;
    expect(parseNodeAnnotations(oddReport, NOW)).toMatchObject({
      kind: 'unknown',
      problem: 'wrong-type',
    });
  });
});

describe('refusing a report cut short without parsing it', () => {
  const parses = (text: string) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };
  const space = fc.constantFrom('', ' ', '\n', '\t', '\r\n ');

  it('refuses only texts that JSON.parse refuses too, and every valid JSON text goes to it', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          // JSON values, whole or cut anywhere, with JSON's whitespace around them...
          fc
            .tuple(space, fc.json(), space, fc.nat(), fc.boolean())
            .map(([before, json, after, at, cut]) => {
              const text = `${before}${json}${after}`;
              return cut ? text.slice(0, at % (text.length + 1)) : text;
            }),
          // ...and any text at all.
          fc.string(),
        ),
        (text) => {
          const refusal = unclosedObject(text);
          if (refusal !== undefined) expect(parses(text)).toBe(false);
          if (parses(text)) expect(refusal).toBeUndefined();
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('says why, and the node is unknown, never healthy', () => {
    expect(unclosedObject('{"v":1,"at":')).toMatch(/ends before the object it opens is closed/);
    expect(unclosedObject(' \n ')).toBe('the text is empty');
    expect(unclosedObject('{"v":1}\n')).toBeUndefined();
    expect(unclosedObject('[1, 2')).toBeUndefined(); // not an object: JSON.parse explains it
    expect(parseNodeAnnotations(annotate('Healthy', '{"v":1,"at":'), NOW)).toEqual({
      kind: 'unknown',
      problem: 'bad-json',
      reason:
        'report annotation is not valid JSON: the text ends before the object it opens is closed (12 characters; was it cut short?)',
    });
  });
});
