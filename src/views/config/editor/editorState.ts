import type { ApiFailure } from '../../../core/apiFailure';
import type { RolloutWatch } from '../../../core/pools/configRollout';
import { SERVER_SET_METADATA } from '../../../core/model/objectMeta';
import type { ContainerRuntimeConfig } from '../../../core/model/types';
import type { SavedDraft } from './draftStorage';
import type { StoreReadinessState } from './useStoreReadiness';

/**
 * The editor's state, in one reducer: what is edited against which version, the YAML typed, the
 * tab, the user's confirmations, the apply in progress and what came of it. What follows from
 * the cluster (the live object, validation, the preview) is derived from it and the watches.
 */

export type TabKey = 'form' | 'yaml' | 'preview';

export interface Editing {
  /** The object as read when editing started (undefined: a new object). */
  base: ContainerRuntimeConfig | undefined;
  draft: ContainerRuntimeConfig;
}

/** YAML the user typed, and why it is not in the form (none: it is; null: not checked yet). */
export interface YamlEdit {
  text: string;
  problems: string[] | null;
}

export type ApplyStep = 'dry-run' | 'label' | 'apply';

export type ApplyState =
  | { phase: 'idle' }
  | { phase: 'dry-run' }
  | { phase: 'labelling' }
  | { phase: 'applying' }
  | { phase: 'applied'; result: ContainerRuntimeConfig; created: boolean; labelled: boolean }
  | {
      phase: 'failed';
      /** dry-run: nothing was changed; label: the pool could not be labelled, nothing was changed; apply: the configuration was refused (after the label, when there was one). */
      step: ApplyStep;
      failure: ApiFailure;
      labelled: boolean;
    };

export interface EditorState {
  /** The object edited on the cluster (undefined: a new one, until it is created). */
  targetName: string | undefined;
  /** The version the editor itself read last (after an apply or a reload), ahead of the watch. */
  lastKnown: ContainerRuntimeConfig | undefined;
  /** The version the watch may still hold after the editor read a newer one. */
  supersededVersion: string | undefined;
  /** The new object the form starts from when there is none to edit. */
  fresh: ContainerRuntimeConfig;
  editing: Editing | null;
  yamlEdit: YamlEdit | null;
  tab: TabKey;
  labelConsent: boolean;
  storeAck: boolean;
  apply: ApplyState;
  rollout: RolloutWatch | null;
  reloadFailure: ApiFailure | null;
  /** The draft brought back from session storage, said as such until the next edit. */
  restored: SavedDraft | null;
  /**
   * A kept draft of another object than the one the page edits (one created or deleted since,
   * by someone else or in another tab), offered while nothing else is edited.
   */
  kept: SavedDraft | null;
  /** Why the draft cannot be kept in session storage (disabled or full), if it cannot. */
  storageProblem: string | null;
  /** Whether the layer stores are mounted on the nodes a change reboots (key: pools and stores). */
  readiness: { key: string; state: StoreReadinessState } | null;
}

export type EditorAction =
  | { type: 'edit'; base: ContainerRuntimeConfig | undefined; draft: ContainerRuntimeConfig }
  | {
      type: 'yaml';
      base: ContainerRuntimeConfig | undefined;
      text: string;
      /** The object the YAML holds, when the form may take it. */
      accepted: ContainerRuntimeConfig | null;
      problems: string[] | null;
    }
  | { type: 'discard-yaml' }
  | { type: 'discard' }
  | { type: 'tab'; tab: TabKey }
  | { type: 'label-consent'; value: boolean }
  | { type: 'store-ack'; value: boolean }
  | { type: 'reload-started' }
  | { type: 'reloaded'; latest: ContainerRuntimeConfig; watchedVersion: string | undefined }
  | { type: 'reload-failed'; failure: ApiFailure }
  | { type: 'apply-phase'; phase: 'dry-run' | 'labelling' | 'applying' }
  | { type: 'apply-failed'; step: ApplyStep; failure: ApiFailure; labelled: boolean }
  | {
      type: 'applied';
      result: ContainerRuntimeConfig;
      created: boolean;
      labelled: boolean;
      rollout: RolloutWatch;
      /** The version the apply replaced, which the watch may still show. */
      replacedVersion: string | undefined;
    }
  | { type: 'continue-kept' }
  | { type: 'discard-kept' }
  | { type: 'storage-problem'; problem: string | null }
  | { type: 'readiness'; key: string; state: StoreReadinessState };

const idle: ApplyState = { phase: 'idle' };

/** An edit clears what the last apply said, unless one is running. */
const afterEdit = (apply: ApplyState): ApplyState =>
  apply.phase === 'failed' || apply.phase === 'applied' ? idle : apply;

/** Takes a kept draft up: its object, the version it started from, and its YAML as typed. */
const takeUp = (state: EditorState, saved: SavedDraft): EditorState => ({
  ...state,
  targetName: saved.target ?? undefined,
  editing: { base: saved.base ?? undefined, draft: saved.draft },
  // The YAML's problems are worked out again where it is shown.
  yamlEdit: saved.yamlText === null ? null : { text: saved.yamlText, problems: null },
  tab: saved.yamlText === null ? state.tab : 'yaml',
});

