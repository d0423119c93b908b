/**
 * The core's API-server validation against the API server itself: the answers a real
 * kube-apiserver gave with OpenShift's CRD (../shared/golden/apiserver), openshift/api's own test
 * suite for these fields, and the 4.22 CRDs, all read from ../shared.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describeWithShared, hasShared, sharedPath } from '../../../__test-support__/sharedData';
import { parseObjectText } from '../../model/manifest';
import {
  apiServerAnswer,
  formatFieldError,
  validateContainerRuntimeConfig,
  withoutStoreLists,
  type FieldError,
} from '..';
import { BUILTIN_FEATURE_SET, BUILTIN_SCHEMA } from '../crd/builtinSchema';
import { strictDecodingError } from '../crd/prune';
import type { JSONSchemaProps } from '../crd/schema';

const GOLDEN = sharedPath('golden', 'apiserver');
const RELEASE = sharedPath('openshift-api', 'release-4.22');

interface Cause {
  field: string;
  message: string;
}
interface Answer {
  http: number;
  object?: { spec: unknown };
  status?: { message: string; details?: { causes?: Cause[] } | null };
  warnings: string[];
}

/** Kubernetes 1.26, which answered these, words maxLength as newer servers no longer do. */
const asNewerServer = (line: string): string =>
  line.replace(
    /Too long: may not be longer than (\d+)$/,
    'Too long: may not be more than $1 bytes',
  );

const lines = (errors: FieldError[]) => errors.map(formatFieldError).sort();

const stripDescriptions = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(stripDescriptions)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([k]) => k !== 'description')
            .map(([k, x]) => [k, stripDescriptions(x)]),
        )
      : v;

const crdSchema = (file: string): JSONSchemaProps => {
  const crd = load(readFileSync(`${RELEASE}/${file}`, 'utf8')) as {
    spec: { versions: { name: string; schema: { openAPIV3Schema: unknown } }[] };
  };
  const v1 = crd.spec.versions.find((v) => v.name === 'v1');
  return stripDescriptions(v1?.schema.openAPIV3Schema) as JSONSchemaProps;
};

const cases = hasShared('golden', 'apiserver')
  ? readdirSync(`${GOLDEN}/cases`)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort()
  : [];

describeWithShared('golden/apiserver')('the API server’s recorded answers', () => {
  it('are all found', () => {
    expect(cases.length).toBeGreaterThanOrEqual(22);
  });

  it.each(cases)('%s', (name) => {
    const manifest = parseObjectText(readFileSync(`${GOLDEN}/cases/${name}.json`, 'utf8'));
    if (!manifest.ok) throw new Error(JSON.stringify(manifest.problems));
    const expected = JSON.parse(readFileSync(`${GOLDEN}/expected/${name}.json`, 'utf8')) as {
      warn: Answer;
      strict: Answer;
    };
    const problems = validateContainerRuntimeConfig(manifest.object);
    const apiErrors = problems.filter((p) => p.source === 'api' && p.severity === 'error');
    const warnings = problems.filter((p) => p.severity === 'warning').map((p) => p.message);

    // fieldValidation=Warn: the causes of a 422 as a set, character for character, and the
    // Warning headers (`299 - "<text>"`).
    const causes = (expected.warn.status?.details?.causes ?? []).map((c) =>
      asNewerServer(`${c.field}: ${c.message}`),
    );
    expect(lines(apiErrors)).toEqual(causes.sort());
    expect(warnings).toEqual(
      expected.warn.warnings.map((w) => JSON.parse(w.replace(/^299 - /, '')) as string),
    );

    const answer = apiServerAnswer(manifest.object, BUILTIN_SCHEMA);
    if (expected.warn.http === 201) {
      // What the server stored: pruned of the unknown fields.
      expect((answer.object as { spec: unknown }).spec).toEqual(expected.warn.object?.spec);
    }
    // fieldValidation=Strict: unknown fields are a 400 before anything is validated.
    if (expected.strict.http === 400) {
      expect(expected.strict.status?.message).toBe(
        `ContainerRuntimeConfig in version "v1" cannot be handled as a ContainerRuntimeConfig: ${strictDecodingError(answer.unknownFields)}`,
      );
    } else {
      expect(answer.unknownFields).toEqual([]);
    }
  });
});

