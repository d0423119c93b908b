import { dump, loadAll, YAMLException } from 'js-yaml';
import { ExactInteger } from './exactInteger';
import { KUBECTL_YAML_SCHEMA, UnsendableFloat } from './kubectlYaml';
import { CTRCFG_KIND, MCO_GROUP } from './types';

/**
 * Reading and writing ContainerRuntimeConfig manifests as text. Parsing keeps every field, known
 * or not; writing puts the fields a reader looks for first in a familiar order and keeps all the
 * others, in their original order, after them.
 *
 * YAML is read as kubectl reads it (YAML 1.1, see kubectlYaml.ts; JSON is YAML too), with
 * integers kept exact. Duplicate keys are refused rather than resolved silently (kubectl keeps
 * the last), so that no value the user wrote is dropped unseen.
 */

export interface ManifestProblem {
  message: string;
  /** 1-based line of the problem in the text, when the parser knows it. */
  line?: number;
}

export type ParsedManifest =
  { ok: true; object: Record<string, unknown> } | { ok: false; problems: ManifestProblem[] };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof ExactInteger) &&
  !(v instanceof UnsendableFloat);

const EMPTY: ParsedManifest = {
  ok: false,
  problems: [{ message: 'the text is empty: expected one YAML or JSON object' }],
};

/**
 * How many values a document may hold once its aliases are expanded: ten per character of the
 * text, and at least 10,000. A document without aliases holds fewer values than it has
 * characters; one of "billion laughs" aliases of aliases would expand without end.
 */
const valueBudget = (text: string): number => Math.max(10_000, 10 * text.length);

/** Whether the text holds anything but blank lines, comments and document markers. */
const hasContent = (text: string): boolean =>
  text.split('\n').some((line) => {
    const bare = line.replace(/#.*$/, '').trim();
    return bare !== '' && bare !== '---' && bare !== '...';
  });

class AliasExpansionError extends Error {}

/**
 * The parsed value as a tree of its own: an alias is read as a reference to its anchor's value,
 * so the same object may appear at several places (and changing one would change the others).
 * Every place gets its own copy, counted against the budget. An anchor whose value contains an
 * alias to itself (`a: &a [*a]`) is refused, as go-yaml refuses it.
 */
const expand = (
  value: unknown,
  budget: { left: number },
  ancestors: Set<unknown> = new Set(),
): unknown => {
  budget.left -= 1;
  if (budget.left < 0) {
    throw new AliasExpansionError(
      'the document’s aliases expand to too many values (is it an alias “bomb”?)',
    );
  }
  if (value instanceof UnsendableFloat) {
    throw new AliasExpansionError(
      `${value.text} is not a number the API server accepts (JSON has no infinities or NaN)`,
    );
  }
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  if (ancestors.has(value)) {
    throw new AliasExpansionError('an anchor’s value contains an alias to itself');
  }
  ancestors.add(value);
  const copy = Array.isArray(value)
    ? value.map((item) => expand(item, budget, ancestors))
    : // fromEntries defines own properties, so even a key named "__proto__" survives.
      Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v, budget, ancestors)]));
  ancestors.delete(value);
  return copy;
};

/** Parses YAML or JSON text holding exactly one object (any kind). */
export const parseObjectText = (text: string): ParsedManifest => {
  let docs: unknown[];
  try {
    docs = loadAll(text, null, { schema: KUBECTL_YAML_SCHEMA });
  } catch (error) {
    if (error instanceof YAMLException) {
      return {
        ok: false,
        problems: [
          {
            message: error.reason || error.message.split('\n')[0],
            line: error.mark ? error.mark.line + 1 : undefined,
          },
        ],
      };
    }
    throw error;
  }
  const nonEmpty = docs.filter((d) => d !== null && d !== undefined);
  // js-yaml reads both an empty document and a written null (`~`, `null`) as null.
  if (nonEmpty.length === 0) {
    return hasContent(text)
      ? { ok: false, problems: [{ message: 'expected an object, found a scalar value', line: 1 }] }
      : EMPTY;
  }
  if (nonEmpty.length > 1) {
    return {
      ok: false,
      problems: [{ message: `expected one document, found ${nonEmpty.length}` }],
    };
  }
  const doc = nonEmpty[0];
  if (!isPlainObject(doc)) {
    const what = Array.isArray(doc) ? 'a list' : 'a scalar value';
    return { ok: false, problems: [{ message: `expected an object, found ${what}`, line: 1 }] };
  }
  try {
    return {
      ok: true,
      object: expand(doc, { left: valueBudget(text) }) as Record<string, unknown>,
    };
  } catch (error) {
    if (error instanceof AliasExpansionError) {
      return { ok: false, problems: [{ message: error.message }] };
    }
    throw error;
  }
};