/** A draft that continues as a new object leaves out what the API server set. */
export const asNewObject = (obj: ContainerRuntimeConfig): ContainerRuntimeConfig => {
  const { status: _status, ...rest } = obj;
  return {
    ...rest,
    metadata: Object.fromEntries(
      Object.entries(obj.metadata).filter(([k]) => !SERVER_SET_METADATA.includes(k)),
    ),
  };
};

export interface InitialEditor {
  initial: ContainerRuntimeConfig | undefined;
  fresh: ContainerRuntimeConfig;
  /** The drafts kept for the pool, newest first. */
  saved: readonly SavedDraft[];
}

export const initialEditorState = ({ initial, fresh, saved }: InitialEditor): EditorState => {
  const state: EditorState = {
    targetName: initial?.metadata.name,
    lastKnown: initial,
    supersededVersion: undefined,
    fresh,
    editing: null,
    yamlEdit: null,
    tab: 'form',
    labelConsent: false,
    storeAck: false,
    apply: idle,
    rollout: null,
    reloadFailure: null,
    restored: null,
    kept: null,
    storageProblem: null,
    readiness: null,
  };
  // The draft of the object the page edits comes back as it was; another waits for the user.
  const own = saved.find((d) => (d.target ?? undefined) === state.targetName);
  const other = saved.find((d) => d !== own) ?? null;
  return own ? { ...takeUp(state, own), restored: own, kept: other } : { ...state, kept: other };
};

export const editorReducer = (state: EditorState, action: EditorAction): EditorState => {
  switch (action.type) {
    case 'edit':
      return {
        ...state,
        editing: { base: action.base, draft: action.draft },
        yamlEdit: null,
        apply: afterEdit(state.apply),
        restored: null,
      };
    case 'yaml':
      return {
        ...state,
        editing: action.accepted
          ? { base: action.base, draft: action.accepted }
          : (state.editing ?? null),
        yamlEdit: { text: action.text, problems: action.problems },
        apply: afterEdit(state.apply),
        restored: null,
      };
    case 'discard-yaml':
      return { ...state, yamlEdit: null };
    case 'discard':
      return {
        ...state,
        editing: null,
        yamlEdit: null,
        storeAck: false,
        apply: idle,
        restored: null,
      };
    case 'tab':
      return { ...state, tab: action.tab };
    case 'label-consent':
      return { ...state, labelConsent: action.value };
    case 'store-ack':
      return { ...state, storeAck: action.value };
    case 'reload-started':
      return {
        ...editorReducer(state, { type: 'discard' }),
        reloadFailure: null,
      };
    case 'reloaded':
      return {
        ...state,
        // Until the watch catches up with the version just read, the version just read is live.
        supersededVersion:
          action.watchedVersion === action.latest.metadata.resourceVersion
            ? undefined
            : action.watchedVersion,
        lastKnown: action.latest,
      };
    case 'reload-failed':
      return { ...state, reloadFailure: action.failure };
    case 'apply-phase':
      return { ...state, apply: { phase: action.phase } };
    case 'apply-failed':
      return {
        ...state,
        apply: {
          phase: 'failed',
          step: action.step,
          failure: action.failure,
          labelled: action.labelled,
        },
      };
    case 'applied':
      return {
        ...state,
        apply: {
          phase: 'applied',
          result: action.result,
          created: action.created,
          labelled: action.labelled,
        },
        storeAck: false,
        rollout: action.rollout,
        supersededVersion: action.replacedVersion,
        lastKnown: action.result,
        targetName: action.result.metadata.name,
        editing: null,
        yamlEdit: null,
        restored: null,
      };
    case 'continue-kept': {
      if (!state.kept || state.editing || state.yamlEdit) return state;
      // Made for an object the page does not edit now (created or deleted since): it continues
      // as a new object, so that applying it can never overwrite anyone's version.
      const { kept } = state;
      return {
        ...takeUp(
          { ...state, lastKnown: undefined, supersededVersion: undefined, apply: idle },
          { ...kept, target: null, base: null, draft: asNewObject(kept.draft) },
        ),
        restored: null,
        kept: null,
      };
    }
    case 'discard-kept':
      return { ...state, kept: null };
    case 'storage-problem':
      return { ...state, storageProblem: action.problem };
    case 'readiness':
      return { ...state, readiness: { key: action.key, state: action.state } };
    default:
      return state;
  }
};

/**
 * What to keep in session storage: the draft and the version it started from, while there is one.
 * `live` is the object as the page shows it now (undefined: a new one).
 */
export const draftToSave = (
  state: Pick<EditorState, 'editing' | 'yamlEdit' | 'targetName' | 'fresh'>,
  live: ContainerRuntimeConfig | undefined,
  savedAt: string,
): SavedDraft | null => {
  if (!state.editing && !state.yamlEdit) return null;
  const base = state.editing ? state.editing.base : live;
  return {
    target: state.targetName ?? null,
    base: base ?? null,
    draft: state.editing?.draft ?? live ?? state.fresh,
    yamlText: state.yamlEdit?.text ?? null,
    savedAt,
  };
};
