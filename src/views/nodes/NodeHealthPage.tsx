import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  AlertActionCloseButton,
  Bullseye,
  Drawer,
  DrawerActions,
  DrawerCloseButton,
  DrawerContent,
  DrawerContentBody,
  DrawerHead,
  DrawerPanelBody,
  DrawerPanelContent,
  PageSection,
  Spinner,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef } from 'react';
import { readApiFailure } from '../../core/apiFailure';
import {
  DEFAULT_QUERY,
  NO_POOL,
  type NodeQuery,
  selectEntries,
  type SortKey,
  type SortOrder,
} from '../../core/dashboard/query';
import { useLazyPullTranslation } from '../shared/i18n';
import { LazyPullHeader } from '../shared/LazyPullHeader';
import { LazyPullTimesSection } from '../pulls/LazyPullTimes';
import { NodeHealthDetail } from './NodeHealthDetail';
import {
  NoLayerStoresEmptyState,
  NoMatchEmptyState,
  NoReportsEmptyState,
} from './NodeHealthEmptyStates';
import { NodeHealthSummary } from './NodeHealthSummary';
import { NodeHealthTable } from './NodeHealthTable';
import { NodeHealthToolbar } from './NodeHealthToolbar';
import { useNodeHealthDashboard } from './useNodeHealthDashboard';
import { useNodeQuery } from './useNodeQuery';

const errorText = (error: unknown): string => {
  const failure = readApiFailure(error);
  return failure.code !== undefined ? `${failure.code}: ${failure.message}` : failure.message;
};

