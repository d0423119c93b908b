import { ResourceLink, getGroupVersionKindForModel } from '@openshift-console/dynamic-plugin-sdk';
import { Table, Tbody, Td, Th, Thead, Tr, type ThProps } from '@patternfly/react-table';
import { type KeyboardEvent, memo, type MouseEvent, type ReactNode, useCallback } from 'react';
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

interface RowProps {
  entry: NodeHealthEntry;
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
  ({ entry, rowIndex, selected, onSelect, measureRef }: RowProps) => {
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
        {/* Node names are what the admin reads first: never cut them short. */}
        <Td dataLabel={t('Node')} modifier="nowrap">
          <ResourceLink groupVersionKind={NODE_GVK} name={entry.name} inline />
        </Td>
        <Td dataLabel={t('Pool')} modifier="nowrap">
          {entry.pool ?? (entry.placement.kind === 'conflict' ? t('Conflict') : DASH)}
        </Td>
        <Td dataLabel={t('Health')} modifier="nowrap">
          <HealthStatus state={entry.health} />
        </Td>
        <Td dataLabel={t('Rollout')} modifier="nowrap">
          <RolloutStatus state={entry.rollout.state} />
        </Td>
        <Td dataLabel={t('Stores mounted / responsive')} modifier="nowrap">
          {report
            ? t('{{mounted}} / {{responsive}} of {{total}}', {
                mounted: entry.stores.mounted,
                responsive: entry.stores.responsive,
                total: entry.stores.total,
              })
            : DASH}
        </Td>
        <Td dataLabel={t('Layers served')} modifier="nowrap">
          {entry.layersServed ?? DASH}
        </Td>
        <Td dataLabel={t('Report age')} modifier="nowrap">
          {entry.checkedAtMs === null ? DASH : <ReportAge checkedAtMs={entry.checkedAtMs} />}
        </Td>
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
  onSort: (sort: SortKey, order: SortOrder) => void;
  onSelect: (name: string) => void;
  /** Shown in place of rows when there are none. */
  empty: ReactNode;
}

/** Stands for rows out of view; plain elements, so no PatternFly cell padding adds to it. */
const Spacer = ({ height }: { height: number }) => (
  <tr aria-hidden="true">
    <td colSpan={COLUMNS.length} className="lazy-pull-node-table__spacer" style={{ height }} />
  </tr>
);

const COLUMNS: SortKey[] = ['name', 'pool', 'health', 'rollout', 'stores', 'layers', 'age'];

/**
 * The node table. At thousands of nodes only the rows in view are rendered (see
 * useWindowedRows), each memoized, so scrolling and a node's update cost a few rows' work.
 */
export const NodeHealthTable = memo(function NodeHealthTable({
  entries,
  sort,
  order,
  selected,
  onSort,
  onSelect,
  empty,
}: NodeHealthTableProps) {
  const { t } = useLazyPullTranslation();
  const { start, end, rowHeight, scrollRef, onScroll, measureRef } = useWindowedRows(
    entries.length,
  );
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
            {COLUMNS.map((key) => (
              <Th key={key} sort={sortProps(key)} modifier="wrap">
                {titles[key]}
              </Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {entries.length === 0 ? (
            <Tr>
              <Td colSpan={COLUMNS.length}>{empty}</Td>
            </Tr>
          ) : (
            <>
              {start > 0 && <Spacer height={start * rowHeight} />}
              {rows}
              {end < entries.length && <Spacer height={(entries.length - end) * rowHeight} />}
            </>
          )}
        </Tbody>
      </Table>
    </div>
  );
});
