import { ResourceLink, getGroupVersionKindForModel } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  CodeBlock,
  CodeBlockCode,
  Content,
  ExpandableSection,
  Label,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import type { MachineConfigLike } from '../../../core/pools/poolFindings';
import type { PoolLabelChange } from '../../../core/pools/poolSelection';
import { serializeManifest } from '../../../core/model/manifest';
import type { ContainerRuntimeConfig } from '../../../core/model/types';
import type { FileChange, FileOrigin, PoolPreview } from '../../../core/preview/poolPreview';
import { useLazyPullTranslation } from '../../shared/i18n';
import { MachineConfigModel } from '../../shared/models';
import { consequenceText } from './consequenceText';
import { DiffView } from './DiffView';
import { yamlOf } from './yamlSync';

interface PreviewTabProps {
  preview: PoolPreview;
  live: ContainerRuntimeConfig | undefined;
  draft: ContainerRuntimeConfig;
  machineConfigs: ReadonlyMap<string, MachineConfigLike> | undefined;
  /** The pool label the editor adds before the configuration, and whether the user agreed. */
  poolLabel?: { change: PoolLabelChange; consent: boolean };
}

/** The object as the API server stores it, without the status the MCO writes (an update leaves it alone). */
const specYaml = (obj: ContainerRuntimeConfig | undefined): string => {
  if (!obj) return '';
  const { status: _status, ...rest } = obj;
  return yamlOf(rest);
};

const McLink = ({ name }: { name: string }) => (
  <ResourceLink
    groupVersionKind={getGroupVersionKindForModel(MachineConfigModel)}
    name={name}
    inline
  />
);

const Origin = ({ origin, now }: { origin: FileOrigin; now: boolean }) => {
  const { t } = useLazyPullTranslation();
  switch (origin.kind) {
    case 'rendered':
      return (
        <>
          {t('Now: from the rendered MachineConfig the pool runs,')}{' '}
          <McLink name={origin.machineConfig} />
        </>
      );
    case 'generated':
      return (
        <>
          {t('After: from the generated MachineConfig')} <code>{origin.machineConfig}</code>
        </>
      );
    case 'machineConfig':
      return (
        <>
          {now ? t('Now: from MachineConfig') : t('After: from MachineConfig')}{' '}
          <McLink name={origin.machineConfig} />
        </>
      );
    case 'template':
      return (
        <>
          {now
            ? t('Now: the MCO base template (the rendered MachineConfig could not be read)')
            : t('After: the MCO base template')}
        </>
      );
    default:
      return <>{now ? t('Now: no such file') : t('After: the file is removed')}</>;
  }
};

const ChangeLabel = ({ change }: { change: FileChange }) => {
  const { t } = useLazyPullTranslation();
  if (!change.changed)
    return (
      <Label isCompact color="grey">
        {t('Unchanged')}
      </Label>
    );
  if (change.before === null)
    return (
      <Label isCompact color="green">
        {t('Added')}
      </Label>
    );
  if (change.after === null)
    return (
      <Label isCompact color="red">
        {t('Removed')}
      </Label>
    );
  return (
    <Label isCompact color="blue">
      {t('Changed')}
    </Label>
  );
};

const FileSection = ({ change, label }: { change: FileChange; label: string }) => {
  const { t } = useLazyPullTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Stack hasGutter>
      <StackItem>
        <Title headingLevel="h4">
          <code>{change.path}</code> <ChangeLabel change={change} />
        </Title>
        <Content component="small">
          <Origin origin={change.beforeOrigin} now /> ·{' '}
          <Origin origin={change.afterOrigin} now={false} />
        </Content>
      </StackItem>
      <StackItem>
        <DiffView before={change.before ?? ''} after={change.after ?? ''} label={label} />
      </StackItem>
      {change.after !== null && (
        <StackItem>
          <ExpandableSection
            toggleText={open ? t('Hide the whole new file') : t('Show the whole new file')}
            isExpanded={open}
            onToggle={(_e, v) => setOpen(v)}
          >
            <CodeBlock aria-label={t('New {{path}}', { path: change.path })}>
              <CodeBlockCode>{change.after}</CodeBlockCode>
            </CodeBlock>
          </ExpandableSection>
        </StackItem>
      )}
    </Stack>
  );
};

const labelsYaml = (name: string, labels: Record<string, string>): string =>
  serializeManifest({ metadata: Object.keys(labels).length > 0 ? { name, labels } : { name } });

/** The pool label the editor adds first: a change of its own, shown as such. */
const PoolLabelSection = ({ change, consent }: { change: PoolLabelChange; consent: boolean }) => {
  const { t } = useLazyPullTranslation();
  return (
    <StackItem>
      <Title headingLevel="h3">
        {t('MachineConfigPool {{pool}}', { pool: change.pool })}{' '}
        {consent ? (
          <Label isCompact color="blue">
            {t('Changed first')}
          </Label>
        ) : (
          <Label isCompact color="orange">
            {t('Not allowed yet')}
          </Label>
        )}
      </Title>
      <Content component="p">
        {consent
          ? t(
              'Applying adds the label {{label}} to the pool first, then creates the ContainerRuntimeConfig, which selects the pool by it.',
              { label: change.key },
            )
          : t(
              'Without the label {{label}}, this configuration selects no pool. Allow the editor to add it in the form.',
              { label: change.key },
            )}{' '}
        {t('A label is not part of any MachineConfig: no node reboots for it.')}
      </Content>
      {change.alsoSelectedBy.length > 0 && (
        <Alert
          variant="warning"
          isInline
          title={t('Other ContainerRuntimeConfigs select the pool once it has the label')}
          className="lazy-pull-editor__preview-alert"
        >
          {change.alsoSelectedBy.join(', ')}
        </Alert>
      )}
      <DiffView
        before={labelsYaml(change.pool, change.before)}
        after={labelsYaml(change.pool, change.after)}
        label={t('MachineConfigPool {{pool}} label changes', { pool: change.pool })}
      />
    </StackItem>
  );
};

