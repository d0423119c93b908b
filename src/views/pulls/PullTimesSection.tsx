import {
  Alert,
  Card,
  CardBody,
  CardTitle,
  Content,
  EmptyState,
  EmptyStateBody,
  ExpandableSection,
  Gallery,
  List,
  ListItem,
  Skeleton,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { TFunction } from 'i18next';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { readApiFailure } from '../../core/apiFailure';
import type { DashboardSnapshot } from '../../core/dashboard/types';
import {
  type PoolPulls,
  type PullSummary,
  type SideStats,
  createPullSummarizer,
} from '../../core/pulls/pullComparison';
import { createImageEventReader } from '../../core/pulls/pullEvents';
import { useLazyPullTranslation } from '../shared/i18n';
import { injectStyles } from '../shared/styles';
import { type ChartSide, PullTimesChart } from './PullTimesChart';
import { formatPullTime, formatRate, formatUnreadable, formatWindow } from './pullFormat';
import styles from './pulls.css';
import { usePullEvents } from './usePullEvents';

injectStyles(styles);

/** The guide, served with the plugin's files (the console proxies them under /api/plugins/). */
export const PULL_TIMES_GUIDE = '/api/plugins/lazy-pull-console-plugin/docs/pull-times.txt';

const errorText = (error: unknown): string => {
  const failure = readApiFailure(error);
  return failure.code !== undefined ? `${failure.code}: ${failure.message}` : failure.message;
};

/** The sentence that says it all for a pool, as the chart's accessible name too. */
const poolSentence = (
  t: TFunction,
  time: (ms: number) => string,
  pool: PoolPulls,
  window: string,
): string => {
  const count = pool.images;
  const { lazy, full } = pool;
  if (lazy.p50Ms !== null && full.p50Ms !== null)
    return t(
      'Pool {{pool}}: median pull {{lazy}} with lazy pulling, {{full}} without ({{count}} images, last {{window}})',
      { pool: pool.pool, lazy: time(lazy.p50Ms), full: time(full.p50Ms), count, window },
    );
  if (lazy.p50Ms !== null)
    return t(
      'Pool {{pool}}: median pull {{lazy}} with lazy pulling ({{count}} images, last {{window}}); no pull without it to compare',
      { pool: pool.pool, lazy: time(lazy.p50Ms), count, window },
    );
  if (full.p50Ms !== null)
    return t(
      'Pool {{pool}}: median pull {{full}} without lazy pulling ({{count}} images, last {{window}}); no lazy pull to compare',
      { pool: pool.pool, full: time(full.p50Ms), count, window },
    );
  return t('Pool {{pool}}: no pull whose way (lazy or full) can be told in the last {{window}}', {
    pool: pool.pool,
    window,
  });
};

/** How the section writes durations and rates, in the user's language. */
interface Formats {
  time: (ms: number) => string;
  rate: (bps: number) => string;
}

const SideRow = ({ label, stats, time, rate }: { label: string; stats: SideStats } & Formats) => {
  const { t } = useLazyPullTranslation();
  const none = t('None');
  return (
    <Tr>
      <Th scope="row">{label}</Th>
      <Td dataLabel={t('Pulls')}>{stats.pulls}</Td>
      <Td dataLabel={t('Median')}>{stats.p50Ms === null ? none : time(stats.p50Ms)}</Td>
      <Td dataLabel={t('90th percentile')}>{stats.p90Ms === null ? none : time(stats.p90Ms)}</Td>
      <Td dataLabel={t('Median rate')}>
        {stats.p50BytesPerSecond === null ? none : rate(stats.p50BytesPerSecond)}
      </Td>
    </Tr>
  );
};

const PoolPullCard = ({
  pool,
  window,
  time,
  rate,
}: { pool: PoolPulls; window: string } & Formats) => {
  const { t } = useLazyPullTranslation();
  const sentenceId = useId();
  const sides: ChartSide[] = [
    { key: 'lazy', label: t('Lazy'), stats: pool.lazy },
    { key: 'full', label: t('Full'), stats: pool.full },
  ];
  const notes = [
    pool.unknownSide > 0 &&
      t(
        '{{count}} pulls on nodes whose way cannot be told (no working report, a rollout, or before a restart)',
        { count: pool.unknownSide },
      ),
    pool.failed > 0 && t('{{count}} failed pulls', { count: pool.failed }),
    pool.backoff > 0 && t('{{count}} back-offs', { count: pool.backoff }),
    pool.present > 0 &&
      t('{{count}} images already present (no pull, not counted)', { count: pool.present }),
  ].filter((n): n is string => typeof n === 'string');
  const charted = sides.some((s) => s.stats.p50Ms !== null);
  return (
    <Card isCompact data-pool={pool.pool}>
      <CardTitle>
        <Title headingLevel="h3" size="md">
          {t('Pool {{pool}}', { pool: pool.pool })}
        </Title>
      </CardTitle>
      <CardBody>
        <Stack hasGutter>
          <StackItem>
            <Content component="p" id={sentenceId}>
              {poolSentence(t, time, pool, window)}
            </Content>
          </StackItem>
          {charted && (
            <StackItem>
              <PullTimesChart sides={sides} format={time} labelledBy={sentenceId} />
            </StackItem>
          )}
          {charted && (
            <StackItem>
              <Table
                variant="compact"
                aria-label={t('Pull times of pool {{pool}}', { pool: pool.pool })}
              >
                <Thead>
                  <Tr>
                    <Th screenReaderText={t('Way of pulling')} />
                    <Th modifier="wrap">{t('Pulls')}</Th>
                    <Th modifier="wrap">{t('Median')}</Th>
                    <Th modifier="wrap">{t('90th percentile')}</Th>
                    <Th modifier="wrap">{t('Median rate')}</Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {sides.map((s) => (
                    <SideRow key={s.key} label={s.label} stats={s.stats} time={time} rate={rate} />
                  ))}
                </Tbody>
              </Table>
            </StackItem>
          )}
          {notes.length > 0 && (
            <StackItem>
              <Content component="small">{notes.join(' · ')}</Content>
            </StackItem>
          )}
        </Stack>
      </CardBody>
    </Card>
  );
};

const SameImageCard = ({
  summary,
  time,
}: {
  summary: PullSummary;
  time: (ms: number) => string;
}) => {
  const { t } = useLazyPullTranslation();
  return (
    <Card isCompact data-testid="same-image">
      <CardTitle>
        <Title headingLevel="h3" size="md">
          {t('The same image, pulled both ways')}
        </Title>
      </CardTitle>
      <CardBody>
        <Table variant="compact" aria-label={t('Images pulled both lazily and in full')}>
          <Thead>
            <Tr>
              <Th>{t('Image')}</Th>
              <Th modifier="wrap">{t('Lazy (median)')}</Th>
              <Th modifier="wrap">{t('Full (median)')}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {summary.sameImage.map((s) => (
              <Tr key={s.image}>
                <Td dataLabel={t('Image')} className="lazy-pull-pull-times__image">
                  {s.image}
                </Td>
                <Td dataLabel={t('Lazy (median)')}>
                  {t('{{time}} ({{count}} pulls)', {
                    time: time(s.lazy.p50Ms),
                    count: s.lazy.pulls,
                  })}
                </Td>
                <Td dataLabel={t('Full (median)')}>
                  {t('{{time}} ({{count}} pulls)', {
                    time: time(s.full.p50Ms),
                    count: s.full.pulls,
                  })}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </CardBody>
    </Card>
  );
};

interface PullTimesSectionProps {
  snapshot: DashboardSnapshot;
  /** Show these pools only (the pools overview shows every pool, in its own order). */
  pools?: readonly string[];
}

/**
 * Does lazy pulling pay off? Pull times per pool, lazy against full, from the kubelet's own
 * events, with what they cannot tell.
 */
export const PullTimesSection = ({ snapshot, pools }: PullTimesSectionProps) => {
  const { t, i18n } = useLazyPullTranslation();
  const watched = usePullEvents();
  // The section is never urgent: React renders its updates in the background, in slices it can
  // interrupt, so a new event or a batch of heartbeats never holds up typing or the node table.
  const events = useDeferredValue(watched.events);
  const now = useDeferredValue(snapshot);
  const { settled, error } = watched;
  const [read] = useState(createImageEventReader);
  const [summarize] = useState(createPullSummarizer);
  const facts = useMemo(() => events.map(read), [events, read]);
  // A new snapshot comes with every batch of node heartbeats; the summary is made again only
  // when the events or a node's pool or way of pulling changed.
  const summary = useMemo(() => summarize(facts, now), [summarize, facts, now]);
  const language = i18n.language;
  const windowText = summary.window
    ? formatWindow(t, language, now.now - summary.window.fromMs)
    : '';
  const noEvents = events.length === 0;

  // Rendered again only when what it shows changed, not at every batch of heartbeats (the
  // summary stays the same object while no node moved between pools or ways of pulling).
  return useMemo(() => {
    const time = (ms: number) => formatPullTime(t, language, ms);
    const rate = (bps: number) => formatRate(language, bps);
    const shownPools = pools ? summary.pools.filter((p) => pools.includes(p.pool)) : summary.pools;
    const unknownNode = t('unknown node');

    const body = () => {
      if (error !== undefined && noEvents) {
        if (readApiFailure(error).code === 403)
          return (
            <Alert variant="info" isInline title={t('Pull times need permission to read events')}>
              {t(
                'Pull times come from the events the kubelets write, and your roles do not let you list events across the cluster. {{error}}',
                { error: errorText(error) },
              )}
            </Alert>
          );
        return (
          <Alert variant="danger" isInline title={t('Events could not be read')}>
            {errorText(error)}
          </Alert>
        );
      }
      if (!settled && noEvents)
        return <Skeleton height="6rem" screenreaderText={t('Loading pull events')} />;
      if (shownPools.length === 0)
        return (
          <EmptyState headingLevel="h3" titleText={t('No image pulls in the events')} variant="xs">
            <EmptyStateBody>
              {t(
                'The cluster keeps events for a few hours (three by default on OpenShift), and the kubelets have recorded no image pull in them. Pull times appear as soon as pods pull images.',
              )}
            </EmptyStateBody>
          </EmptyState>
        );
      return (
        <Stack hasGutter>
          <StackItem>
            <Gallery hasGutter minWidths={{ default: '100%', lg: '28rem' }}>
              {shownPools.map((pool) => (
                <PoolPullCard
                  key={pool.pool}
                  pool={pool}
                  window={windowText}
                  time={time}
                  rate={rate}
                />
              ))}
              {summary.sameImage.length > 0 && <SameImageCard summary={summary} time={time} />}
            </Gallery>
          </StackItem>
          {summary.unreadable > 0 && (
            <StackItem>
              <ExpandableSection
                toggleText={t('{{count}} events could not be read', { count: summary.unreadable })}
              >
                <List isPlain>
                  {summary.unreadableExamples.map((u, i) => (
                    // The examples are a fixed list read once; the index names each.
                    <ListItem key={i}>
                      {t('{{node}}, {{reason}}: "{{message}}" ({{problem}})', {
                        node: u.node ?? unknownNode,
                        reason: u.reason,
                        message: u.message,
                        problem: formatUnreadable(t, u.problem),
                      })}
                    </ListItem>
                  ))}
                </List>
              </ExpandableSection>
            </StackItem>
          )}
        </Stack>
      );
    };

    return (
      <section aria-labelledby="lazy-pull-pull-times-title">
        <Stack hasGutter>
          <StackItem>
            <Title headingLevel="h2" id="lazy-pull-pull-times-title">
              {t('Pull times')}
            </Title>
            <Content component="p">
              {summary.window
                ? t(
                    "From the kubelets' events of the last {{window}}: how long the pull itself took, on nodes with and without a working layer store.",
                    { window: windowText },
                  )
                : t(
                    "From the kubelets' events: how long the pull itself took, on nodes with and without a working layer store.",
                  )}{' '}
              {t(
                'With lazy pulling, layers are fetched while the container runs, so the pull is not the whole story.',
              )}{' '}
              <a href={PULL_TIMES_GUIDE} target="_blank" rel="noopener noreferrer">
                {t('How to read pull times')}
              </a>
            </Content>
          </StackItem>
          <StackItem>{body()}</StackItem>
        </Stack>
      </section>
    );
  }, [t, language, summary, pools, windowText, noEvents, settled, error]);
};
