import { ResourceLink, getGroupVersionKindForModel } from '@openshift-console/dynamic-plugin-sdk';
import { Table, Tbody, Td, Th, Thead, Tr, type ThProps } from '@patternfly/react-table';
import {
  type KeyboardEvent,
  memo,
  type MouseEvent,
  type ReactNode,
  useCallback,
  useLayoutEffect,
} from 'react';
import type { SortKey, SortOrder } from '../../core/dashboard/query';
import type { NodeHealthEntry } from '../../core/dashboard/types';
import { useLazyPullTranslation } from '../shared/i18n';
import { NodeModel } from '../shared/models';
import { formatAge } from './formatAge';
import { HealthStatus, RolloutStatus } from './StateStatus';
import { useNow } from './useNodeHealthDashboard';
import { useWindowedRows } from './useWindowedRows';
import { injectStyles } from '../shared/styles';
import styles from './nodes.css';

injectStyles(styles);

const NODE_GVK = getGroupVersionKindForModel(NodeModel);
const DASH = '—';

const COLUMNS: readonly SortKey[] = [
  'name',
  'pool',
  'health',
  'rollout',
  'stores',
  'layers',
  'age',
];
/**
 * Beside the node detail the table keeps what tells nodes apart at a glance; the detail shows
 * the rest for the node it is open on.
 */
const BESIDE_DETAIL: readonly SortKey[] = ['name', 'health', 'rollout'];

interface RowProps {
  entry: NodeHealthEntry;
  columns: readonly SortKey[];
  /** 1-based position among all rows, for assistive technology (the header is row 1). */
  rowIndex: number;
  selected: boolean;
  onSelect: (name: string) => void;
  measureRef?: (row: HTMLTableRowElement | null) => void;
}

/** How old a report is, following the page's clock without its row rendering again. */
const ReportAge = ({ checkedAtMs }: { checkedAtMs: number }) => {
  const { t } = useLazyPullTranslation();
  const now = useNow();
  return <>{formatAge(now - checkedAtMs, t)}</>;
};

/**
 * One node. Memoized: it renders again only when its entry, place or selection changes; the
 * model keeps an unchanged node's entry identical, and the age follows the clock by itself.
 */
export const NodeHealthRow = memo(
  ({ entry, columns, rowIndex, selected, onSelect, measureRef }: RowProps) => {
    const { t } = useLazyPullTranslation();
    const open = () => onSelect(entry.name);
    const onClick = (e: MouseEvent<HTMLTableRowElement>) => {
      // The node link navigates; everything else in the row opens the detail.
      if (!(e.target as HTMLElement).closest('a, button')) open();
    };
    const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>) => {
      if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
        e.preventDefault();
        open();
      }
    };
    const report = entry.agentAnnotations !== null;
    const cell = (key: SortKey) => {
      switch (key) {
        case 'name':
          // Node names are what the admin reads first: they wrap, never cut short.
          return (
            <Td key={key} dataLabel={t('Node')} className="lazy-pull-node-table__name">
              <ResourceLink groupVersionKind={NODE_GVK} name={entry.name} inline />
            </Td>
          );
        case 'pool':
          return (
            <Td key={key} dataLabel={t('Pool')}>
              {entry.pool ?? (entry.placement.kind === 'conflict' ? t('Conflict') : DASH)}
            </Td>
          );
        case 'health':
          return (
            <Td key={key} dataLabel={t('Health')}>
              <HealthStatus state={entry.health} />
            </Td>
          );
        case 'rollout':
          return (
            <Td key={key} dataLabel={t('Rollout')}>
              <RolloutStatus state={entry.rollout.state} />
            </Td>
          );
        case 'stores':
          return (
            <Td key={key} dataLabel={t('Stores mounted / responsive')}>
              {report
                ? t('{{mounted}} / {{responsive}} of {{total}}', {
                    mounted: entry.stores.mounted,
                    responsive: entry.stores.responsive,
                    total: entry.stores.total,
                  })
                : DASH}
            </Td>
          );
        case 'layers':
          return (
            <Td key={key} dataLabel={t('Layers served')}>
              {entry.layersServed ?? DASH}
            </Td>
          );
        case 'age':
          return (
            <Td key={key} dataLabel={t('Report age')}>
              {entry.checkedAtMs === null ? DASH : <ReportAge checkedAtMs={entry.checkedAtMs} />}
            </Td>
          );
      }
    };
    return (
      <Tr
        isClickable
        isRowSelected={selected}
        onClick={onClick}
        onKeyDown={onKeyDown}
        aria-rowindex={rowIndex}
        aria-selected={selected}
        innerRef={measureRef}
        className="lazy-pull-node-table__row"
        data-node={entry.name}
      >
        {columns.map(cell)}
      </Tr>
    );
  },
);
NodeHealthRow.displayName = 'NodeHealthRow';

