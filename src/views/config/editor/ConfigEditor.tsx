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
  Stack,
  StackItem,
  Tab,
  Tabs,
  TabTitleText,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { readApiFailure, type ApiFailure } from '../../../core/apiFailure';
import type { FeatureGateReading } from '../../../core/featureGate';
import { selectorMatches } from '../../../core/model/labelSelector';
import type { MachineConfigLike } from '../../../core/pools/poolFindings';
import {
  configsSelectingPool,
  type MachineConfigPool,
} from '../../../core/pools/machineConfigPool';
import { planPoolSelection, readPoolSelector } from '../../../core/pools/poolSelection';
import { poolTargetConfiguration, type RolloutWatch } from '../../../core/pools/configRollout';
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
import { previewPoolChange } from '../../../core/preview/poolPreview';
import { blockingErrors, validateContainerRuntimeConfig } from '../../../core/validation';
import { useLazyPullTranslation } from '../../shared/i18n';
import { ContainerRuntimeConfigModel, MachineConfigPoolModel } from '../../shared/models';
import { LinkButton } from '../LinkButton';
import { POOLS_PATH } from '../paths';
import { ApiErrorAlert } from './ApiErrorAlert';
import { ConfigForm } from './ConfigForm';
import { consequenceText } from './consequenceText';
import { PoolSelectionField } from './PoolSelectionField';
import { PreviewTab } from './PreviewTab';
import { RolloutPanel } from './RolloutPanel';
import { needsStoreWarning, StoreReadinessAlert } from './StoreReadinessAlert';
import { useApplyConfig } from './useApplyConfig';
import { useStoreReadiness } from './useStoreReadiness';
import { useValidationSchema } from './useValidationSchema';
import { ValidationSchemaNote } from './ValidationSchemaNote';
import { acceptYaml, yamlOf } from './yamlSync';
import { YamlTab } from './YamlTab';
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

type TabKey = 'form' | 'yaml' | 'preview';

