import { k8sGet, useAccessReview } from '@openshift-console/dynamic-plugin-sdk';
import {
  ActionList,
  ActionListGroup,
  ActionListItem,
  Alert,
  AlertActionLink,
  Button,
  HelperText,
  HelperTextItem,
  Skeleton,
  Stack,
  StackItem,
  Tab,
  Tabs,
  TabTitleText,
} from '@patternfly/react-core';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { readApiFailure, type ApiFailure } from '../../../core/apiFailure';
import type { FeatureGateReading } from '../../../core/featureGate';
import { selectorMatches } from '../../../core/model/labelSelector';
import type { MachineConfigLike } from '../../../core/pools/poolFindings';
import {
  configsSelectingPool,
  type MachineConfigPool,
} from '../../../core/pools/machineConfigPool';
import { planPoolSelection, readPoolSelector } from '../../../core/pools/poolSelection';
import { poolTargetConfiguration } from '../../../core/pools/configRollout';
import {
  newContainerRuntimeConfig,
  readStoreSection,
  suggestConfigName,
} from '../../../core/model/storeSection';
import {
  CTRCFG_PLURAL,
  MCO_GROUP,
  STORE_FIELDS,
  type ContainerRuntimeConfig,
} from '../../../core/model/types';
import { manifestsEqual } from '../../../core/model/exactInteger';
import { blockingErrors, checkContainerRuntimeConfig } from '../../../core/validation/check';
import { useLazyPullTranslation } from '../../shared/i18n';
import { ContainerRuntimeConfigModel, MachineConfigPoolModel } from '../../shared/models';
import { LinkButton } from '../LinkButton';
import { POOLS_PATH } from '../paths';
import { ApiErrorAlert } from './ApiErrorAlert';
import { applyConfig } from './applyConfig';
import { ConfigForm } from './ConfigForm';
import { consequenceText } from './consequenceText';
import { readSavedDrafts, writeSavedDraft } from './draftStorage';
import { draftToSave, editorReducer, initialEditorState, type TabKey } from './editorState';
import { PoolSelectionField } from './PoolSelectionField';
import { LazyPart } from '../../shared/LazyPart';
import type { StoreReadinessState } from './useStoreReadiness';
import { useValidationSchema } from './useValidationSchema';
import { ValidationSchemaNote } from './ValidationSchemaNote';
import { useOnDemand } from '../../shared/useOnDemand';
import { injectStyles } from '../../shared/styles';
import styles from './ConfigEditor.css';

injectStyles(styles);

export interface ConfigEditorProps {
  pool: MachineConfigPool;
  /** Every pool: those that take this pool's MachineConfigs reboot too. */
  pools?: readonly MachineConfigPool[];
  /** The ContainerRuntimeConfig to edit as it was when the editor opened; undefined for a new one. */
  initial: ContainerRuntimeConfig | undefined;
  /** Every ContainerRuntimeConfig, as watched. */
  configs: readonly ContainerRuntimeConfig[];
  machineConfigs: ReadonlyMap<string, MachineConfigLike> | undefined;
  gate: FeatureGateReading;
}

/**
 * Parts of the editor in chunks of their own, downloaded when first needed: the YAML editor and
 * the preview when shown, the CEL engine once a rule of the CRD must run, and what applying does
 * once there is a change.
 */
const loadYamlTab = () => import(/* webpackChunkName: "editor-yaml" */ './YamlTab');
const loadPreviewTab = () => import(/* webpackChunkName: "editor-preview" */ './PreviewTab');
const loadCel = () =>
  import(/* webpackChunkName: "cel" */ '../../../core/validation/crd/celEnvironment').then(
    (m) => m.celEnvironment,
  );
const loadConsequences = () =>
  import(/* webpackChunkName: "editor-consequences" */ './consequences');

const hasStoreLists = (obj: ContainerRuntimeConfig): boolean => {
  const cfg = obj.spec?.containerRuntimeConfig;
  return typeof cfg === 'object' && cfg !== null && STORE_FIELDS.some((f) => f in cfg);
};

/**
 * One pool's lazy-pull configuration: the form, the YAML and the preview of one object, and its
 * apply. Until the user edits, the editor follows the object on the cluster; from the first edit it
 * holds the user's draft against the version that was read, and a change on the cluster is reported,
 * never merged in silently.
 */