/** Parses text that must be a ContainerRuntimeConfig (apiVersion machineconfiguration.openshift.io/…). */
export const parseContainerRuntimeConfigText = (text: string): ParsedManifest => {
  const parsed = parseObjectText(text);
  if (!parsed.ok) return parsed;
  const { kind, apiVersion } = parsed.object;
  if (kind !== CTRCFG_KIND) {
    return {
      ok: false,
      problems: [
        {
          message:
            kind === undefined
              ? 'not a ContainerRuntimeConfig: the object has no kind'
              : `not a ContainerRuntimeConfig: kind is ${JSON.stringify(kind)}`,
        },
      ],
    };
  }
  if (typeof apiVersion !== 'string' || !apiVersion.startsWith(`${MCO_GROUP}/`)) {
    return {
      ok: false,
      problems: [
        {
          message: `not a ContainerRuntimeConfig of ${MCO_GROUP}: apiVersion is ${JSON.stringify(apiVersion)}`,
        },
      ],
    };
  }
  return parsed;
};

const KEY_ORDER = new Map<string, readonly string[]>(
  Object.entries({
    '': ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
    metadata: [
      'name',
      'generateName',
      'uid',
      'resourceVersion',
      'generation',
      'creationTimestamp',
      'deletionTimestamp',
      'labels',
      'annotations',
      'finalizers',
      'ownerReferences',
    ],
    spec: ['machineConfigPoolSelector', 'containerRuntimeConfig'],
    'spec.containerRuntimeConfig': [
      'additionalLayerStores',
      'additionalImageStores',
      'additionalArtifactStores',
      'pidsLimit',
      'logLevel',
      'logSizeMax',
      'overlaySize',
      'defaultRuntime',
    ],
    'spec.machineConfigPoolSelector': ['matchLabels', 'matchExpressions'],
    status: ['observedGeneration', 'conditions'],
  }),
);

const orderKeys = (value: unknown, path: string): unknown => {
  if (Array.isArray(value)) return value.map((v) => orderKeys(v, `${path}[]`));
  if (!isPlainObject(value)) return value;
  const preferred = KEY_ORDER.get(path) ?? [];
  const keys = [
    ...preferred.filter((k) => Object.prototype.hasOwnProperty.call(value, k)),
    ...Object.keys(value).filter((k) => !preferred.includes(k)),
  ];
  // fromEntries defines own properties, so even a key named "__proto__" survives.
  return Object.fromEntries(
    keys.map((k) => [k, orderKeys(value[k], path === '' ? k : `${path}.${k}`)]),
  );
};

/**
 * The YAML of an object, in the familiar key order, laid out as `oc get -o yaml` lays it out:
 * list items at their key's indentation, no line folding, and strings quoted (double quotes)
 * whenever kubectl would read them back as something else (`"yes"`, `"on"`, `"010"`, `"1_000"`).
 * Exact integers are written as their digits. Keys whose value is undefined are left out.
 */
export const serializeManifest = (object: Record<string, unknown>): string =>
  dump(orderKeys(object, ''), {
    noArrayIndent: true,
    lineWidth: -1,
    noRefs: true,
    schema: KUBECTL_YAML_SCHEMA,
    quotingType: '"',
    skipInvalid: true,
  });
