import { ApiError, badRequest } from './api-errors';
import { isPlainObject, jsonEqual } from './kube-object';

/**
 * The two patch formats the plugin's SDK calls send: JSON merge patch (RFC 7386) and JSON patch
 * (RFC 6902). A patch that cannot be decoded is a 400; one that decodes but cannot be applied (a
 * failed `test`, a missing path) is a 422, as the API server answers.
 */

export const MERGE_PATCH = 'application/merge-patch+json';
export const JSON_PATCH = 'application/json-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';

/** RFC 7386: objects merge recursively, null removes, anything else replaces. */
export const applyMergePatch = (target: unknown, patch: unknown): unknown => {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
};

interface Operation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

const unprocessable = (message: string): ApiError => new ApiError(422, 'Invalid', message);

const parsePointer = (pointer: string): string[] => {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw unprocessable(`JSON pointer must start with "/": "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
};

const decodeOperations = (patch: unknown): Operation[] => {
  if (!Array.isArray(patch))
    throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  return patch.map((raw) => {
    if (!isPlainObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
      throw badRequest('invalid JSON patch operation: each operation needs "op" and "path"');
    }
    if (!['add', 'remove', 'replace', 'move', 'copy', 'test'].includes(raw.op)) {
      throw badRequest(`Unexpected kind: ${raw.op}`);
    }
    if ((raw.op === 'move' || raw.op === 'copy') && typeof raw.from !== 'string') {
      throw badRequest(`invalid JSON patch operation: "${raw.op}" needs "from"`);
    }
    if (['add', 'replace', 'test'].includes(raw.op) && !('value' in raw)) {
      throw badRequest(`invalid JSON patch operation: "${raw.op}" needs "value"`);
    }
    return raw as unknown as Operation;
  });
};

type Container = Record<string, unknown> | unknown[];

/** The parent container of a pointer's last token, and that token. */
const locate = (doc: unknown, tokens: string[], pointer: string): [Container, string] => {
  let node: unknown = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) {
      const i = Number(token);
      if (!/^\d+$/.test(token) || i >= node.length)
        throw unprocessable(`path not found: ${pointer}`);
      node = node[i];
    } else if (isPlainObject(node) && Object.prototype.hasOwnProperty.call(node, token)) {
      node = node[token];
    } else {
      throw unprocessable(`path not found: ${pointer}`);
    }
  }
  if (!Array.isArray(node) && !isPlainObject(node))
    throw unprocessable(`path not found: ${pointer}`);
  return [node, tokens[tokens.length - 1]];
};

const arrayIndex = (arr: unknown[], token: string, pointer: string, forInsert: boolean): number => {
  if (forInsert && token === '-') return arr.length;
  const max = forInsert ? arr.length : arr.length - 1;
  if (!/^\d+$/.test(token) || Number(token) > max)
    throw unprocessable(`index out of range: ${pointer}`);
  return Number(token);
};

const getAt = (doc: unknown, pointer: string): unknown => {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return doc;
  const [parent, last] = locate(doc, tokens, pointer);
  if (Array.isArray(parent)) return parent[arrayIndex(parent, last, pointer, false)];
  if (!Object.prototype.hasOwnProperty.call(parent, last))
    throw unprocessable(`path not found: ${pointer}`);
  return parent[last];
};

const removeAt = (doc: unknown, pointer: string): unknown => {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw unprocessable('cannot remove the whole document');
  const [parent, last] = locate(doc, tokens, pointer);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, last, pointer, false), 1)[0];
  if (!Object.prototype.hasOwnProperty.call(parent, last)) {
    throw unprocessable(`Unable to remove nonexistent key: ${last}: missing value`);
  }
  const value = parent[last];
  delete parent[last];
  return value;
};

/** Returns the new document (the whole document changes when the pointer is ""). */
const addAt = (doc: unknown, pointer: string, value: unknown, replace: boolean): unknown => {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const [parent, last] = locate(doc, tokens, pointer);
  if (Array.isArray(parent)) {
    if (replace) parent[arrayIndex(parent, last, pointer, false)] = value;
    else parent.splice(arrayIndex(parent, last, pointer, true), 0, value);
  } else {
    if (replace && !Object.prototype.hasOwnProperty.call(parent, last)) {
      throw unprocessable(`replace operation does not apply: doc is missing key: ${pointer}`);
    }
    parent[last] = value;
  }
  return doc;
};

/** RFC 6902, applied to a copy of `target`. */
export const applyJsonPatch = (target: unknown, patch: unknown): unknown => {
  const ops = decodeOperations(patch);
  let doc = structuredClone(target);
  for (const op of ops) {
    switch (op.op) {
      case 'add':
        doc = addAt(doc, op.path, structuredClone(op.value), false);
        break;
      case 'replace':
        doc = addAt(doc, op.path, structuredClone(op.value), true);
        break;
      case 'remove':
        removeAt(doc, op.path);
        break;
      case 'move': {
        const value = removeAt(doc, op.from!);
        doc = addAt(doc, op.path, value, false);
        break;
      }
      case 'copy':
        doc = addAt(doc, op.path, structuredClone(getAt(doc, op.from!)), false);
        break;
      case 'test':
        if (!jsonEqual(getAt(doc, op.path), op.value)) {
          throw unprocessable(`testing value ${op.path} failed: test failed`);
        }
        break;
    }
  }
  return doc;
};
