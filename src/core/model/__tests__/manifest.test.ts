import fc from 'fast-check';
import { parseContainerRuntimeConfigText, parseObjectText, serializeManifest } from '../manifest';

const LIVE = `apiVersion: machineconfiguration.openshift.io/v1
kind: ContainerRuntimeConfig
metadata:
  annotations:
    machineconfiguration.openshift.io/mc-name-suffix: ""
  creationTimestamp: "2026-11-01T10:00:00Z"
  finalizers:
  - 99-worker-generated-containerruntime
  generation: 3
  name: lazy-pull-worker
  resourceVersion: "12345"
  uid: 0b6a1f1e-5d38-4a3c-9c2e-1f3e8e0d6c11
spec:
  containerRuntimeConfig:
    logLevel: info
    additionalLayerStores:
    - path: /var/lib/stargz-store/store
    futureField: {nested: [1, 2, 3]}
  machineConfigPoolSelector:
    matchLabels:
      pools.operator.machineconfiguration.openshift.io/worker: ""
  someVendorExtension: keep-me
status:
  conditions:
  - lastTransitionTime: "2026-11-01T10:00:05Z"
    message: Success
    status: "True"
    type: Success
  observedGeneration: 3
`;

describe('parsing manifests', () => {
  it('keeps every field, known or not, with status and metadata', () => {
    const parsed = parseContainerRuntimeConfigText(LIVE);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const o = parsed.object as Record<string, any>;
    expect(o.spec.someVendorExtension).toBe('keep-me');
    expect(o.spec.containerRuntimeConfig.futureField).toEqual({ nested: [1, 2, 3] });
    expect(o.metadata.finalizers).toEqual(['99-worker-generated-containerruntime']);
    expect(o.status.conditions[0].status).toBe('True');
  });

  it('reads JSON as well as YAML', () => {
    const parsed = parseContainerRuntimeConfigText(
      '{"apiVersion":"machineconfiguration.openshift.io/v1","kind":"ContainerRuntimeConfig","metadata":{"name":"a"},"spec":{"containerRuntimeConfig":{}}}',
    );
    expect(parsed.ok).toBe(true);
  });

  it.each([
    ['empty text', '', /empty/],
    ['only a comment', '# nothing\n', /empty/],
    ['broken YAML', 'kind: [unclosed\n', /.+/],
    ['a tab-indented map', 'kind: ContainerRuntimeConfig\nspec:\n\tfoo: 1\n', /.+/],
    ['duplicate keys', 'kind: a\nkind: b\n', /unique|duplicate/i],
    ['a list', '- a\n- b\n', /expected an object, found a list/],
    ['a scalar', 'hello\n', /expected an object, found a scalar/],
    ['a null', '--- # nothing useful\n~\n', /expected an object, found a scalar/],
    ['two documents', 'a: 1\n---\nb: 2\n', /expected one document, found 2/],
    [
      'nesting thousands of levels deep',
      `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
      /nesting exceeded/,
    ],
    ['an unknown tag', 'a: !vault secret\n', /unknown tag/],
  ])('explains %s', (_what, text, message) => {
    const parsed = parseObjectText(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[0].message).toMatch(message);
  });

  it('refuses a document whose aliases would expand without end, without throwing', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      '',
    ].join('\n');
    const parsed = parseObjectText(bomb);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[0].message).toMatch(/alias/i);
  });

  it('turns any text into an object or problems, never an exception', () => {
    const yamlish = fc
      .array(
        fc.constantFrom(
          'a: ',
          '&x ',
          '*x',
          '[',
          ']',
          '{',
          '}',
          '- ',
          '\n',
          '  ',
          '"',
          "'",
          '? ',
          '!!',
          '#',
          ',',
          '|',
          '>',
          'ü',
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), yamlish), (text) => {
        const parsed = parseContainerRuntimeConfigText(text);
        if (!parsed.ok) expect(parsed.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the line of a syntax error', () => {
    const parsed = parseObjectText('a: 1\nb: 2\nc: [oops\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[0].line).toBeGreaterThanOrEqual(3);
  });

  it('refuses other kinds with a clear message', () => {
    const parsed = parseContainerRuntimeConfigText(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
    );
    expect(parsed).toEqual({
      ok: false,
      problems: [{ message: 'not a ContainerRuntimeConfig: kind is "ConfigMap"' }],
    });
    const wrongGroup = parseContainerRuntimeConfigText(
      'apiVersion: example.com/v1\nkind: ContainerRuntimeConfig\n',
    );
    expect(wrongGroup.ok).toBe(false);
  });
});

describe('serializing manifests', () => {
  it('puts familiar keys first and keeps the rest in their order', () => {
    const parsed = parseContainerRuntimeConfigText(LIVE);
    if (!parsed.ok) throw new Error('parse');
    const text = serializeManifest(parsed.object);
    expect(text.split('\n').slice(0, 3)).toEqual([
      'apiVersion: machineconfiguration.openshift.io/v1',
      'kind: ContainerRuntimeConfig',
      'metadata:',
    ]);
    expect(text.indexOf('name: lazy-pull-worker')).toBeLessThan(text.indexOf('uid:'));
    expect(text.indexOf('machineConfigPoolSelector')).toBeLessThan(
      text.indexOf('containerRuntimeConfig:'),
    );
    expect(text.indexOf('additionalLayerStores')).toBeLessThan(text.indexOf('logLevel'));
    expect(text.indexOf('logLevel')).toBeLessThan(text.indexOf('futureField'));
    expect(text.indexOf('spec:')).toBeLessThan(text.indexOf('status:'));
    expect(text).toContain('- path: /var/lib/stargz-store/store');
  });

  it('quotes strings that would otherwise read back as other types', () => {
    const obj = { metadata: { annotations: { a: 'true', b: '123', c: '', d: 'null', e: '1e3' } } };
    const parsed = parseObjectText(serializeManifest(obj));
    expect(parsed.ok && parsed.object).toEqual(obj);
  });

  // Numbers beyond 2^53 are read back exactly (as ExactInteger), which a JavaScript number
  // cannot hold; they have tests of their own.
  const onlySafeNumbers = (v: unknown): boolean =>
    typeof v === 'number'
      ? !Number.isInteger(v) || Number.isSafeInteger(v)
      : Array.isArray(v)
        ? v.every(onlySafeNumbers)
        : typeof v === 'object' && v !== null
          ? Object.values(v).every(onlySafeNumbers)
          : true;
  const jsonValue = fc
    .jsonValue({ maxDepth: 3 })
    .filter((v) => v !== undefined && onlySafeNumbers(v));
  const extras = fc.dictionary(
    fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((k) => !['__proto__', 'constructor'].includes(k)),
    jsonValue,
    { maxKeys: 4 },
  );

  it('parse → serialize → parse is stable for arbitrary extra fields', () => {
    fc.assert(
      fc.property(extras, extras, extras, fc.string({ maxLength: 40 }), (top, spec, cfg, path) => {
        const obj = JSON.parse(
          JSON.stringify({
            ...top,
            apiVersion: 'machineconfiguration.openshift.io/v1',
            kind: 'ContainerRuntimeConfig',
            metadata: { name: 'x' },
            spec: {
              ...spec,
              containerRuntimeConfig: { ...cfg, additionalLayerStores: [{ path }] },
            },
          }),
        ) as Record<string, unknown>;
        const once = parseObjectText(serializeManifest(obj));
        expect(once.ok).toBe(true);
        if (!once.ok) return;
        expect(once.object).toEqual(obj);
        const twice = serializeManifest(once.object);
        expect(twice).toBe(serializeManifest(obj));
      }),
      { numRuns: 300 },
    );
  });
});
