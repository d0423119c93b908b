import {
  ResourceLink,
  Timestamp,
  getGroupVersionKindForModel,
} from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  ClipboardCopy,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  List,
  ListItem,
  ListVariant,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { ExpectedStores, NodeHealthEntry } from '../../core/dashboard/types';
import { type NodeHealthReport, parseNodeAnnotations } from '../../core/health/report';
import { useLazyPullTranslation } from '../shared/i18n';
import { MachineConfigPoolModel } from '../shared/models';
import { journalUnits, nodeJournalPath } from './consoleLinks';
import { formatAge } from './formatAge';
import { CheckStatusText, HealthStatus, RolloutStatus, useStateNames } from './StateStatus';
import { injectStyles } from '../shared/styles';
import styles from './nodes.css';

injectStyles(styles);

export const AGENT_DEPLOY_COMMAND = 'oc apply -k deploy/agent';
const POOL_GVK = getGroupVersionKindForModel(MachineConfigPoolModel);
const DASH = '—';

interface DetailProps {
  entry: NodeHealthEntry;
  /** What the node's pool is configured with; null when the node has no pool. */
  expected: ExpectedStores | null;
  now: number;
  /** The level of the detail's section headings: one below the heading it sits under. */
  headingLevel?: 'h2' | 'h3';
  /**
   * Shown in a side panel: its tables lay each row out as label and value, one under the other,
   * since their columns do not fit beside each other in a panel's width.
   */
  narrow?: boolean;
}

/** PatternFly's layout of a table row as label-value pairs, whatever the window's width. */
const gridIf = (narrow: boolean) => (narrow ? ('grid' as const) : undefined);

/** Why the health is what it is, when the table's one word is not enough. */
const HealthExplanation = ({ entry, now }: { entry: NodeHealthEntry; now: number }) => {
  const { t } = useLazyPullTranslation();
  const names = useStateNames();
  switch (entry.health) {
    case 'Unknown':
      return (
        <Alert variant="warning" isInline title={t('The agent’s report cannot be read')}>
          {entry.unknown?.reason}
        </Alert>
      );
    case 'Stale':
      return (
        <Alert variant="warning" isInline title={t('The agent’s report is out of date')}>
          {t(
            'The last report, {{age}} old, said {{health}}. The agent may have stopped, or cannot update its node.',
            {
              age: formatAge(now - (entry.checkedAtMs ?? now), t),
              health: entry.reportedHealth ? names.health[entry.reportedHealth] : DASH,
            },
          )}
        </Alert>
      );
    case 'NoReport':
      return (
        <Alert variant="info" isInline title={t('No agent runs on this node')}>
          <Stack hasGutter>
            <StackItem>
              {t(
                'The lazy-pull node agent reports the storage plugin’s health on each node. Deploy it with this command.',
              )}
            </StackItem>
            <StackItem>
              <ClipboardCopy isReadOnly hoverTip={t('Copy')} clickTip={t('Copied')}>
                {AGENT_DEPLOY_COMMAND}
              </ClipboardCopy>
            </StackItem>
          </Stack>
        </Alert>
      );
    default:
      return null;
  }
};

const PoolValue = ({ entry }: { entry: NodeHealthEntry }) => {
  const { t } = useLazyPullTranslation();
  const { placement } = entry;
  if (placement.kind === 'none') return <>{t('No MachineConfigPool selects this node')}</>;
  if (placement.kind === 'conflict') {
    return (
      <>
        {t(
          'Several custom pools select this node ({{pools}}); the Machine Config Operator manages it with none of them.',
          {
            pools: placement.pools.join(', '),
          },
        )}
      </>
    );
  }
  return (
    <>
      <ResourceLink groupVersionKind={POOL_GVK} name={placement.pool} inline />
      {placement.alsoMatches.length > 0 && (
        <Content component="small">
          {' '}
          {t('(also selected by {{pools}})', { pools: placement.alsoMatches.join(', ') })}
        </Content>
      )}
    </>
  );
};

