import {
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  Gallery,
  Label,
  LabelGroup,
} from '@patternfly/react-core';
import { memo } from 'react';
import { NO_POOL, type NodeQuery } from '../../core/dashboard/query';
import {
  type GroupCounts,
  HEALTH_STATES,
  type PoolSummary,
  ROLLOUT_STATES,
} from '../../core/dashboard/types';
import { useLazyPullTranslation } from '../shared/i18n';
import { HEALTH_LOOK, ROLLOUT_LOOK, useStateNames } from './StateStatus';

type LabelColor = 'green' | 'orange' | 'red' | 'blue' | 'grey';
const COLOR: Record<string, LabelColor> = {
  success: 'green',
  warning: 'orange',
  danger: 'red',
  info: 'blue',
};
const colorOf = (status: string | undefined): LabelColor => (status ? COLOR[status] : 'grey');

/** Names the group for screen readers, where the card's title is not read with the count. */
const InGroup = ({ group }: { group: string }) => {
  const { t } = useLazyPullTranslation();
  return <span className="pf-v6-screen-reader"> {t('in {{group}}', { group })}</span>;
};

interface StateLabelsProps<S extends string> {
  category: string;
  /** The card's title, read with each count. */
  group: string;
  states: readonly S[];
  counts: Record<S, number>;
  look: Record<S, { status: string | undefined }>;
  names: Record<S, string>;
  onPick: (state: S) => void;
}

/** One dimension's counts as clickable labels, in the states' order, leaving out the zeros. */
const StateLabels = <S extends string>({
  category,
  group,
  states,
  counts,
  look,
  names,
  onPick,
}: StateLabelsProps<S>) => (
  <LabelGroup categoryName={category} numLabels={states.length}>
    {states
      .filter((state) => counts[state] > 0)
      .map((state) => (
        <Label key={state} color={colorOf(look[state].status)} onClick={() => onPick(state)}>
          {names[state]}: {counts[state]}
          <InGroup group={group} />
        </Label>
      ))}
  </LabelGroup>
);

interface GroupCardProps {
  title: string;
  /** The pool filter a click sets; empty for all nodes. */
  pools: string[];
  counts: GroupCounts;
  expected: PoolSummary['expected'];
  /** The node list is still loading: the counts are not final. */
  partial: boolean;
  onFilter: (change: Partial<NodeQuery>) => void;
}

const GroupCard = ({ title, pools, counts, expected, partial, onFilter }: GroupCardProps) => {
  const { t } = useLazyPullTranslation();
  const names = useStateNames();
  return (
    <Card isCompact component="section" aria-label={title}>
      <CardHeader>
        <CardTitle component="h2">{title}</CardTitle>
        <Content component="small">
          {partial
            ? t('{{count}} nodes so far', { count: counts.nodes })
            : t('{{count}} nodes', { count: counts.nodes })}
          {expected &&
            (expected.layerStores.length > 0
              ? ` · ${t('Layer stores')}: ${expected.layerStores.join(', ')}`
              : ` · ${t('No layer store configured')}`)}
        </Content>
        {expected && expected.failed.length > 0 && (
          <Content component="small">
            {t('Not applied, the Machine Config Operator reports a failure for {{names}}', {
              names: expected.failed.join(', '),
            })}
          </Content>
        )}
        {expected && expected.overridden.length > 0 && (
          <Content component="small">
            {t('{{names}} overridden by {{source}}, whose storage.conf is merged last', {
              source: expected.source,
              names: expected.overridden.join(', '),
            })}
          </Content>
        )}
      </CardHeader>
      <CardBody>
        <StateLabels
          category={t('Health')}
          group={title}
          states={HEALTH_STATES}
          counts={counts.health}
          look={HEALTH_LOOK}
          names={names.health}
          onPick={(state) => onFilter({ pools, health: [state], rollout: [] })}
        />
        <StateLabels
          category={t('Rollout')}
          group={title}
          states={ROLLOUT_STATES}
          counts={counts.rollout}
          look={ROLLOUT_LOOK}
          names={names.rollout}
          onPick={(state) => onFilter({ pools, rollout: [state], health: [] })}
        />
        <Content component="small">
          {t('{{count}} layers served lazily', { count: counts.layersServed })}
          {counts.drifted > 0 &&
            ` · ${t('{{count}} nodes differ from the pool configuration', { count: counts.drifted })}`}
        </Content>
      </CardBody>
    </Card>
  );
};

interface NodeHealthSummaryProps {
  total: GroupCounts;
  pools: readonly PoolSummary[];
  partial: boolean;
  onFilter: (change: Partial<NodeQuery>) => void;
}

/** Counts by health and by rollout, for all nodes and per pool; a count filters the table. */
export const NodeHealthSummary = memo(
  ({ total, pools, partial, onFilter }: NodeHealthSummaryProps) => {
    const { t } = useLazyPullTranslation();
    return (
      <Gallery
        hasGutter
        minWidths={{ default: '100%', md: '20rem' }}
        aria-label={t('Summary by pool')}
        component="ul"
      >
        <li>
          <GroupCard
            title={t('All nodes')}
            pools={[]}
            counts={total}
            expected={null}
            partial={partial}
            onFilter={onFilter}
          />
        </li>
        {pools.map((pool) => (
          <li key={pool.name ?? NO_POOL}>
            <GroupCard
              title={pool.name ?? t('No pool')}
              pools={[pool.name ?? NO_POOL]}
              counts={pool.counts}
              expected={pool.expected}
              partial={partial}
              onFilter={onFilter}
            />
          </li>
        ))}
      </Gallery>
    );
  },
);
NodeHealthSummary.displayName = 'NodeHealthSummary';
