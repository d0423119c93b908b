import {
  DocumentTitle,
  ResourceLink,
  getGroupVersionKindForModel,
} from '@openshift-console/dynamic-plugin-sdk';
import {
  Breadcrumb,
  BreadcrumbItem,
  EmptyState,
  EmptyStateBody,
  EmptyStateFooter,
  FormGroup,
  FormSelect,
  FormSelectOption,
  PageSection,
  Skeleton,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { SearchIcon } from '@patternfly/react-icons';
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { poolFindings } from '../../core/pools/poolFindings';
import { configsSelectingPool } from '../../core/pools/machineConfigPool';
import { useLazyPullTranslation } from '../shared/i18n';
import { MachineConfigPoolModel } from '../shared/models';
import { ConfigEditor } from './editor/ConfigEditor';
import { LinkButton } from './LinkButton';
import { FeatureGateAlert } from './overview/FeatureGateAlert';
import { LoadError } from './overview/LoadError';
import { PoolFindingAlerts } from './overview/PoolFindingAlerts';
import { PoolUpdateStatus } from './overview/PoolUpdateStatus';
import { POOLS_PATH } from './paths';
import { useLazyPullCluster } from './useLazyPullCluster';

const CONFIG_PARAM = 'config';

/** /lazy-pull/pools/:pool: configure lazy pulling for one MachineConfigPool. */
const PoolEditorPage = () => {
  const { t } = useLazyPullTranslation();
  const { pool: poolName = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const chosen = searchParams.get(CONFIG_PARAM) ?? '';
  const { pools, configs, gate, machineConfigs } = useLazyPullCluster();

  const pool = pools.data.find((p) => p.metadata.name === poolName);
  const selecting = useMemo(
    () =>
      pool
        ? configsSelectingPool(pool, configs.data).sort((a, b) =>
            (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
          )
        : [],
    [pool, configs.data],
  );
  const target = selecting.find((c) => c.metadata.name === chosen) ?? selecting[0];
  const findings = useMemo(
    () => (pool ? poolFindings({ pool, selecting, machineConfigs }) : []),
    [pool, selecting, machineConfigs],
  );

  const body = () => {
    if (pools.error)
      return <LoadError title={t('MachineConfigPools could not be loaded')} error={pools.error} />;
    if (configs.error)
      return (
        <LoadError title={t('ContainerRuntimeConfigs could not be loaded')} error={configs.error} />
      );
    if (!pools.loaded || !configs.loaded) {
      return (
        <div aria-busy="true">
          <Skeleton
            width="30%"
            screenreaderText={t('Loading the configuration of pool {{pool}}', { pool: poolName })}
          />
          <br />
          <Skeleton height="8rem" />
        </div>
      );
    }
    if (!pool) {
      return (
        <EmptyState
          titleText={t('Pool {{pool}} not found', { pool: poolName })}
          headingLevel="h2"
          icon={SearchIcon}
        >
          <EmptyStateBody>
            {t('There is no MachineConfigPool of that name, or you cannot see it.')}
          </EmptyStateBody>
          <EmptyStateFooter>
            <LinkButton variant="primary" to={POOLS_PATH}>
              {t('Back to pools')}
            </LinkButton>
          </EmptyStateFooter>
        </EmptyState>
      );
    }
    return (
      <Stack hasGutter>
        <StackItem>
          <FeatureGateAlert gate={gate} />
        </StackItem>
        {findings.length > 0 && (
          <StackItem>
            <PoolFindingAlerts findings={findings} pool={poolName} />
          </StackItem>
        )}
        {selecting.length > 1 && (
          <StackItem>
            <FormGroup
              label={t('ContainerRuntimeConfig to edit')}
              fieldId="lazy-pull-choose-config"
            >
              <FormSelect
                id="lazy-pull-choose-config"
                value={target?.metadata.name ?? ''}
                onChange={(_e, value) => setSearchParams({ [CONFIG_PARAM]: value })}
              >
                {selecting.map((c) => (
                  <FormSelectOption
                    key={c.metadata.name}
                    value={c.metadata.name}
                    label={c.metadata.name ?? ''}
                  />
                ))}
              </FormSelect>
            </FormGroup>
          </StackItem>
        )}
        <StackItem>
          <ConfigEditor
            key={chosen}
            pool={pool}
            pools={pools.data}
            initial={target}
            configs={configs.data}
            machineConfigs={machineConfigs}
            gate={gate}
          />
        </StackItem>
      </Stack>
    );
  };

  return (
    <>
      <DocumentTitle>{t('Lazy image pulling: pool {{pool}}', { pool: poolName })}</DocumentTitle>
      <PageSection>
        <Breadcrumb>
          <BreadcrumbItem
            render={({ className }) => (
              <Link className={className} to={POOLS_PATH}>
                {t('Lazy image pulling')}
              </Link>
            )}
          />
          <BreadcrumbItem isActive>{poolName}</BreadcrumbItem>
        </Breadcrumb>
        <Title headingLevel="h1">
          {t('Lazy image pulling for pool {{pool}}', { pool: poolName })}
        </Title>
        {pool && (
          <p>
            <ResourceLink
              groupVersionKind={getGroupVersionKindForModel(MachineConfigPoolModel)}
              name={poolName}
              inline
            />{' '}
            <PoolUpdateStatus pool={pool} />
          </p>
        )}
      </PageSection>
      <PageSection>{body()}</PageSection>
    </>
  );
};

export default PoolEditorPage;