interface Editing {
  /** The object as read when editing started (undefined: a new object). */
  base: ContainerRuntimeConfig | undefined;
  draft: ContainerRuntimeConfig;
}

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

  const [targetName, setTargetName] = useState(initial?.metadata.name);
  const [lastKnown, setLastKnown] = useState(initial);
  const [supersededVersion, setSupersededVersion] = useState<string>();
  const [fresh] = useState(() => {
    const created = newContainerRuntimeConfig(
      suggestConfigName(
        poolName,
        configs.map((c) => c.metadata.name ?? ''),
      ),
      poolName,
    );
    const { selector } = planPoolSelection(pool, configs);
    return { ...created, spec: { ...created.spec, machineConfigPoolSelector: selector } };
  });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [yamlEdit, setYamlEdit] = useState<{ text: string; problems: string[] } | null>(null);
  const [tab, setTab] = useState<TabKey>('form');
  const [rollout, setRollout] = useState<RolloutWatch | null>(null);
  const [reloadFailure, setReloadFailure] = useState<ApiFailure | null>(null);
  const { state: applyState, apply, reset: resetApply } = useApplyConfig();

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
  const errors = useMemo(
    () => validateContainerRuntimeConfig(draft, { schema: validation.schema }),
    [draft, validation.schema],
  );
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
  const [labelConsent, setLabelConsent] = useState(false);
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
  const preview = useMemo(
    () => previewPoolChange({ draft, pool: targetPool, pools: allPools, configs, machineConfigs }),
    [draft, targetPool, allPools, configs, machineConfigs],
  );

  // Whether the layer stores are mounted on the nodes that the change reboots.
  const layerPaths = readStoreSection(draft).additionalLayerStores.filter((p) => p !== '');
  const rebooting = preview.ok
    ? [preview.consequence, ...preview.alsoSelected, ...preview.alsoAffected]
        .filter((c) => c.reboot)
        .map((c) => c.pool)
    : [];
  const readiness = useStoreReadiness(allPools, rebooting, layerPaths);
  const storeWarning = needsStoreWarning(readiness);
  const [storeAck, setStoreAck] = useState(false);
  const draftYaml = useMemo(() => yamlOf(draft), [draft]);
  const baseYaml = useMemo(() => (base ? yamlOf(base) : ''), [base]);
  const dirty = isNew || draftYaml !== baseYaml;
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

  const edit = (next: ContainerRuntimeConfig) => {
    setEditing({ base, draft: next });
    setYamlEdit(null);
    if (applyState.phase === 'failed' || applyState.phase === 'applied') resetApply();
  };

  const onYamlChange = (text: string) => {
    const accepted = acceptYaml(text, draft, isNew, t, validation.schema);
    if (accepted.ok) {
      setEditing({ base, draft: accepted.object });
      setYamlEdit({ text, problems: [] });
    } else {
      setYamlEdit({ text, problems: accepted.problems });
    }
  };

  const discard = () => {
    setEditing(null);
    setYamlEdit(null);
    setStoreAck(false);
    resetApply();
  };

  const reload = async () => {
    setReloadFailure(null);
    discard();
    if (!targetName) return;
    try {
      const latest = (await k8sGet({
        model: ContainerRuntimeConfigModel,
        name: targetName,
      })) as unknown as ContainerRuntimeConfig;
      // Until the watch catches up with the version just read, prefer the version just read.
      setSupersededVersion(
        watched?.metadata.resourceVersion === latest.metadata.resourceVersion
          ? undefined
          : watched?.metadata.resourceVersion,
      );
      setLastKnown(latest);
    } catch (e) {
      setReloadFailure(readApiFailure(e));
    }
  };

  const blocker = ((): string | null => {
    if (accessChecking) return t('Checking your permissions…');
    if (yamlEdit && yamlEdit.problems.length > 0)
      return t('Fix the YAML first, or discard your YAML edits.');
    if (blocking.length > 0) return t('Fix the problems marked in the form first.');
    if (gate.state === 'disabled' && hasStoreLists(draft)) {
      return t(
        'The AdditionalStorageConfig feature gate is off, so the API server does not accept store lists.',
      );
    }
    if (!preview.ok)
      return t('The Machine Config Operator would reject this configuration: {{error}}', {
        error: preview.error,
      });
    if (!dirty) return t('Nothing to apply: the form matches the object on the cluster.');
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
    if (storeWarning && !storeAck)
      return t(
        'The layer store is not known to be mounted on every node this change reboots: confirm above to apply anyway.',
      );
    return null;
  })();

  const onApply = async () => {
    if (blocker || !preview.ok) return;
    const result = await apply({
      draft,
      base,
      poolLabel:
        labelNeeded && selection.kind === 'needs-label'
          ? { pool, change: selection.change }
          : undefined,
    });
    if (!result) return;
    setStoreAck(false);
    setRollout({
      machineConfigName: preview.machineConfigName,
      appliedGeneration: result.metadata?.generation,
      conditionsAtApply: result.status?.conditions?.length ?? 0,
      renderedAtApply: poolTargetConfiguration(pool)?.name,
      expectRenderedChange: preview.consequence.reboot,
    });
    setSupersededVersion(base?.metadata.resourceVersion);
    setLastKnown(result);
    setTargetName(result.metadata.name);
    setEditing(null);
    setYamlEdit(null);
  };

  const name = draft.metadata.name ?? '';
  const failure = applyState.phase === 'failed' ? applyState.failure : null;
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
            title={t('{{name}} could not be reloaded', { name })}
            failure={reloadFailure}
          />
        </StackItem>
      )}
      <StackItem>
        <Tabs
          activeKey={tab}
          onSelect={(_e, key) => setTab(key as TabKey)}
          aria-label={t('Configuration views')}
          mountOnEnter
          unmountOnExit
        >
          <Tab eventKey="form" title={<TabTitleText>{t('Form')}</TabTitleText>}>
            <Stack hasGutter className="lazy-pull-editor__tab">
              {yamlEdit && yamlEdit.problems.length > 0 && (
                <StackItem>
                  <Alert
                    variant="warning"
                    isInline
                    title={t('Your YAML edits have errors and are not in the form')}
                    actionLinks={
                      <AlertActionLink onClick={() => setYamlEdit(null)}>
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
                  onConsent={setLabelConsent}
                  canLabel={labelChecking ? undefined : canLabel}
                  readOnly={readOnly}
                />
              </StackItem>
              <StackItem>
                <ConfigForm
                  draft={draft}
                  isNew={isNew}
                  errors={errors}
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
              <YamlTab
                text={yamlEdit?.text ?? draftYaml}
                problems={yamlEdit?.problems ?? []}
                readOnly={readOnly}
                onChange={onYamlChange}
              />
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
            <ApiErrorAlert
              title={
                failure.alreadyExists
                  ? t(
                      'A ContainerRuntimeConfig named {{name}} already exists: choose another name',
                      { name },
                    )
                  : applyState.phase === 'failed' && applyState.step === 'dry-run'
                    ? t('The API server rejected the dry run: nothing was changed')
                    : applyState.phase === 'failed' && applyState.step === 'label'
                      ? t('Pool {{pool}} could not be labelled: nothing was changed', {
                          pool: poolName,
                        })
                      : applyState.phase === 'failed' && applyState.labelled
                        ? t(
                            'The API server rejected the change. Pool {{pool}} now has the label {{label}}; the configuration was not created.',
                            { pool: poolName, label: selection.key },
                          )
                        : t('The API server rejected the change')
              }
              failure={failure}
            />
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
      {rollout && (
        <StackItem>
          <RolloutPanel watch={rollout} config={live} pool={pool} />
        </StackItem>
      )}

      {!readOnly && preview.ok && dirty && storeWarning && (
        <StackItem>
          <StoreReadinessAlert
            state={readiness}
            acknowledged={storeAck}
            onAcknowledge={setStoreAck}
            readOnly={readOnly}
          />
        </StackItem>
      )}
      {!readOnly && (
        <StackItem>
          <HelperText aria-live="polite">
            {preview.ok && dirty && (
              <HelperTextItem variant={preview.consequence.reboot ? 'warning' : 'default'}>
                {turningOff
                  ? `${t('This turns lazy pulling off for pool {{pool}}.', { pool: poolName })} `
                  : ''}
                {consequenceText(t, preview.consequence)}
              </HelperTextItem>
            )}
            {preview.ok &&
              dirty &&
              preview.alsoSelected.map((c) => (
                <HelperTextItem key={`selected-${c.pool}`} variant="warning">
                  {t('This configuration selects pool {{pool}} too:', { pool: c.pool })}{' '}
                  {consequenceText(t, c)}
                </HelperTextItem>
              ))}
            {preview.ok &&
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