/** /lazy-pull/nodes: node by node, whether lazy pulling works, and where and why not. */
const NodeHealthPage = () => {
  const { t } = useLazyPullTranslation();
  const { snapshot, now, loaded, partial, nodeTotal, nodesError, poolsError } =
    useNodeHealthDashboard();
  const [query, setQuery] = useNodeQuery();
  const panelTitle = useRef<HTMLSpanElement>(null);
  const tableArea = useRef<HTMLDivElement>(null);
  // The row the detail was opened from: closing the detail gives it the focus back.
  const openedFrom = useRef<string | null>(null);

  const { nodes, pools, total } = snapshot;
  const loading = useMemo(
    () => (partial ? { expected: nodeTotal ?? null } : null),
    [partial, nodeTotal],
  );
  const entries = useMemo(() => selectEntries(nodes, query), [nodes, query]);
  const poolFilterValues = useMemo(() => pools.map((p) => p.name ?? NO_POOL), [pools]);
  const selected = query.node === null ? undefined : snapshot.node(query.node);

  const onSort = useCallback(
    (sort: SortKey, order: SortOrder) => setQuery({ sort, order }),
    [setQuery],
  );
  const onSelect = useCallback(
    (node: string) => {
      openedFrom.current = node;
      setQuery({ node });
    },
    [setQuery],
  );
  const closeDetail = useCallback(() => setQuery({ node: null }), [setQuery]);
  const open = query.node !== null;
  // Escape closes the detail from the panel or from the table beside it (where the row that
  // opened it keeps the focus until the panel takes it).
  const onDrawerKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open && !e.defaultPrevented) {
      e.stopPropagation();
      closeDetail();
    }
  };
  // Once the detail is closed (by ×, Escape or Back), the keyboard goes back to its row.
  useEffect(() => {
    if (open || openedFrom.current === null) return;
    const name = openedFrom.current;
    openedFrom.current = null;
    tableArea.current?.querySelector<HTMLElement>(`tr[data-node="${CSS.escape(name)}"]`)?.focus();
  }, [open]);
  const onFilter = useCallback((change: Partial<NodeQuery>) => setQuery(change), [setQuery]);
  const clearFilters = useCallback(
    () =>
      setQuery({
        pools: DEFAULT_QUERY.pools,
        health: DEFAULT_QUERY.health,
        rollout: DEFAULT_QUERY.rollout,
        text: '',
      }),
    [setQuery],
  );

  const noMatch = useMemo(() => <NoMatchEmptyState onClear={clearFilters} />, [clearFilters]);

  const body = () => {
    if (nodesError && total.nodes === 0) {
      return (
        <Alert variant="danger" isInline title={t('Nodes could not be loaded')}>
          {errorText(nodesError)}
        </Alert>
      );
    }
    if (!loaded) {
      return (
        <Bullseye>
          <Spinner aria-label={t('Loading node health')} />
        </Bullseye>
      );
    }
    if (total.nodes === 0) {
      return <Alert variant="info" isInline title={t('The console sees no nodes.')} />;
    }
    const noReports = total.health.NoReport === total.nodes;
    if (!snapshot.layerStoresConfigured)
      return <NoLayerStoresEmptyState agentMissing={noReports} />;
    if (noReports) return <NoReportsEmptyState />;

    const panel = (
      <DrawerPanelContent
        isResizable
        defaultSize="40%"
        minSize="24rem"
        aria-label={t('Node detail')}
      >
        <DrawerHead>
          <Title headingLevel="h2">
            <span ref={panelTitle} tabIndex={-1}>
              {selected?.name}
            </span>
          </Title>
          <DrawerActions>
            <DrawerCloseButton onClick={closeDetail} aria-label={t('Close node detail')} />
          </DrawerActions>
        </DrawerHead>
        <DrawerPanelBody>
          {selected && (
            <NodeHealthDetail
              entry={selected}
              expected={
                pools.find((p) => p.name !== null && p.name === selected.pool)?.expected ?? null
              }
              now={now}
              narrow
            />
          )}
        </DrawerPanelBody>
      </DrawerPanelContent>
    );

    return (
      <Stack hasGutter>
        {nodesError !== undefined && (
          <StackItem>
            <Alert variant="warning" isInline title={t('Cannot reach the cluster')}>
              {t(
                'The nodes below are as last received and may be out of date. The page updates again by itself once the cluster answers. {{error}}',
                { error: errorText(nodesError) },
              )}
            </Alert>
          </StackItem>
        )}
        {query.node !== null && selected === undefined && (
          <StackItem>
            <Alert
              variant="warning"
              isInline
              title={t('Node {{name}} was not found', { name: query.node })}
              actionClose={<AlertActionCloseButton onClose={closeDetail} />}
            >
              {t('The cluster has no node of that name; it may have been removed or renamed.')}
            </Alert>
          </StackItem>
        )}
        <StackItem>
          <NodeHealthSummary total={total} pools={pools} partial={partial} onFilter={onFilter} />
        </StackItem>
        <StackItem onKeyDown={onDrawerKeyDown}>
          <Drawer
            isExpanded={selected !== undefined}
            isInline
            onExpand={() => panelTitle.current?.focus()}
          >
            <DrawerContent panelContent={panel}>
              <DrawerContentBody>
                <div ref={tableArea}>
                  <NodeHealthToolbar
                    query={query}
                    pools={poolFilterValues}
                    shown={entries.length}
                    total={total.nodes}
                    loading={loading}
                    onChange={setQuery}
                  />
                  <NodeHealthTable
                    entries={entries}
                    sort={query.sort}
                    order={query.order}
                    selected={query.node}
                    beside={selected !== undefined}
                    onSort={onSort}
                    onSelect={onSelect}
                    empty={noMatch}
                  />
                </div>
              </DrawerContentBody>
            </DrawerContent>
          </Drawer>
        </StackItem>
        <StackItem>
          <LazyPullTimesSection snapshot={snapshot} />
        </StackItem>
      </Stack>
    );
  };

  return (
    <>
      <DocumentTitle>{t('Node health')}</DocumentTitle>
      <LazyPullHeader />
      <PageSection>
        <Stack hasGutter>
          {poolsError !== undefined && poolsError !== null && (
            <StackItem>
              <Alert
                variant="warning"
                isInline
                title={t('MachineConfigPools or ContainerRuntimeConfigs could not be loaded')}
              >
                {t(
                  'Nodes are shown without their pools and without what their pools should have. {{error}}',
                  {
                    error: errorText(poolsError),
                  },
                )}
              </Alert>
            </StackItem>
          )}
          <StackItem>{body()}</StackItem>
        </Stack>
      </PageSection>
    </>
  );
};

export default NodeHealthPage;