interface SuiteTest {
  name: string;
  initial: string;
  expected?: string;
  expectedError?: string;
}

const suite = (): SuiteTest[] =>
  (
    load(readFileSync(`${RELEASE}/tests-AdditionalStorageConfig.yaml`, 'utf8')) as {
      tests: { onCreate: SuiteTest[] };
    }
  ).tests.onCreate;

describeWithShared('openshift-api/release-4.22/tests-AdditionalStorageConfig.yaml')(
  'openshift/api’s test suite for the store lists, through the core',
  () => {
    const tests = hasShared('openshift-api', 'release-4.22') ? suite() : [];

    it('is all found', () => {
      expect(tests.length).toBeGreaterThanOrEqual(20);
    });

    it.each(tests.map((t) => [t.name, t] as const))('%s', (_name, test) => {
      const initial = parseObjectText(test.initial);
      if (!initial.ok) throw new Error(JSON.stringify(initial.problems));
      // The suite's harness names each object with generateName.
      const object = { ...initial.object, metadata: { generateName: 'test-' } };
      const answer = apiServerAnswer(object, BUILTIN_SCHEMA);
      if (test.expectedError !== undefined) {
        // The harness looks for the text in the error: `… is invalid: [<field>: <message>, …]`.
        const text = answer.errors.map(formatFieldError).join(', ');
        expect(answer.errors.length).toBeGreaterThan(0);
        expect(text).toContain(test.expectedError);
      } else {
        const expected = parseObjectText(test.expected ?? '');
        if (!expected.ok) throw new Error(JSON.stringify(expected.problems));
        expect(answer.errors).toEqual([]);
        expect((answer.object as { spec: unknown }).spec).toEqual(expected.object.spec);
      }
    });
  },
);

describeWithShared('openshift-api/release-4.22')('the built-in schema', () => {
  it('is the 4.22 TechPreviewNoUpgrade CRD’s v1 schema (descriptions aside)', () => {
    expect(BUILTIN_FEATURE_SET).toBe('TechPreviewNoUpgrade');
    expect(BUILTIN_SCHEMA).toEqual(
      crdSchema('containerruntimeconfigs-TechPreviewNoUpgrade.crd.yaml'),
    );
  });

  it('without the store lists is the Default CRD’s schema (the gate off)', () => {
    expect(withoutStoreLists(BUILTIN_SCHEMA)).toEqual(
      crdSchema('containerruntimeconfigs-Default.crd.yaml'),
    );
  });
});

const withConfig = (containerRuntimeConfig: unknown, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'ContainerRuntimeConfig',
  metadata: { name: 'lazy-pull-worker' },
  spec: {
    machineConfigPoolSelector: {
      matchLabels: { 'pools.operator.machineconfiguration.openshift.io/worker': '' },
    },
    containerRuntimeConfig,
  },
  ...extra,
});

const apiLines = (obj: unknown, gateEnabled = true) =>
  lines(
    validateContainerRuntimeConfig(obj, { gateEnabled }).filter(
      (e) => e.source === 'api' && e.severity === 'error',
    ),
  );

const CFG = 'spec.containerRuntimeConfig';
const NOT_CHECKED =
  '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';
const QUANTITY =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

