import { admissionErrors } from './admission';
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  continueTooOld,
  forbidden,
  invalid,
  notFound,
  unsupportedMediaType,
} from './api-errors';
import { servedSchema } from './crd';
import { isPlainObject, type JsonObject, type KubeObject } from './kube-object';
import type { ObjectStore } from './object-store';
import {
  applyJsonPatch,
  applyMergePatch,
  JSON_PATCH,
  MERGE_PATCH,
  STRATEGIC_MERGE_PATCH,
} from './patch';
import { isAllowed, reviewAccess, type Persona } from './personas';
import { listKind, presentObject, type Representation } from './representation';
import {
  apiVersionOf,
  CONTAINER_RUNTIME_CONFIGS,
  SELF_SUBJECT_ACCESS_REVIEWS,
  type ResourceType,
  type Verb,
} from './resources';
import { fieldSelectorOf, parseLabelSelector } from './selectors';
import { pruneCustomResource } from '../../src/core/validation/crd/prune';
import type { JSONSchemaProps } from '../../src/core/validation/crd/schema';

/**
 * The API server's verbs, independent of HTTP: authorization, decoding (pruning unknown fields,
 * or refusing them under fieldValidation=Strict), optimistic concurrency, admission, dryRun, and
 * the write to the store. The HTTP layer only parses requests and writes the answers.
 */

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface ApiEnvironment {
  store: ObjectStore;
  persona(): Persona;
  /** Resource types no persona may use (a cluster whose roles leave them out). */
  forbidden?: (r: ResourceType) => boolean;
}

export interface WriteOptions {
  dryRun: boolean;
  fieldValidation: FieldValidation;
}

export interface ApiResponse {
  code: number;
  body: unknown;
  /** `Warning` headers (unknown fields pruned under fieldValidation=Warn). */
  warnings: string[];
}

export interface ListQuery {
  labelSelector?: string | null;
  fieldSelector?: string | null;
  limit?: number;
  continueToken?: string | null;
}

export interface ListResult {
  kind: string;
  apiVersion: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: KubeObject[];
}

/** A value in a message: strings as they are, anything else as JSON. */
const shown = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

const GENERATE_NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

interface ContinueToken {
  rv: number;
  start: string;
}

const encodeContinue = (t: ContinueToken): string =>
  Buffer.from(JSON.stringify(t)).toString('base64url');

const decodeContinue = (token: string): ContinueToken => {
  try {
    const t: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (isPlainObject(t) && typeof t.rv === 'number' && typeof t.start === 'string') {
      return { rv: t.rv, start: t.start };
    }
  } catch {
    // fall through
  }
  throw badRequest(`continue key is not valid: ${token}`);
};

export class KubeApi {
  private generatedNames = 0;

  constructor(private readonly env: ApiEnvironment) {}

  authorize(verb: Verb, r: ResourceType, name?: string, subresource?: string): void {
    const persona = this.env.persona();
    if (!isAllowed(persona, verb) || this.env.forbidden?.(r))
      throw forbidden(r, name, verb, persona.userName, subresource);
  }

  get(r: ResourceType, name: string, representation: Representation): KubeObject {
    this.authorize('get', r, name);
    const obj = this.env.store.get(r, name);
    if (!obj) throw notFound(r, name);
    return presentObject(r, obj, representation, this.env.store);
  }

  /**
   * A list, paginated as the real server paginates: every page of one list is read from the same
   * snapshot (the first page's resourceVersion), so that a client that lists page by page and then
   * watches from that resourceVersion misses nothing.
   */
  list(r: ResourceType, query: ListQuery, representation: Representation): ListResult {
    this.authorize('list', r);
    const labels = parseLabelSelector(query.labelSelector);
    const fields = fieldSelectorOf(r, query.fieldSelector);
    const { store } = this.env;
    const token = query.continueToken ? decodeContinue(query.continueToken) : undefined;
    const at = token ? token.rv : store.resourceVersion;
    const snapshot = store.listAt(r, at);
    if (!snapshot) throw continueTooOld();
    let matching = snapshot.filter((o) => labels(o) && fields(o));
    if (token) matching = matching.filter((o) => o.metadata.name > token.start);
    const limit = query.limit && query.limit > 0 ? query.limit : undefined;
    const page = limit ? matching.slice(0, limit) : matching;
    const metadata: ListResult['metadata'] = { resourceVersion: String(at) };
    if (limit && matching.length > limit) {
      metadata.continue = encodeContinue({ rv: at, start: page[page.length - 1].metadata.name });
      if (!query.labelSelector && !query.fieldSelector)
        metadata.remainingItemCount = matching.length - limit;
    }
    return {
      ...listKind(r, representation),
      metadata,
      items: page.map((o) => presentObject(r, o, representation, this.env.store)),
    };
  }