const Checks = ({ report, narrow }: { report: NodeHealthReport; narrow: boolean }) => {
  const { t } = useLazyPullTranslation();
  if (report.checks.length === 0)
    return <Content component="p">{t('The report lists no checks.')}</Content>;
  return (
    <Table aria-label={t('Checks')} variant="compact" gridBreakPoint={gridIf(narrow)}>
      <Thead>
        <Tr>
          <Th>{t('Status')}</Th>
          <Th>{t('Check')}</Th>
          <Th>{t('Message')}</Th>
          <Th>{t('Store')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {report.checks.map((check, i) => (
          <Tr key={`${check.id}-${i}`}>
            <Td dataLabel={t('Status')}>
              <CheckStatusText status={check.status} />
            </Td>
            <Td dataLabel={t('Check')} className="lazy-pull-node-detail__wrap">
              {check.id}
            </Td>
            <Td dataLabel={t('Message')} className="lazy-pull-node-detail__wrap">
              {check.message}
            </Td>
            <Td dataLabel={t('Store')} className="lazy-pull-node-detail__wrap">
              {check.store === undefined ? DASH : report.stores[check.store]?.path}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

const yesNo = (value: boolean | null, t: (key: string) => string): string =>
  value === null ? DASH : value ? t('Yes') : t('No');

const Stores = ({ report, narrow }: { report: NodeHealthReport; narrow: boolean }) => {
  const { t } = useLazyPullTranslation();
  if (report.stores.length === 0) {
    return (
      <Content component="p">
        {t('storage.conf on this node names no additional layer store.')}
      </Content>
    );
  }
  return (
    <Table aria-label={t('Stores')} variant="compact" gridBreakPoint={gridIf(narrow)}>
      <Thead>
        <Tr>
          <Th>{t('Path')}</Th>
          <Th>{t('Plugin')}</Th>
          <Th>{t('Mounted')}</Th>
          <Th>{t('Responsive')}</Th>
          <Th>{t('Layers')}</Th>
          <Th>{t('Socket')}</Th>
          <Th>{t('Process')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {report.stores.map((store, i) => (
          <Tr key={`${store.path}-${i}`}>
            <Td dataLabel={t('Path')} className="lazy-pull-node-detail__wrap">
              {store.path}
            </Td>
            <Td dataLabel={t('Plugin')}>{store.plugin}</Td>
            <Td dataLabel={t('Mounted')}>{store.mounted ? (store.fs ?? t('Yes')) : t('No')}</Td>
            <Td dataLabel={t('Responsive')} className="lazy-pull-node-detail__wrap">
              {store.responsive
                ? t('Yes, in {{ms}} ms', { ms: store.latencyMs ?? DASH })
                : `${t('No')}${store.error ? `: ${store.error}` : ''}`}
            </Td>
            <Td dataLabel={t('Layers')}>{store.layers}</Td>
            <Td dataLabel={t('Socket')}>{yesNo(store.socket, t)}</Td>
            <Td dataLabel={t('Process')}>{yesNo(store.process, t)}</Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

const Images = ({ report }: { report: NodeHealthReport }) => {
  const { t } = useLazyPullTranslation();
  const stores = report.stores.filter((s) => s.images.length > 0 || s.imagesOmitted > 0);
  if (stores.length === 0)
    return <Content component="p">{t('No image is served lazily right now.')}</Content>;
  return (
    <Stack hasGutter>
      {stores.map((store, i) => (
        <StackItem key={`${store.path}-${i}`}>
          {report.stores.length > 1 && (
            <Content component="p" className="lazy-pull-node-detail__wrap">
              {store.path}
            </Content>
          )}
          <List
            isPlain
            aria-label={t('Images served lazily from {{store}}', { store: store.path })}
          >
            {store.images.map((image) => (
              <ListItem key={image} className="lazy-pull-node-detail__wrap">
                {image}
              </ListItem>
            ))}
          </List>
          {store.imagesOmitted > 0 && (
            <Content component="small">
              {t('and {{count}} more', { count: store.imagesOmitted })}
            </Content>
          )}
        </StackItem>
      ))}
    </Stack>
  );
};

const Drift = ({
  entry,
  expected,
}: {
  entry: NodeHealthEntry;
  expected: ExpectedStores | null;
}) => {
  const { t } = useLazyPullTranslation();
  if (expected === null)
    return (
      <Content component="p">
        {t('The node has no pool, so there is no configuration to compare with.')}
      </Content>
    );
  if (entry.drift === null)
    return (
      <Content component="p">
        {t('Without a readable report the node’s stores are not known.')}
      </Content>
    );
  const paths = (list: readonly string[]) => (list.length > 0 ? list.join(', ') : t('none'));
  const { missing, extra } = entry.drift;
  return (
    <Stack hasGutter>
      <DescriptionList isCompact isHorizontal>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Pool configuration')}</DescriptionListTerm>
          <DescriptionListDescription className="lazy-pull-node-detail__wrap">
            {paths(expected.layerStores)}
            {expected.source !== null && (
              <Content component="small">
                {' '}
                {t('(from ContainerRuntimeConfig {{name}})', { name: expected.source })}
              </Content>
            )}
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Node’s storage.conf')}</DescriptionListTerm>
          <DescriptionListDescription className="lazy-pull-node-detail__wrap">
            {paths(entry.nodeStores ?? [])}
          </DescriptionListDescription>
        </DescriptionListGroup>
        {missing.length > 0 && (
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Missing on the node')}</DescriptionListTerm>
            <DescriptionListDescription className="lazy-pull-node-detail__wrap">
              {missing.join(', ')}
            </DescriptionListDescription>
          </DescriptionListGroup>
        )}
        {extra.length > 0 && (
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Not in the pool configuration')}</DescriptionListTerm>
            <DescriptionListDescription className="lazy-pull-node-detail__wrap">
              {extra.join(', ')}
            </DescriptionListDescription>
          </DescriptionListGroup>
        )}
      </DescriptionList>
      {missing.length + extra.length === 0 ? (
        <Content component="p">
          {t('The node’s layer stores match its pool’s configuration.')}
        </Content>
      ) : (
        <Content component="p">
          {entry.rollout.state === 'UpToDate'
            ? t(
                'The node is up to date with its pool, yet its storage.conf differs; another MachineConfig may write storage.conf after the generated one.',
              )
            : t(
                'The pool is still rolling out to this node; the difference should go once it is up to date.',
              )}
        </Content>
      )}
    </Stack>
  );
};

/** Everything known about one node's lazy pulling: on the dashboard's drawer and the Node's tab. */
export const NodeHealthDetail = ({
  entry,
  expected,
  now,
  headingLevel = 'h3',
  narrow = false,
}: DetailProps) => {
  const { t } = useLazyPullTranslation();
  const { rollout } = entry;
  // The entry keeps the figures of its row; the report itself is read again for the one node
  // shown. Judged at `now` like the entry, it reads as the entry did.
  const report = useMemo(() => {
    if (entry.agentAnnotations === null) return null;
    const state = parseNodeAnnotations(entry.agentAnnotations, now);
    return state.kind === 'ok' ? state.report : null;
  }, [entry, now]);
  return (
    <Stack hasGutter>
      <StackItem>
        <HealthExplanation entry={entry} now={now} />
      </StackItem>
      <StackItem>
        <DescriptionList isCompact isHorizontal>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Health')}</DescriptionListTerm>
            <DescriptionListDescription>
              <HealthStatus state={entry.health} />
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Pool')}</DescriptionListTerm>
            <DescriptionListDescription>
              <PoolValue entry={entry} />
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Rollout')}</DescriptionListTerm>
            <DescriptionListDescription>
              <RolloutStatus state={rollout.state} />
              {rollout.queued && (
                <Content component="small"> {t('(waiting for its turn)')}</Content>
              )}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('MCO state')}</DescriptionListTerm>
            <DescriptionListDescription className="lazy-pull-node-detail__wrap">
              {rollout.mcoState ?? DASH}
              {rollout.reason && ` — ${rollout.reason}`}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Rendered config')}</DescriptionListTerm>
            <DescriptionListDescription className="lazy-pull-node-detail__wrap">
              {rollout.currentConfig === rollout.desiredConfig
                ? (rollout.currentConfig ?? DASH)
                : t('{{current}}, moving to {{desired}}', {
                    current: rollout.currentConfig ?? DASH,
                    desired: rollout.desiredConfig ?? DASH,
                  })}
            </DescriptionListDescription>
          </DescriptionListGroup>
          {report && (
            <DescriptionListGroup>
              <DescriptionListTerm>{t('Last report')}</DescriptionListTerm>
              <DescriptionListDescription>
                <Timestamp timestamp={report.at} />{' '}
                <Content component="small">
                  {t('(agent {{version}}, every {{seconds}} s)', {
                    version: report.agentVersion,
                    seconds: report.heartbeatSeconds,
                  })}
                </Content>
              </DescriptionListDescription>
            </DescriptionListGroup>
          )}
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Logs')}</DescriptionListTerm>
            <DescriptionListDescription>
              <List variant={ListVariant.inline} aria-label={t('Journal of the node’s units')}>
                {journalUnits(report).map((unit) => (
                  <ListItem key={unit}>
                    <Link to={nodeJournalPath(entry.name, unit)}>
                      {t('{{unit}} journal', { unit })}
                    </Link>
                  </ListItem>
                ))}
              </List>
            </DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>
      </StackItem>
      {report && (
        <>
          <StackItem>
            <Title headingLevel={headingLevel}>{t('Checks')}</Title>
            <Checks report={report} narrow={narrow} />
          </StackItem>
          <StackItem>
            <Title headingLevel={headingLevel}>{t('Stores')}</Title>
            <Stores report={report} narrow={narrow} />
          </StackItem>
          <StackItem>
            <Title headingLevel={headingLevel}>{t('Images served lazily')}</Title>
            <Images report={report} />
          </StackItem>
        </>
      )}
      <StackItem>
        <Title headingLevel={headingLevel}>{t('Configuration drift')}</Title>
        <Drift entry={entry} expected={expected} />
      </StackItem>
    </Stack>
  );
};