describe('the API server’s schema checks, case by case', () => {
  it('reads a float for an int-or-string quantity as a wrong type, with the anyOf causes', () => {
    expect(apiLines(withConfig({ logSizeMax: 1.5 }))).toEqual(
      [
        `${CFG}.logSizeMax: Invalid value: "number": ${CFG}.logSizeMax in body must be of type integer,string: "number"`,
        `<nil>: Invalid value: "": "${CFG}.logSizeMax" must validate at least one schema (anyOf)`,
        `${CFG}.logSizeMax: Invalid value: "number": ${CFG}.logSizeMax in body must be of type integer: "number"`,
        NOT_CHECKED,
      ].sort(),
    );
  });

  it('accepts integer and quantity-string sizes, and checks only strings against the pattern', () => {
    expect(apiLines(withConfig({ logSizeMax: 65536, overlaySize: '10G' }))).toEqual([]);
    expect(apiLines(withConfig({ overlaySize: '1.5 Gi' }))).toEqual([
      `${CFG}.overlaySize: Invalid value: "1.5 Gi": ${CFG}.overlaySize in body should match '${QUANTITY}'`,
    ]);
  });

  it('reports a number for an enum as both a wrong type and an unsupported value', () => {
    expect(apiLines(withConfig({ defaultRuntime: 1 }))).toEqual(
      [
        `${CFG}.defaultRuntime: Invalid value: "integer": ${CFG}.defaultRuntime in body must be of type string: "integer"`,
        `${CFG}.defaultRuntime: Unsupported value: 1: supported values: "crun", "runc"`,
        NOT_CHECKED,
      ].sort(),
    );
  });

  it('words an int64 field given a float or a boolean by its format', () => {
    expect(apiLines(withConfig({ pidsLimit: 1.5 }))).toEqual(
      [
        `${CFG}.pidsLimit: Invalid value: "float64": ${CFG}.pidsLimit in body must be of type int64: "float64"`,
        NOT_CHECKED,
      ].sort(),
    );
    expect(apiLines(withConfig({ pidsLimit: true }))).toEqual(
      [
        `${CFG}.pidsLimit: Invalid value: "": ${CFG}.pidsLimit in body must be of type int64: ""`,
        NOT_CHECKED,
      ].sort(),
    );
  });

  it('keeps int64 exactly and refuses what is beyond it, as the server reads it (a float)', () => {
    const ok = parseObjectText(
      `kind: ContainerRuntimeConfig\nmetadata: {name: a}\nspec:\n  containerRuntimeConfig:\n    pidsLimit: 9223372036854775807\n`,
    );
    const over = parseObjectText(
      `kind: ContainerRuntimeConfig\nmetadata: {name: a}\nspec:\n  containerRuntimeConfig:\n    pidsLimit: 9223372036854775808\n`,
    );
    if (!ok.ok || !over.ok) throw new Error('unparsed');
    expect(apiLines(ok.object)).toEqual([]);
    expect(apiLines(over.object)).toEqual(
      [
        `${CFG}.pidsLimit: Invalid value: "float64": ${CFG}.pidsLimit in body must be of type int64: "float64"`,
        NOT_CHECKED,
      ].sort(),
    );
  });

  it('warns of unknown fields at every level, metadata and spec included', () => {
    const warnings = validateContainerRuntimeConfig({
      ...withConfig({ additionalLayerStores: [{ path: '/a', extra: 1 }], foo: 1 }),
      metadata: { name: 'a', colour: 'blue' },
      top: true,
      spec: { containerRuntimeConfig: {}, foo: 'x' },
    })
      .filter((e) => e.severity === 'warning')
      .map((e) => e.message)
      .sort();
    expect(warnings).toEqual(
      ['unknown field "metadata.colour"', 'unknown field "spec.foo"', 'unknown field "top"'].sort(),
    );
  });

  it('reports the store lists as unknown fields where the gate is off', () => {
    const problems = validateContainerRuntimeConfig(
      withConfig({ additionalLayerStores: [{ path: '/var/lib/stargz-store/store' }] }),
      { gateEnabled: false },
    );
    expect(problems.map(formatFieldError)).toEqual([
      `${CFG}.additionalLayerStores: unknown field "${CFG}.additionalLayerStores"`,
    ]);
  });

  it('knows a later release’s field when the cluster’s schema has it', () => {
    const config = BUILTIN_SCHEMA.properties?.spec?.properties?.containerRuntimeConfig;
    const later: JSONSchemaProps = structuredClone(BUILTIN_SCHEMA);
    const laterConfig = later.properties?.spec?.properties?.containerRuntimeConfig;
    if (!config || !laterConfig?.properties) throw new Error('no configuration schema');
    laterConfig.properties.containerGomaxprocsBehavior = { type: 'string', enum: ['Auto'] };
    const obj = withConfig({ containerGomaxprocsBehavior: 'Auto' });
    expect(validateContainerRuntimeConfig(obj)).toHaveLength(1);
    expect(validateContainerRuntimeConfig(obj, { schema: later })).toEqual([]);
  });

  it('keeps the whole DNS-1123 message for a bad name, and checks generateName', () => {
    expect(apiLines({ ...withConfig({}), metadata: { name: 'a'.repeat(254) } })).toEqual([
      `metadata.name: Invalid value: "${'a'.repeat(254)}": must be no more than 253 characters`,
    ]);
    expect(apiLines({ ...withConfig({}), metadata: { generateName: 'Bad-' } })).toEqual(
      [
        `metadata.generateName: Invalid value: "Bad-": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
        `metadata.name: Invalid value: "Bad-x7k2q": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      ].sort(),
    );
    expect(apiLines({ ...withConfig({}), metadata: {} })).toEqual(
      ['metadata.name: Required value: name or generateName is required', NOT_CHECKED].sort(),
    );
  });

  it('checks label keys and values as qualified names and label values', () => {
    expect(
      apiLines({ ...withConfig({}), metadata: { name: 'a', labels: { 'a b': 'c d' } } }),
    ).toEqual(
      [
        `metadata.labels: Invalid value: "a b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
        `metadata.labels: Invalid value: "c d": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      ].sort(),
    );
  });

  it('treats a null of a non-nullable field as absent, and a null item as a wrong type', () => {
    expect(apiLines(withConfig({ logLevel: null }))).toEqual([]);
    expect(apiLines(withConfig({ additionalLayerStores: [null] }))).toEqual(
      [
        `${CFG}.additionalLayerStores[0]: Invalid value: "null": ${CFG}.additionalLayerStores[0] in body must be of type object: "null"`,
        NOT_CHECKED,
      ].sort(),
    );
  });

  it('runs every CEL rule of a node, and reports an enum violation with them', () => {
    expect(
      apiLines(withConfig({ defaultRuntime: 'kata', additionalImageStores: [{ path: 'a//b' }] })),
    ).toEqual(
      [
        `${CFG}.defaultRuntime: Unsupported value: "kata": supported values: "crun", "runc"`,
        `${CFG}.additionalImageStores[0].path: Invalid value: "string": path must be absolute and contain only alphanumeric characters, '/', '.', '_', and '-'`,
        `${CFG}.additionalImageStores[0].path: Invalid value: "string": path must not contain consecutive forward slashes`,
      ].sort(),
    );
  });

  it('evaluates rules with messageExpression, fieldPath and reason as the server does', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: {
        metadata: { type: 'object' },
        spec: {
          type: 'object',
          properties: { a: { type: 'integer' }, b: { type: 'string' } },
          'x-kubernetes-validations': [
            { rule: 'self.a < 10', messageExpression: "'a is ' + string(self.a)" },
            {
              rule: 'has(self.b)',
              reason: 'FieldValueRequired',
              fieldPath: '.b',
              message: 'b is needed',
            },
            { rule: 'self.a != 5' },
            { rule: 'self.missing == 1', message: 'never' },
          ],
        },
      },
    };
    expect(
      lines(apiServerAnswer({ metadata: { name: 'a' }, spec: { a: 12 } }, schema).errors),
    ).toEqual(
      [
        'spec: Invalid value: "object": a is 12',
        'spec.b: Required value: b is needed',
        'spec: Invalid value: "object": No such key: missing evaluating rule: never',
      ].sort(),
    );
    expect(
      lines(apiServerAnswer({ metadata: { name: 'a' }, spec: { a: 5, b: '' } }, schema).errors),
    ).toEqual(
      [
        'spec: Invalid value: "object": failed rule: self.a != 5',
        'spec: Invalid value: "object": No such key: missing evaluating rule: never',
      ].sort(),
    );
  });
});
