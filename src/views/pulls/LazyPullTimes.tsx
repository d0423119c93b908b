import type { ReactNode } from 'react';
import type { DashboardSnapshot } from '../../core/dashboard/types';
import { useLazyPullTranslation } from '../shared/i18n';
import { LazyPart } from '../shared/LazyPart';

/**
 * The pull-time section loads as a chunk of its own after the page has rendered: the page shows
 * its own content first and its first download stays within its goal. A failed download says so
 * and is tried again, as the editor's parts are.
 */
const loadSection = () => import('./PullTimesSection');
const loadPoolsSection = () => import('./PoolsPullTimes');

/** Either pull-time chunk, with the same loading and failure texts. */
const PullTimesPart = <M,>({
  load,
  children,
}: {
  load: () => Promise<M>;
  children: (module: M) => ReactNode;
}) => {
  const { t } = useLazyPullTranslation();
  return (
    <LazyPart
      load={load}
      loadingLabel={t('Loading pull times')}
      failedTitle={t('Pull times could not be loaded')}
    >
      {children}
    </LazyPart>
  );
};

export const LazyPullTimesSection = ({ snapshot }: { snapshot: DashboardSnapshot }) => (
  <PullTimesPart load={loadSection}>
    {({ PullTimesSection }) => <PullTimesSection snapshot={snapshot} />}
  </PullTimesPart>
);

export const LazyPoolsPullTimes = () => (
  <PullTimesPart load={loadPoolsSection}>
    {({ default: PoolsPullTimes }) => <PoolsPullTimes />}
  </PullTimesPart>
);