export const ConfigEditor = ({
  pool,
  pools,
  initial,
  configs,
  machineConfigs,
  gate,
}: ConfigEditorProps) => {
  const { t } = useLazyPullTranslation();
  const poolName = pool.metadata.name ?? '';

  const [state, dispatch] = useReducer(editorReducer, undefined, () => {
    const created = newContainerRuntimeConfig(
      suggestConfigName(
        poolName,
        configs.map((c) => c.metadata.name ?? ''),
      ),
      poolName,
    );
    const { selector } = planPoolSelection(pool, configs);
    return initialEditorState({
      initial,
      fresh: { ...created, spec: { ...created.spec, machineConfigPoolSelector: selector } },
      saved: readSavedDrafts(poolName),
    });
  });
  const { targetName, lastKnown, supersededVersion, fresh, editing, yamlEdit, tab } = state;
  const { labelConsent, storeAck, rollout, reloadFailure, restored, kept } = state;
  const applyState = state.apply;

  const watched = targetName ? configs.find((c) => c.metadata.name === targetName) : undefined;
  // Right after an apply the watch may still hold the version the apply replaced.
  const live =
    watched && watched.metadata.resourceVersion !== supersededVersion
      ? watched
      : (lastKnown ?? watched);
  const base = editing ? editing.base : live;
  const draft = editing ? editing.draft : (live ?? fresh);
  const isNew = base === undefined;

  const validation = useValidationSchema();
  // The CRD's CEL rules run once their engine is loaded, which happens the first time they must.
  const cel = useOnDemand(loadCel);
  const check = useMemo(
    () => checkContainerRuntimeConfig(draft, { schema: validation.schema, cel: cel.module }),
    [draft, validation.schema, cel.module],
  );
  const { errors, rulesPending } = check;
  // Fields the draft adds that the API server does not know: it refuses them, since this page
  // writes with strict field validation. A field the object on the cluster already has is
  // carried over as it is (the cluster's schema may know more than the one the page read).
  const carried = useMemo(
    () =>
      base ? checkContainerRuntimeConfig(base, { schema: validation.schema }).unknownFields : [],
    [base, validation.schema],
  );
  const unknownFields = useMemo(
    () => check.unknownFields.filter((f) => !carried.includes(f)),
    [check.unknownFields, carried],
  );
  const { want: wantCel } = cel;
  useEffect(() => {
    if (rulesPending) wantCel();
  }, [rulesPending, wantCel]);
  const blocking = blockingErrors(errors);

  // How the draft selects the pool; a pool without its pool label gets it first, with consent.
  const draftSelector = draft.spec?.machineConfigPoolSelector;
  const selection = useMemo(
    () => planPoolSelection(pool, configs, draft.metadata.name),
    [pool, configs, draft.metadata.name],
  );
  const labelNeeded =
    selection.kind === 'needs-label' &&
    !selectorMatches(draftSelector, pool.metadata.labels) &&
    selectorMatches(draftSelector, selection.change.after);
  // What applying leads to: the pool as it will be labelled, among the other pools.
  const targetPool = useMemo(
    () =>
      labelNeeded && selection.kind === 'needs-label'
        ? { ...pool, metadata: { ...pool.metadata, labels: selection.change.after } }
        : pool,
    [labelNeeded, selection, pool],
  );
  const allPools = useMemo(
    () => (pools ?? [pool]).map((p) => (p.metadata.name === poolName ? targetPool : p)),
    [pools, pool, poolName, targetPool],
  );
  const selectorReading = useMemo(
    () => readPoolSelector(draftSelector, allPools),
    [draftSelector, allPools],
  );
  const dirty = useMemo(() => isNew || !manifestsEqual(draft, base), [isNew, draft, base]);
  const consequences = useOnDemand(loadConsequences);
  const wantConsequences = dirty || tab === 'preview' || rollout !== null;
  const { want: wantConsequencesModule, module: applying } = consequences;
  useEffect(() => {
    if (wantConsequences) wantConsequencesModule();
  }, [wantConsequences, wantConsequencesModule]);
  const preview = useMemo(
    () =>
      applying?.previewPoolChange({
        draft,
        pool: targetPool,
        pools: allPools,
        configs,
        machineConfigs,
      }),
    [applying, draft, targetPool, allPools, configs, machineConfigs],
  );

  // Whether the layer stores are mounted on the nodes that the change reboots, watched (by a
  // probe in the consequences chunk) only while a change reboots nodes with layer stores.
  const layerPaths = readStoreSection(draft).additionalLayerStores.filter((p) => p !== '');
  const rebooting =
    preview?.ok && dirty
      ? [preview.consequence, ...preview.alsoSelected, ...preview.alsoAffected]
          .filter((c) => c.reboot)
          .map((c) => c.pool)
      : [];
  const readinessKey =
    rebooting.length > 0 && layerPaths.length > 0 ? JSON.stringify([rebooting, layerPaths]) : null;
  const readiness =
    readinessKey !== null && state.readiness?.key === readinessKey ? state.readiness.state : null;
  const onReadiness = useCallback(
    (readinessState: StoreReadinessState) =>
      dispatch({ type: 'readiness', key: readinessKey ?? '', state: readinessState }),
    [readinessKey],
  );
  const storeWarning =
    readinessKey !== null &&
    (readiness === null || (applying?.needsStoreWarning(readiness) ?? true));
  const selectsPool = configsSelectingPool(targetPool, [draft]).length > 0;
  const liveMoved =
    editing !== null &&
    editing.base !== undefined &&
    live !== undefined &&
    live.metadata.resourceVersion !== editing.base.metadata.resourceVersion;

  const [canCreate, createChecking] = useAccessReview({
    group: MCO_GROUP,
    resource: CTRCFG_PLURAL,
    verb: 'create',
  });
  const [canUpdate, updateChecking] = useAccessReview({
    group: MCO_GROUP,
    resource: CTRCFG_PLURAL,
    verb: 'update',
    name: targetName,
  });
  const [canLabel, labelChecking] = useAccessReview({
    group: MCO_GROUP,
    resource: MachineConfigPoolModel.plural,
    verb: 'patch',
    name: poolName,
  });
  const accessChecking = isNew ? createChecking : updateChecking;
  const readOnly = !accessChecking && !(isNew ? canCreate : canUpdate);
  const busy =
    applyState.phase === 'dry-run' ||
    applyState.phase === 'labelling' ||
    applyState.phase === 'applying';

  // Every change of the draft is kept in the tab's session storage (and forgotten once applied
  // or discarded); after a create, the draft of the new object is forgotten under its old key.
  const savedTarget = useRef<string | null>(targetName ?? null);
  const { storageProblem } = state;
  useEffect(() => {
    const target = targetName ?? null;
    if (savedTarget.current !== target) writeSavedDraft(poolName, savedTarget.current, null);
    savedTarget.current = target;
    const problem = writeSavedDraft(
      poolName,
      target,
      draftToSave({ editing, yamlEdit, targetName, fresh }, live, new Date().toISOString()),
    );
    if (problem !== storageProblem) dispatch({ type: 'storage-problem', problem });
  }, [poolName, targetName, editing, yamlEdit, fresh, live, storageProblem]);

  const edit = (next: ContainerRuntimeConfig) => dispatch({ type: 'edit', base, draft: next });

  const onYaml = (
    text: string,
    accepted: ContainerRuntimeConfig | null,
    problems: string[] | null,
  ) => dispatch({ type: 'yaml', base, text, accepted, problems });

  const discard = () => dispatch({ type: 'discard' });

  const reload = async () => {
    dispatch({ type: 'reload-started' });
    if (!targetName) return;
    try {
      const latest = (await k8sGet({
        model: ContainerRuntimeConfigModel,
        name: targetName,
      })) as unknown as ContainerRuntimeConfig;
      dispatch({ type: 'reloaded', latest, watchedVersion: watched?.metadata.resourceVersion });
    } catch (e) {
      dispatch({ type: 'reload-failed', failure: readApiFailure(e) });
    }
  };

  const continueKept = () => {
    if (!kept) return;
    dispatch({ type: 'continue-kept' });
    writeSavedDraft(poolName, kept.target, null);
  };
  const discardKept = () => {
    if (!kept) return;
    dispatch({ type: 'discard-kept' });
    writeSavedDraft(poolName, kept.target, null);
  };

  const blocker = ((): string | null => {
    if (accessChecking) return t('Checking your permissions…');
    if (rulesPending)
      return cel.error === undefined
        ? t('Checking the CRD’s validation rules…')
        : t('The CRD’s validation rules cannot be checked yet: {{reason}}. Trying again…', {
            reason: readApiFailure(cel.error).message,
          });
    if (yamlEdit && yamlEdit.problems === null) return t('Checking the YAML…');
    if (yamlEdit && (yamlEdit.problems?.length ?? 0) > 0)
      return t('Fix the YAML first, or discard your YAML edits.');
    if (blocking.length > 0) return t('Fix the problems marked in the form first.');
    if (gate.state === 'disabled' && hasStoreLists(draft)) {
      return t(
        'The AdditionalStorageConfig feature gate is off, so the API server does not accept store lists.',
      );
    }
    // This page writes with strict field validation: the API server refuses unknown fields.
    if (unknownFields.length > 0)
      return t('Remove the fields the API server does not know first: {{fields}}', {
        fields: unknownFields.join(', '),
      });
    if (preview && !preview.ok)
      return t('The Machine Config Operator would reject this configuration: {{error}}', {
        error: preview.error,
      });
    if (!dirty) return t('Nothing to apply: the form matches the object on the cluster.');
    if (!preview)
      return consequences.error === undefined
        ? t('Working out what applying changes…')
        : t('What applying changes cannot be worked out yet: {{reason}}. Trying again…', {
            reason: readApiFailure(consequences.error).message,
          });
    if (isNew && Object.keys(draft.spec?.containerRuntimeConfig ?? {}).length === 0) {
      return t('Add a layer store first: an empty ContainerRuntimeConfig changes nothing.');
    }
    if (labelNeeded) {
      if (labelChecking) return t('Checking your permissions…');
      if (!canLabel)
        return t(
          'You may not add the label {{label}} to pool {{pool}}, and without it this configuration selects no pool.',
          { label: selection.key, pool: poolName },
        );
      if (!labelConsent)
        return t(
          'Allow the editor to add the label {{label}} to pool {{pool}} (in the form), or label the pool yourself.',
          { label: selection.key, pool: poolName },
        );
    }
    if (storeWarning && readiness === null)
      return t('Checking whether the layer stores are mounted on the nodes that reboot…');
    if (storeWarning && !storeAck)
      return t(
        'The layer store is not known to be mounted on every node this change reboots: confirm above to apply anyway.',
      );
    return null;
  })();

  const onApply = async () => {
    if (blocker || !preview?.ok) return;
    const result = await applyConfig(
      {
        draft,
        base,
        poolLabel:
          labelNeeded && selection.kind === 'needs-label'
            ? { pool, change: selection.change }
            : undefined,
      },
      dispatch,
    );
    if (!result) return;
    dispatch({
      type: 'applied',
      result,
      created: base === undefined,
      labelled: labelNeeded,
      rollout: {
        machineConfigName: preview.machineConfigName,
        appliedGeneration: result.metadata?.generation,
        conditionsAtApply: result.status?.conditions?.length ?? 0,
        renderedAtApply: poolTargetConfiguration(pool)?.name,
        expectRenderedChange: preview.consequence.reboot,
      },
      replacedVersion: base?.metadata.resourceVersion,
    });
  };

  const name = draft.metadata.name ?? '';
  const failure = applyState.phase === 'failed' ? applyState.failure : null;
  const failureTitle = (f: ApiFailure): string => {
    const step = applyState.phase === 'failed' ? applyState.step : 'apply';
    const labelled = applyState.phase === 'failed' && applyState.labelled;
    if (f.unreachable) {
      if (step === 'dry-run')
        return t('Cannot reach the cluster: the dry run got no answer, and nothing was changed');
      if (step === 'label')
        return t('Cannot reach the cluster: whether pool {{pool}} was labelled is not known', {
          pool: poolName,
        });
      return t('Cannot reach the cluster: whether {{name}} was applied is not known', { name });
    }
    if (f.alreadyExists)
      return t('A ContainerRuntimeConfig named {{name}} already exists: choose another name', {
        name,
      });
    if (step === 'dry-run') return t('The API server rejected the dry run: nothing was changed');
    if (step === 'label')
      return t('Pool {{pool}} could not be labelled: nothing was changed', { pool: poolName });
    if (labelled)
      return t(
        'The API server rejected the change. Pool {{pool}} now has the label {{label}}; the configuration was not created.',
        { pool: poolName, label: selection.key },
      );
    return t('The API server rejected the change');
  };
  const stores = readStoreSection(draft);
  const liveStores = base ? readStoreSection(base) : undefined;
  const turningOff =
    !isNew &&
    (liveStores?.additionalLayerStores.length ?? 0) > 0 &&
    stores.additionalLayerStores.length === 0;

  return (
    <Stack hasGutter>
      {readOnly && (
        <StackItem>
          <Alert
            variant="info"
            isInline
            title={t('You can view this configuration but not change it')}
          >
            {isNew
              ? t(
                  'Your user may not create ContainerRuntimeConfigs (containerruntimeconfigs.machineconfiguration.openshift.io), so the form is read-only. A cluster administrator can grant that permission.',
                )
              : t(
                  'Your user may not update ContainerRuntimeConfig {{name}} (containerruntimeconfigs.machineconfiguration.openshift.io), so the form is read-only. A cluster administrator can grant that permission.',
                  { name },
                )}
          </Alert>
        </StackItem>
      )}
      {liveMoved && (
        <StackItem>
          <Alert
            variant="warning"
            isInline
            title={t('{{name}} changed on the cluster since you started editing', { name })}
            actionLinks={
              <AlertActionLink onClick={() => void reload()}>
                {t('Reload and discard my edits')}
              </AlertActionLink>
            }
          >
            {t('Applying now fails with a conflict; nothing is overwritten.')}
          </Alert>
        </StackItem>
      )}
      {reloadFailure && (
        <StackItem>
          <ApiErrorAlert
            title={
              reloadFailure.unreachable
                ? t('Cannot reach the cluster: {{name}} could not be reloaded', { name })
                : t('{{name}} could not be reloaded', { name })
            }
            failure={reloadFailure}
          />
        </StackItem>
      )}
      {restored && (
        <StackItem>
          <Alert
            variant="info"
            isInline
            title={t('Your unsaved changes are back')}
            actionLinks={
              <AlertActionLink onClick={discard}>{t('Discard my changes')}</AlertActionLink>
            }
          >
            {t(
              'This browser tab kept them since {{time}}. Nothing was applied; the page compares them with {{name}} as it is on the cluster now.',
              { time: new Date(restored.savedAt).toLocaleTimeString(), name: name || poolName },
            )}
          </Alert>
        </StackItem>
      )}
      {kept && !editing && !yamlEdit && (
        <StackItem>
          <Alert
            variant="info"
            isInline
            title={
              kept.target
                ? t('Your unsaved changes to {{name}} are kept in this browser tab', {
                    name: kept.target,
                  })
                : t(
                    'Your unsaved new ContainerRuntimeConfig {{name}} is kept in this browser tab',
                    { name: kept.draft.metadata.name ?? '' },
                  )
            }
            actionLinks={
              <>
                <AlertActionLink onClick={continueKept}>
                  {t('Continue with them as a new ContainerRuntimeConfig')}
                </AlertActionLink>
                <AlertActionLink onClick={discardKept}>{t('Discard them')}</AlertActionLink>
              </>
            }
          >
            {kept.target && !configs.some((c) => c.metadata.name === kept.target)
              ? t(
                  '{{name}} no longer exists on the cluster. Continuing creates it again from your changes.',
                  { name: kept.target },
                )
              : t(
                  'They were made for another ContainerRuntimeConfig than the one this page edits now. Continuing keeps them as a new object; nothing on the cluster is overwritten.',
                )}
          </Alert>
        </StackItem>
      )}
      <StackItem>
        <Tabs
          activeKey={tab}
          onSelect={(_e, key) => dispatch({ type: 'tab', tab: key as TabKey })}
          aria-label={t('Configuration views')}
          mountOnEnter
          unmountOnExit
        >
          <Tab eventKey="form" title={<TabTitleText>{t('Form')}</TabTitleText>}>
            <Stack hasGutter className="lazy-pull-editor__tab">
              {yamlEdit && (yamlEdit.problems?.length ?? 0) > 0 && (
                <StackItem>
                  <Alert
                    variant="warning"
                    isInline
                    title={t('Your YAML edits have errors and are not in the form')}
                    actionLinks={
                      <AlertActionLink onClick={() => dispatch({ type: 'discard-yaml' })}>
                        {t('Discard YAML edits')}
                      </AlertActionLink>
                    }
                  />
                </StackItem>
              )}
              <StackItem>
                <PoolSelectionField
                  pool={poolName}
                  selection={selection}
                  reading={selectorReading}
                  labelNeeded={labelNeeded}
                  byPoolLabel={JSON.stringify(draftSelector) === JSON.stringify(selection.selector)}
                  consent={labelConsent}
                  onConsent={(value) => dispatch({ type: 'label-consent', value })}
                  canLabel={labelChecking ? undefined : canLabel}
                  readOnly={readOnly}
                />
              </StackItem>
              <StackItem>
                <ConfigForm
                  draft={draft}
                  isNew={isNew}
                  errors={errors}
                  unknownFields={unknownFields}
                  readOnly={readOnly}
                  selectsPool={selectsPool}
                  pool={poolName}
                  onChange={edit}
                />
              </StackItem>
            </Stack>
          </Tab>
          <Tab eventKey="yaml" title={<TabTitleText>{t('YAML')}</TabTitleText>}>
            <div className="lazy-pull-editor__tab">
              <LazyPart
                load={loadYamlTab}
                loadingLabel={t('Loading the YAML editor')}
                failedTitle={t('The YAML editor could not be loaded')}
              >
                {({ default: YamlTab }) => (
                  <YamlTab
                    draft={draft}
                    isNew={isNew}
                    yamlEdit={yamlEdit}
                    readOnly={readOnly}
                    schema={validation.schema}
                    cel={cel.module}
                    unknownFields={unknownFields}
                    onYaml={onYaml}
                    onRulesPending={wantCel}
                  />
                )}
              </LazyPart>
            </div>
          </Tab>
          <Tab eventKey="preview" title={<TabTitleText>{t('Preview')}</TabTitleText>}>
            <div className="lazy-pull-editor__tab">
              {blocking.length > 0 && (
                <Alert
                  isInline
                  variant="danger"
                  title={t('This configuration cannot be applied: {{count}} problems', {
                    count: blocking.length,
                  })}
                  className="lazy-pull-editor__preview-alert"
                >
                  {t(
                    'The API server or the MCO would reject it; the problems are marked in the form. The preview below shows what the MCO would write once they are fixed.',
                  )}
                </Alert>
              )}
              <LazyPart
                load={loadPreviewTab}
                loadingLabel={t('Loading the preview')}
                failedTitle={t('The preview could not be loaded')}
              >
                {({ default: PreviewTab }) =>
                  preview ? (
                    <PreviewTab
                      preview={preview}
                      live={live}
                      draft={draft}
                      machineConfigs={machineConfigs}
                      poolLabel={
                        labelNeeded && selection.kind === 'needs-label'
                          ? { change: selection.change, consent: labelConsent }
                          : undefined
                      }
                    />
                  ) : (
                    <Skeleton height="12rem" screenreaderText={t('Loading the preview')} />
                  )
                }
              </LazyPart>
            </div>
          </Tab>
        </Tabs>
      </StackItem>
      <StackItem>
        <ValidationSchemaNote validation={validation} />
      </StackItem>

      {failure && (
        <StackItem>
          {failure.conflict ? (
            <Alert
              variant="danger"
              isInline
              title={t('Someone else changed {{name}} since it was read', { name })}
              actionLinks={
                <AlertActionLink onClick={() => void reload()}>
                  {t('Reload the current version')}
                </AlertActionLink>
              }
            >
              <p>
                {t(
                  'Nothing was overwritten and your change was not applied. Reload to edit the current version; your edits are discarded, so copy them from the YAML view first if you need them.',
                )}
              </p>
              <p>{failure.message}</p>
            </Alert>
          ) : (
            <ApiErrorAlert title={failureTitle(failure)} failure={failure}>
              {failure.unreachable && (
                <p>
                  {t(
                    'Your changes are kept, on this page and across a reload. Apply again once the cluster answers: if the change was made after all, the page shows it, and the API server refuses to make it twice.',
                  )}
                </p>
              )}
            </ApiErrorAlert>
          )}
        </StackItem>
      )}
      {applyState.phase === 'applied' && (
        <StackItem>
          <Alert
            variant="success"
            isInline
            title={
              applyState.created ? t('{{name}} created', { name }) : t('{{name}} applied', { name })
            }
          >
            {applyState.labelled &&
              t('Pool {{pool}} was labelled {{label}} first.', {
                pool: poolName,
                label: selection.key,
              })}
          </Alert>
        </StackItem>
      )}
      {rollout && applying && (
        <StackItem>
          <applying.RolloutPanel watch={rollout} config={live} pool={pool} />
        </StackItem>
      )}

      {!readOnly && readinessKey !== null && applying && (
        <applying.ReadinessProbe
          pools={allPools}
          poolNames={rebooting}
          paths={layerPaths}
          onChange={onReadiness}
        />
      )}
      {!readOnly && storeWarning && readiness && applying && (
        <StackItem>
          <applying.StoreReadinessAlert
            state={readiness}
            acknowledged={storeAck}
            onAcknowledge={(value) => dispatch({ type: 'store-ack', value })}
            readOnly={readOnly}
          />
        </StackItem>
      )}
      {!readOnly && (
        <StackItem>
          <HelperText aria-live="polite">
            {preview?.ok && dirty && (
              <HelperTextItem variant={preview.consequence.reboot ? 'warning' : 'default'}>
                {turningOff
                  ? `${t('This turns lazy pulling off for pool {{pool}}.', { pool: poolName })} `
                  : ''}
                {consequenceText(t, preview.consequence)}
              </HelperTextItem>
            )}
            {preview?.ok &&
              dirty &&
              preview.alsoSelected.map((c) => (
                <HelperTextItem key={`selected-${c.pool}`} variant="warning">
                  {t('This configuration selects pool {{pool}} too:', { pool: c.pool })}{' '}
                  {consequenceText(t, c)}
                </HelperTextItem>
              ))}
            {preview?.ok &&
              dirty &&
              preview.alsoAffected.map((c) => (
                <HelperTextItem key={c.pool} variant="warning">
                  {t('Pool {{pool}} takes the MachineConfigs of pool {{source}} too:', {
                    pool: c.pool,
                    source: poolName,
                  })}{' '}
                  {consequenceText(t, c)}
                </HelperTextItem>
              ))}
            {blocker && <HelperTextItem>{blocker}</HelperTextItem>}
            {storageProblem && (editing || yamlEdit) && (
              <HelperTextItem variant="warning">
                {t('Your changes cannot be kept if the page reloads: {{reason}}', {
                  reason: storageProblem,
                })}
              </HelperTextItem>
            )}
            {applyState.phase === 'dry-run' && (
              <HelperTextItem>{t('Dry run on the API server…')}</HelperTextItem>
            )}
            {applyState.phase === 'labelling' && (
              <HelperTextItem>
                {t('Adding the label {{label}} to pool {{pool}}…', {
                  label: selection.key,
                  pool: poolName,
                })}
              </HelperTextItem>
            )}
            {applyState.phase === 'applying' && <HelperTextItem>{t('Applying…')}</HelperTextItem>}
          </HelperText>
          <ActionList className="lazy-pull-editor__actions">
            <ActionListGroup>
              <ActionListItem>
                <Button
                  variant="primary"
                  isDisabled={blocker !== null || busy}
                  isLoading={busy}
                  onClick={() => void onApply()}
                >
                  {isNew ? t('Create') : t('Apply')}
                </Button>
              </ActionListItem>
              {editing !== null && !busy && (
                <ActionListItem>
                  <Button variant="secondary" onClick={discard}>
                    {t('Discard changes')}
                  </Button>
                </ActionListItem>
              )}
              <ActionListItem>
                <LinkButton variant="link" to={POOLS_PATH}>
                  {t('Back to pools')}
                </LinkButton>
              </ActionListItem>
            </ActionListGroup>
          </ActionList>
        </StackItem>
      )}
    </Stack>
  );
};
