import {
  DocumentTitle,
  ResourceLink,
  getGroupVersionKindForModel,
} from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
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
import { readSavedDrafts } from './editor/draftStorage';
import { LinkButton } from './LinkButton';
import { FeatureGateAlert } from './overview/FeatureGateAlert';
import { WatchFailures } from './overview/LoadError';
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
  const { pools, configs, gate, machineConfigs } = useLazyPullCluster();
  // Without a choice in the URL, the object whose unsaved draft this tab kept comes first.
  const savedTargets = useMemo(() => readSavedDrafts(poolName).map((d) => d.target), [poolName]);

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
  const chosen =
    searchParams.get(CONFIG_PARAM) ??
    savedTargets.find((name) => selecting.some((c) => c.metadata.name === name)) ??
    '';
  const target = selecting.find((c) => c.metadata.name === chosen) ?? selecting[0];
  const findings = useMemo(
    () => (pool ? poolFindings({ pool, selecting, machineConfigs }) : []),
    [pool, selecting, machineConfigs],
  );

  // A watch that fails keeps what it had: the editor stays, with its draft, and says what failed.
  const outage = <WatchFailures pools={pools} configs={configs} />;

  const body = () => {
    if ((pools.error && !pools.loaded) || (configs.error && !configs.loaded)) {
      return (
        <Stack hasGutter>
          {outage}
          {savedTargets.length > 0 && (
            <StackItem>
              <Alert
                variant="info"
                isInline
                title={t('Your unsaved changes to pool {{pool}} are kept', { pool: poolName })}
              >
                {t('They come back here as soon as the cluster can be read.')}
              </Alert>
            </StackItem>
          )}
        </Stack>
      );
    }
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
        {outage}
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