/** Exactly what applying changes: the object, the files on the nodes, and what happens to the nodes. */
const PreviewTab = ({ preview, live, draft, machineConfigs, poolLabel }: PreviewTabProps) => {
  const { t } = useLazyPullTranslation();
  const before = useMemo(() => specYaml(live), [live]);
  const after = useMemo(() => specYaml(draft), [draft]);

  return (
    <Stack hasGutter>
      {poolLabel && <PoolLabelSection {...poolLabel} />}
      {preview.ok ? (
        <StackItem>
          <Alert
            variant={
              preview.consequence.reboot && preview.consequence.nodes > 0 ? 'warning' : 'info'
            }
            isInline
            title={consequenceText(t, preview.consequence)}
          >
            {preview.consequence.reboot &&
              t(
                'Each node drains, writes the new files and reboots; CRI-O then reads the new storage configuration.',
              )}
            {preview.alsoSelected.map((c) => (
              <Content component="p" key={`selected-${c.pool}`}>
                {t('This configuration selects pool {{pool}} too:', { pool: c.pool })}{' '}
                {consequenceText(t, c)}
              </Content>
            ))}
            {preview.alsoAffected.map((c) => (
              <Content component="p" key={c.pool}>
                {t('Pool {{pool}} takes the MachineConfigs of pool {{source}} too:', {
                  pool: c.pool,
                  source: preview.consequence.pool,
                })}{' '}
                {consequenceText(t, c)}
              </Content>
            ))}
          </Alert>
        </StackItem>
      ) : (
        <StackItem>
          <Alert
            variant="danger"
            isInline
            title={t('The Machine Config Operator would reject this configuration')}
          >
            {preview.error}
          </Alert>
        </StackItem>
      )}
      {preview.ok && preview.storageConfOverriddenBy && (
        <StackItem>
          <Alert variant="danger" isInline title={t('This storage.conf would not take effect')}>
            {t(
              'MachineConfig {{machineConfig}} sorts after {{generated}} and also writes /etc/containers/storage.conf, so its file wins.',
              {
                machineConfig: preview.storageConfOverriddenBy,
                generated: preview.machineConfigName,
              },
            )}
          </Alert>
        </StackItem>
      )}
      {preview.ok && !machineConfigs && (
        <StackItem>
          <Alert
            variant="info"
            isInline
            title={t('The MachineConfigs of the pool cannot be read yet')}
          >
            {t(
              'Until they can, the files the pool runs now are taken from the MCO base template, and other MachineConfigs that write the same files are not considered.',
            )}
          </Alert>
        </StackItem>
      )}
      {preview.ok && machineConfigs && preview.unreadable.length > 0 && (
        <StackItem>
          <Alert
            variant="info"
            isInline
            title={t('Some MachineConfigs of the pool could not be read')}
          >
            {t('The preview assumes that these do not write the files shown: {{names}}', {
              names: preview.unreadable.join(', '),
            })}
          </Alert>
        </StackItem>
      )}

      <StackItem>
        <Title headingLevel="h3">{t('ContainerRuntimeConfig')}</Title>
        <Content component="small">
          {live ? t('Compared with the object on the cluster') : t('A new object')}
        </Content>
        <DiffView before={before} after={after} label={t('ContainerRuntimeConfig changes')} />
      </StackItem>

      {preview.ok && (
        <>
          <StackItem>
            <Title headingLevel="h3">{t('Generated MachineConfig')}</Title>
            <Content component="p">
              {machineConfigs?.has(preview.machineConfigName) ? (
                <>
                  <McLink name={preview.machineConfigName} /> {t('(updated on apply)')}
                </>
              ) : (
                <>
                  <code>{preview.machineConfigName}</code> {t('(created on apply)')}
                </>
              )}
            </Content>
          </StackItem>
          <StackItem>
            <Title headingLevel="h3">{t('Storage configuration')}</Title>
            <FileSection change={preview.storageConf} label={t('storage.conf changes')} />
          </StackItem>
          <StackItem>
            <Title headingLevel="h3">{t('CRI-O drop-ins')}</Title>
            {preview.dropInChanges.length === 0 ? (
              <Content component="p">
                {t('This configuration writes no CRI-O drop-in, and none is removed.')}
              </Content>
            ) : (
              <Stack hasGutter>
                {preview.dropInChanges.map((c) => (
                  <StackItem key={c.path}>
                    <FileSection change={c} label={t('{{path}} changes', { path: c.path })} />
                  </StackItem>
                ))}
              </Stack>
            )}
          </StackItem>
        </>
      )}
    </Stack>
  );
};

export default PreviewTab;
