import { notAcceptable } from './api-errors';
import { pruneCustomResource } from '../../src/core/validation/crd/prune';
import { servedSchema } from './crd';
import type { ObjectStore } from './object-store';
import type { KubeObject } from './kube-object';
import { CONTAINER_RUNTIME_CONFIGS, type ResourceType } from './resources';

/**
 * How objects leave the server: whole, or as metadata only (PartialObjectMetadata, requested with
 * `Accept: application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1`), which is how the
 * console lists nodes when only their labels and annotations matter.
 */

export type Representation = 'full' | 'metadata';
export type ReadOperation = 'get' | 'list' | 'watch';

const ACCEPTED = [
  'application/json',
  'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1',
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1',
];

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

const parseAcceptHeader = (header: string): MediaRange[] =>
  header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [type, ...rest] = part.split(';').map((s) => s.trim());
      const params: Record<string, string> = {};
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim();
      }
      return { type: type.toLowerCase(), params };
    });

/**
 * The representation the client asked for: the first media range of its Accept header that the
 * server can produce for this operation (a list needs PartialObjectMetadataList, a get or a watch
 * PartialObjectMetadata). 406 when none fits.
 */
export const negotiateRepresentation = (
  accept: string | undefined,
  op: ReadOperation,
): Representation => {
  if (!accept || accept.trim() === '') return 'full';
  const wantedAs = op === 'list' ? 'PartialObjectMetadataList' : 'PartialObjectMetadata';
  for (const range of parseAcceptHeader(accept)) {
    const jsonLike =
      range.type === 'application/json' || range.type === 'application/*' || range.type === '*/*';
    if (!jsonLike) continue;
    const as = range.params.as;
    if (as === undefined) return 'full';
    if (as === wantedAs && range.params.g === 'meta.k8s.io' && range.params.v === 'v1')
      return 'metadata';
  }
  throw notAcceptable(ACCEPTED);
};

export const partialObjectMetadata = (obj: KubeObject): KubeObject => ({
  kind: 'PartialObjectMetadata',
  apiVersion: 'meta.k8s.io/v1',
  metadata: obj.metadata,
});

/**
 * An object as a read returns it. The API server prunes custom resources by the schema it serves
 * on read as well, so a ContainerRuntimeConfig stored while the storage gate was on loses its store
 * lists in responses once the gate is off.
 */
export const presentObject = (
  r: ResourceType,
  obj: KubeObject,
  representation: Representation,
  store: ObjectStore,
): KubeObject => {
  if (representation === 'metadata') return partialObjectMetadata(obj);
  if (r === CONTAINER_RUNTIME_CONFIGS) {
    return pruneCustomResource(obj, servedSchema(store)).object as KubeObject;
  }
  return obj;
};

export const listKind = (
  r: ResourceType,
  representation: Representation,
): { kind: string; apiVersion: string } =>
  representation === 'metadata'
    ? { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1' }
    : { kind: `${r.kind}List`, apiVersion: r.group ? `${r.group}/${r.version}` : r.version };
