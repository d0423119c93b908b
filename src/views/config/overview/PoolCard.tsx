import { ResourceLink, getGroupVersionKindForModel } from '@openshift-console/dynamic-plugin-sdk';
import {
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Divider,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { useMemo } from 'react';
import { poolFindings, type MachineConfigLike } from '../../../core/pools/poolFindings';
import {
  configsSelectingPool,
  type MachineConfigPool,
} from '../../../core/pools/machineConfigPool';
import { machineCounts } from '../../../core/pools/configRollout';
import type { ContainerRuntimeConfig } from '../../../core/model/types';
import { useLazyPullTranslation } from '../../shared/i18n';
import { MachineConfigPoolModel } from '../../shared/models';
import { LinkButton } from '../LinkButton';
import { editorPath } from '../paths';
import { ConfigSummary } from './ConfigSummary';
import { PoolFindingAlerts } from './PoolFindingAlerts';
import { PoolUpdateStatus } from './PoolUpdateStatus';

interface PoolCardProps {
  pool: MachineConfigPool;
  configs: readonly ContainerRuntimeConfig[];
  machineConfigs: ReadonlyMap<string, MachineConfigLike> | undefined;
  /** Hide the pool link in the title, where the card sits on the pool's own page. */
  onPoolPage?: boolean;
}

/** One pool: its nodes and update state, the ContainerRuntimeConfigs that select it, and what to watch out for. */
export const PoolCard = ({ pool, configs, machineConfigs, onPoolPage = false }: PoolCardProps) => {
  const { t } = useLazyPullTranslation();
  const name = pool.metadata.name ?? '';
  const selecting = useMemo(
    () =>
      configsSelectingPool(pool, [...configs]).sort((a, b) =>
        (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
      ),
    [pool, configs],
  );
  const findings = useMemo(
    () => poolFindings({ pool, selecting, machineConfigs }),
    [pool, selecting, machineConfigs],
  );
  const counts = machineCounts(pool);
  const titleId = `lazy-pull-pool-${name}`;

  return (
    <Card isCompact aria-labelledby={titleId}>
      <CardHeader
        actions={{
          actions: (
            <LinkButton variant="secondary" to={editorPath(name)}>
              {selecting.length > 0 ? t('Edit lazy pulling') : t('Configure lazy pulling')}
            </LinkButton>
          ),
          hasNoOffset: false,
        }}
      >
        <CardTitle id={titleId}>
          {onPoolPage ? (
            t('Lazy image pulling')
          ) : (
            <ResourceLink
              groupVersionKind={getGroupVersionKindForModel(MachineConfigPoolModel)}
              name={name}
            />
          )}
        </CardTitle>
      </CardHeader>
      <CardBody>
        <Stack hasGutter>
          <StackItem>
            <DescriptionList isCompact isHorizontal>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Nodes')}</DescriptionListTerm>
                <DescriptionListDescription>
                  {t('{{count}} nodes', { count: counts.machine })}
                  {' · '}
                  {t('{{updated}} updated, {{ready}} ready, {{degraded}} degraded', {
                    updated: counts.updated,
                    ready: counts.ready,
                    degraded: counts.degraded,
                  })}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Update status')}</DescriptionListTerm>
                <DescriptionListDescription>
                  <PoolUpdateStatus pool={pool} />
                </DescriptionListDescription>
              </DescriptionListGroup>
            </DescriptionList>
          </StackItem>
          <Divider />
          {selecting.length === 0 ? (
            <StackItem>
              <Content component="p">
                {t(
                  'No ContainerRuntimeConfig selects this pool: images are pulled in full before containers start.',
                )}
              </Content>
            </StackItem>
          ) : (
            selecting.map((c) => (
              <StackItem key={c.metadata.name}>
                <ConfigSummary config={c} />
              </StackItem>
            ))
          )}
          {findings.length > 0 && (
            <StackItem>
              <PoolFindingAlerts findings={findings} pool={name} />
            </StackItem>
          )}
        </Stack>
      </CardBody>
    </Card>
  );
};