interface NodeHealthTableProps {
  /** The rows, already filtered and sorted. */
  entries: readonly NodeHealthEntry[];
  sort: SortKey;
  order: SortOrder;
  selected: string | null;
  /** The node detail is open beside the table: fewer columns. */
  beside?: boolean;
  onSort: (sort: SortKey, order: SortOrder) => void;
  onSelect: (name: string) => void;
  /** Shown in place of rows when there are none. */
  empty: ReactNode;
}

/** Stands for rows out of view; plain elements, so no PatternFly cell padding adds to it. */
const Spacer = ({ height, span }: { height: number; span: number }) => (
  <tr aria-hidden="true">
    <td colSpan={span} className="lazy-pull-node-table__spacer" style={{ height }} />
  </tr>
);

/**
 * The node table. At thousands of nodes only the rows in view are rendered (see
 * useWindowedRows), each memoized, so scrolling and a node's update cost a few rows' work.
 */
export const NodeHealthTable = memo(function NodeHealthTable({
  entries,
  sort,
  order,
  selected,
  beside = false,
  onSort,
  onSelect,
  empty,
}: NodeHealthTableProps) {
  const { t } = useLazyPullTranslation();
  const columns = beside ? BESIDE_DETAIL : COLUMNS;
  const { start, end, rowHeight, scrollRef, onScroll, measureRef } = useWindowedRows(
    entries.length,
  );
  // Rows change height with the columns (a name wraps in a narrower table): measure again.
  useLayoutEffect(() => {
    measureRef(scrollRef.current?.querySelector<HTMLTableRowElement>('tr[data-node]') ?? null);
  }, [beside, measureRef, scrollRef]);
  const titles: Record<SortKey, string> = {
    name: t('Node'),
    pool: t('Pool'),
    health: t('Health'),
    rollout: t('Rollout'),
    stores: t('Stores mounted / responsive'),
    layers: t('Layers served'),
    age: t('Report age'),
  };
  const sortProps = useCallback(
    (key: SortKey): ThProps['sort'] => ({
      sortBy: { index: COLUMNS.indexOf(sort), direction: order },
      onSort: (_e, index, direction) => onSort(COLUMNS[index], direction),
      columnIndex: COLUMNS.indexOf(key),
    }),
    [sort, order, onSort],
  );

  const rows = [];
  for (let i = start; i < end; i += 1) {
    const entry = entries[i];
    rows.push(
      <NodeHealthRow
        key={entry.name}
        entry={entry}
        columns={columns}
        rowIndex={i + 2}
        selected={entry.name === selected}
        onSelect={onSelect}
        measureRef={i === start ? measureRef : undefined}
      />,
    );
  }

  return (
    <div className="lazy-pull-node-table" ref={scrollRef} onScroll={onScroll} tabIndex={-1}>
      <Table
        aria-label={t('Nodes')}
        variant="compact"
        isStickyHeader
        aria-rowcount={entries.length + 1}
      >
        <Thead>
          <Tr aria-rowindex={1}>
            {columns.map((key) => (
              <Th key={key} sort={sortProps(key)} modifier="wrap">
                {titles[key]}
              </Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {entries.length === 0 ? (
            <Tr>
              <Td colSpan={columns.length}>{empty}</Td>
            </Tr>
          ) : (
            <>
              {start > 0 && <Spacer height={start * rowHeight} span={columns.length} />}
              {rows}
              {end < entries.length && (
                <Spacer height={(entries.length - end) * rowHeight} span={columns.length} />
              )}
            </>
          )}
        </Tbody>
      </Table>
    </div>
  );
});
