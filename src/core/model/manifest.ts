import { isMap, isSeq, LineCounter, parseAllDocuments, stringify } from 'yaml';
import { CTRCFG_KIND, MCO_GROUP } from './types';

/**
 * Reading and writing ContainerRuntimeConfig manifests as text. Parsing keeps every field, known
 * or not; writing puts the fields a reader looks for first in a familiar order and keeps all the
 * others, in their original order, after them.
 */

export interface ManifestProblem {
  message: string;
  /** 1-based line of the problem in the text, when the parser knows it. */
  line?: number;
}

export type ParsedManifest =
  { ok: true; object: Record<string, unknown> } | { ok: false; problems: ManifestProblem[] };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses YAML or JSON text holding exactly one object (any kind). */
export const parseObjectText = (text: string): ParsedManifest => {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (!Array.isArray(docs)) {
    return {
      ok: false,
      problems: [{ message: 'the text is empty: expected one YAML or JSON object' }],
    };
  }
  const problems: ManifestProblem[] = [];
  for (const doc of docs) {
    for (const err of doc.errors) {
      const pos = err.pos?.[0];
      problems.push({
        message: err.message.split('\n')[0],
        line: pos === undefined ? undefined : lineCounter.linePos(pos).line,
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const nonEmpty = docs.filter((d) => d.contents !== null);
  if (nonEmpty.length === 0) {
    return {
      ok: false,
      problems: [{ message: 'the text is empty: expected one YAML or JSON object' }],
    };
  }
  if (nonEmpty.length > 1) {
    return {
      ok: false,
      problems: [{ message: `expected one document, found ${nonEmpty.length}` }],
    };
  }
  const doc = nonEmpty[0];
  if (!isMap(doc.contents)) {
    const what = isSeq(doc.contents) ? 'a list' : 'a scalar value';
    return { ok: false, problems: [{ message: `expected an object, found ${what}`, line: 1 }] };
  }
  let object: unknown;
  try {
    // The alias limit stops "billion laughs" documents, which would otherwise expand without end.
    object = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return {
      ok: false,
      problems: [
        { message: error instanceof Error ? error.message.split('\n')[0] : String(error) },
      ],
    };
  }
  if (!isPlainObject(object)) {
    return { ok: false, problems: [{ message: 'expected an object' }] };
  }
  return { ok: true, object };
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

/** The YAML of an object, in the familiar key order, as `oc get -o yaml` would lay it out. */
export const serializeManifest = (object: Record<string, unknown>): string =>
  stringify(orderKeys(object, ''), {
    indentSeq: false,
    lineWidth: 0,
    aliasDuplicateObjects: false,
  });