  create(r: ResourceType, body: unknown, options: WriteOptions): ApiResponse {
    // Every persona may ask what it may do.
    if (r === SELF_SUBJECT_ACCESS_REVIEWS) return this.accessReview(body);
    // Authorization sees only the URL, which names no object on create.
    this.authorize('create', r);
    const decoded = this.decode(r, body, options.fieldValidation);
    const obj = decoded.object;
    const meta = obj.metadata;
    if (
      (!meta.name || meta.name === '') &&
      typeof meta.generateName === 'string' &&
      meta.generateName !== ''
    ) {
      meta.name = `${meta.generateName}${this.randomSuffix()}`;
    }
    // System fields are the server's to set.
    delete meta.uid;
    delete meta.creationTimestamp;
    delete meta.resourceVersion;
    delete meta.generation;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (r.hasStatusSubresource) delete obj.status;
    const errors = admissionErrors(r, obj, { schema: decoded.schema });
    if (errors.length > 0) throw invalid(r, meta.name ?? '', errors);
    if (this.env.store.get(r, meta.name)) throw alreadyExists(r, meta.name);
    const created = this.env.store.create(r, obj, { dryRun: options.dryRun });
    return { code: 201, body: this.present(r, created), warnings: decoded.warnings };
  }

  update(
    r: ResourceType,
    name: string,
    subresource: string | undefined,
    body: unknown,
    options: WriteOptions,
  ): ApiResponse {
    this.authorize('update', r, name, subresource);
    const decoded = this.decode(r, body, options.fieldValidation);
    const obj = decoded.object;
    if (obj.metadata.name === undefined || obj.metadata.name === '') obj.metadata.name = name;
    if (obj.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    const old = this.env.store.get(r, name);
    if (!old) throw notFound(r, name);
    return this.applyUpdate(r, old, obj, subresource, options, decoded);
  }

  patch(
    r: ResourceType,
    name: string,
    subresource: string | undefined,
    contentType: string,
    patch: unknown,
    options: WriteOptions,
  ): ApiResponse {
    this.authorize('patch', r, name, subresource);
    const old = this.env.store.get(r, name);
    if (!old) throw notFound(r, name);
    let patched: unknown;
    if (contentType === MERGE_PATCH) {
      patched = applyMergePatch(old, patch);
    } else if (contentType === JSON_PATCH) {
      patched = applyJsonPatch(old, patch);
    } else if (contentType === STRATEGIC_MERGE_PATCH && !r.group) {
      // Built-in types accept strategic merge patch. For the maps the plugin's users patch
      // (labels, annotations) it merges exactly as a merge patch does; keyed list merging is
      // not simulated.
      patched = applyMergePatch(old, patch);
    } else {
      throw unsupportedMediaType(contentType, [
        JSON_PATCH,
        MERGE_PATCH,
        ...(r.group ? [] : [STRATEGIC_MERGE_PATCH]),
      ]);
    }
    const decoded = this.decode(r, patched, options.fieldValidation);
    if (decoded.object.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${decoded.object.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    return this.applyUpdate(r, old, decoded.object, subresource, options, decoded);
  }

  delete(r: ResourceType, name: string, body: unknown, dryRun: boolean): ApiResponse {
    this.authorize('delete', r, name);
    const old = this.env.store.get(r, name);
    if (!old) throw notFound(r, name);
    const pre = isPlainObject(body) && isPlainObject(body.preconditions) ? body.preconditions : {};
    if (typeof pre.uid === 'string' && pre.uid !== old.metadata.uid) {
      throw conflict(
        r,
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`,
      );
    }
    if (
      typeof pre.resourceVersion === 'string' &&
      pre.resourceVersion !== old.metadata.resourceVersion
    ) {
      throw conflict(
        r,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
      );
    }
    const result = this.env.store.delete(r, name, { dryRun });
    // 200 when the object is gone, 202 when finalizers keep it.
    const code = result.deleted ? 200 : 202;
    if (r.returnsDeletedObject) return { code, body: this.present(r, result.object), warnings: [] };
    return {
      code,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        details: { name, kind: r.plural, uid: old.metadata.uid },
      },
      warnings: [],
    };
  }

  private accessReview(body: unknown): ApiResponse {
    if (!isPlainObject(body))
      throw badRequest('the body of a SelfSubjectAccessReview must be an object');
    return { code: 201, body: reviewAccess(this.env.persona(), body), warnings: [] };
  }

  private applyUpdate(
    r: ResourceType,
    old: KubeObject,
    candidate: KubeObject,
    subresource: string | undefined,
    options: WriteOptions,
    decoded: Decoded,
  ): ApiResponse {
    const rv = candidate.metadata.resourceVersion;
    if (rv === undefined || rv === '') {
      if (!r.allowUnconditionalUpdate) {
        throw invalid(r, old.metadata.name, [
          {
            field: 'metadata.resourceVersion',
            message: 'Invalid value: 0x0: must be specified for an update',
            reason: 'FieldValueInvalid',
          },
        ]);
      }
    } else if (rv !== old.metadata.resourceVersion) {
      throw conflict(r, old.metadata.name);
    }
    let next: KubeObject;
    if (subresource === 'status') {
      // The status subresource changes status only.
      next = { ...structuredClone(old), status: candidate.status };
      if (candidate.status === undefined) delete next.status;
    } else {
      next = candidate;
      if (r.hasStatusSubresource) {
        if (old.status === undefined) delete next.status;
        else next.status = old.status;
      }
    }
    const errors = admissionErrors(r, next, { old, schema: decoded.schema });
    if (errors.length > 0) throw invalid(r, old.metadata.name, errors);
    const updated = this.env.store.update(r, next, { dryRun: options.dryRun });
    return { code: 200, body: this.present(r, updated), warnings: decoded.warnings };
  }

  private present(r: ResourceType, obj: KubeObject): KubeObject {
    return presentObject(r, obj, 'full', this.env.store);
  }

  /**
   * Decodes a request body into an object of the type: apiVersion and kind must match the
   * endpoint (they default to it when absent), and for ContainerRuntimeConfig every field the CRD
   * schema lacks is pruned, or refused under fieldValidation=Strict.
   */
  private decode(r: ResourceType, body: unknown, fieldValidation: FieldValidation): Decoded {
    if (!isPlainObject(body))
      throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
    const expectedApiVersion = apiVersionOf(r);
    if (body.apiVersion !== undefined && body.apiVersion !== expectedApiVersion) {
      throw badRequest(
        `the API version in the data (${shown(body.apiVersion)}) does not match the expected API version (${expectedApiVersion})`,
      );
    }
    if (body.kind !== undefined && body.kind !== r.kind) {
      throw badRequest(
        `the kind in the data (${shown(body.kind)}) does not match the expected kind (${r.kind})`,
      );
    }
    let object: JsonObject = {
      ...structuredClone(body),
      apiVersion: expectedApiVersion,
      kind: r.kind,
    };
    let unknownFields: string[] = [];
    let schema: JSONSchemaProps | undefined;
    if (r === CONTAINER_RUNTIME_CONFIGS) {
      // Decoded as the API server decodes it: pruned by the schema of the CRD it serves.
      schema = servedSchema(this.env.store);
      const pruned = pruneCustomResource(object, schema);
      object = pruned.object as JsonObject;
      unknownFields = pruned.unknownFields;
    }
    if (unknownFields.length > 0 && fieldValidation === 'Strict') {
      throw new ApiError(
        400,
        'BadRequest',
        `strict decoding error: ${unknownFields.map((f) => `unknown field "${f}"`).join(', ')}`,
      );
    }
    const warnings =
      fieldValidation === 'Warn' ? unknownFields.map((f) => `unknown field "${f}"`) : [];
    if (!isPlainObject(object.metadata)) object.metadata = {};
    return { object: object as KubeObject, warnings, schema };
  }

  private randomSuffix(): string {
    // Deterministic, so that seeded runs repeat exactly.
    let n = ++this.generatedNames * 7919 + this.env.store.resourceVersion;
    let s = '';
    for (let i = 0; i < 5; i += 1) {
      s += GENERATE_NAME_ALPHABET[n % GENERATE_NAME_ALPHABET.length];
      n = Math.floor(n / GENERATE_NAME_ALPHABET.length) + i * 31;
    }
    return s;
  }
}

interface Decoded {
  object: KubeObject;
  warnings: string[];
  /** For custom resources validated by their CRD: the schema it serves. */
  schema?: JSONSchemaProps;
}
