import { Skeleton } from '@patternfly/react-core';
import { lazy, Suspense } from 'react';
import type { DashboardSnapshot } from '../../core/dashboard/types';
import { useLazyPullTranslation } from '../shared/i18n';

/**
 * The pull-time section loads as a chunk of its own after the page has rendered: the page shows
 * its own content first and its first download stays within its goal.
 */
const PullTimesSection = lazy(() =>
  import('./PullTimesSection').then((m) => ({ default: m.PullTimesSection })),
);
const PoolsPullTimes = lazy(() => import('./PoolsPullTimes'));

const Loading = () => {
  const { t } = useLazyPullTranslation();
  return <Skeleton height="6rem" screenreaderText={t('Loading pull times')} />;
};

export const LazyPullTimesSection = ({ snapshot }: { snapshot: DashboardSnapshot }) => (
  <Suspense fallback={<Loading />}>
    <PullTimesSection snapshot={snapshot} />
  </Suspense>
);

export const LazyPoolsPullTimes = () => (
  <Suspense fallback={<Loading />}>
    <PoolsPullTimes />
  </Suspense>
);
