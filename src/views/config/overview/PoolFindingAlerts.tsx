import { ResourceLink, getGroupVersionKindForModel } from '@openshift-console/dynamic-plugin-sdk';
import { Alert, Stack, StackItem } from '@patternfly/react-core';
import type { PoolFinding } from '../../../core/pools/poolFindings';
import { useLazyPullTranslation } from '../../shared/i18n';
import { ContainerRuntimeConfigModel, MachineConfigModel } from '../../shared/models';

const FindingAlert = ({ finding, pool }: { finding: PoolFinding; pool: string }) => {
  const { t } = useLazyPullTranslation();
  switch (finding.kind) {
    case 'several-configs':
      return (
        <Alert
          variant="warning"
          isInline
          title={t('{{count}} ContainerRuntimeConfigs select pool {{pool}}', {
            count: finding.configs.length,
            pool,
          })}
        >
          <p>
            {t(
              'When several ContainerRuntimeConfigs change the storage settings of one pool, only some of their settings take effect. Merge their settings into one ContainerRuntimeConfig and delete the others.',
            )}
          </p>
          <p>
            {finding.configs.map((name) => (
              <ResourceLink
                key={name}
                groupVersionKind={getGroupVersionKindForModel(ContainerRuntimeConfigModel)}
                name={name}
                inline
              />
            ))}
          </p>
        </Alert>
      );
    case 'storage-conf-overridden':
      return (
        <Alert variant="danger" isInline title={t('Another MachineConfig overrides storage.conf')}>
          <p>
            {t(
              'MachineConfig {{machineConfig}} sorts after {{generated}} and also writes /etc/containers/storage.conf. MachineConfigs are merged in name order, so its file wins and the layer stores configured here do not reach the nodes.',
              { machineConfig: finding.machineConfig, generated: finding.generated },
            )}
          </p>
          <p>
            {t(
              'Remove /etc/containers/storage.conf from that MachineConfig, or move its settings into the ContainerRuntimeConfig.',
            )}{' '}
            <ResourceLink
              groupVersionKind={getGroupVersionKindForModel(MachineConfigModel)}
              name={finding.machineConfig}
              inline
            />
          </p>
        </Alert>
      );
    case 'config-limit':
      return (
        <Alert
          variant={finding.reached ? 'danger' : 'warning'}
          isInline
          title={
            finding.reached
              ? t('Pool {{pool}} has reached the limit of {{max}} ContainerRuntimeConfigs', {
                  pool,
                  max: finding.max,
                })
              : t('Pool {{pool}} uses {{used}} of {{max}} ContainerRuntimeConfigs', {
                  pool,
                  used: finding.used,
                  max: finding.max,
                })
          }
        >
          {t(
            'The Machine Config Operator generates at most {{max}} MachineConfigs per pool for ContainerRuntimeConfigs and rejects any more. Delete ContainerRuntimeConfigs that are no longer needed, and keep one per pool.',
            { max: finding.max },
          )}
        </Alert>
      );
    default:
      return null;
  }
};

export const PoolFindingAlerts = ({ findings, pool }: { findings: PoolFinding[]; pool: string }) =>
  findings.length === 0 ? null : (
    <Stack hasGutter>
      {findings.map((f) => (
        <StackItem key={`${f.kind}-${f.kind === 'storage-conf-overridden' ? f.machineConfig : ''}`}>
          <FindingAlert finding={f} pool={pool} />
        </StackItem>
      ))}
    </Stack>
  );
