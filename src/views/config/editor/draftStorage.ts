import { manifestFromJson, manifestToJson } from '../../../core/model/exactInteger';
import type { ContainerRuntimeConfig } from '../../../core/model/types';

/**
 * An unfinished edit, kept in the browser tab's session storage (one per pool and object), so that
 * a reload of the page, a crash of the console or a lost connection costs no keystroke. Session
 * storage lives as long as the tab and is not shared with other tabs, as an edit in progress is not.
 */
export interface SavedDraft {
  /** The object edited (null: a new one). */
  target: string | null;
  /** The version the edit started from (null: a new object). */
  base: ContainerRuntimeConfig | null;
  draft: ContainerRuntimeConfig;
  /** YAML typed but not taken into the form (it does not parse, or it is refused), as typed. */
  yamlText: string | null;
  /** When it was saved (ISO 8601). */
  savedAt: string;
}

const VERSION = 1;
const PREFIX = 'lazy-pull-console-plugin/draft/';
/** A Kubernetes name has no `~`, so a new object's key cannot be an existing object's. */
const NEW_OBJECT = '~new';

export const draftStorageKey = (pool: string, target: string | null): string =>
  `${PREFIX}${pool}/${target ?? NEW_OBJECT}`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const isConfig = (v: unknown): v is ContainerRuntimeConfig => isObject(v) && isObject(v.metadata);

/** The session storage, or null where the browser refuses it (disabled storage throws on access). */
const sessionStore = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
};

const readOne = (storage: Storage, key: string): SavedDraft | null => {
  const text = storage.getItem(key);
  if (text === null) return null;
  try {
    const saved = manifestFromJson(JSON.parse(text)) as Record<string, unknown>;
    if (
      saved.v === VERSION &&
      (saved.target === null || typeof saved.target === 'string') &&
      (saved.base === null || isConfig(saved.base)) &&
      isConfig(saved.draft) &&
      (saved.yamlText === null || typeof saved.yamlText === 'string') &&
      typeof saved.savedAt === 'string' &&
      key.endsWith(`/${saved.target ?? NEW_OBJECT}`)
    ) {
      const { v: _version, ...draft } = saved;
      return draft as unknown as SavedDraft;
    }
  } catch {
    /* not ours, or cut short: dropped below */
  }
  storage.removeItem(key);
  return null;
};

/** The drafts kept for a pool, the newest first (anything unreadable is dropped). */
export const readSavedDrafts = (pool: string, storage = sessionStore()): SavedDraft[] => {
  if (!storage) return [];
  try {
    const prefix = `${PREFIX}${pool}/`;
    const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter(
      (k): k is string =>
        k !== null && k.startsWith(prefix) && !k.slice(prefix.length).includes('/'),
    );
    return keys
      .map((k) => readOne(storage, k))
      .filter((d): d is SavedDraft => d !== null)
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  } catch {
    return [];
  }
};

/**
 * Keeps (or, with null, forgets) the draft of one object of a pool (target null: a new one).
 * Returns why it could not be kept (storage disabled or full), or null.
 */
export const writeSavedDraft = (
  pool: string,
  target: string | null,
  saved: SavedDraft | null,
  storage = sessionStore(),
): string | null => {
  if (!storage) return 'session storage is not available in this browser';
  try {
    const key = draftStorageKey(pool, target);
    if (saved === null) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(manifestToJson({ v: VERSION, ...saved })));
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
};
