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

export const LazyPullTimesSection = ({ snapshot }: { snapshot: DashboardSnapshot }) => {
  const { t } = useLazyPullTranslation();
  return (
    <LazyPart
      load={loadSection}
      loadingLabel={t('Loading pull times')}
      failedTitle={t('Pull times could not be loaded')}
    >
      {({ PullTimesSection }) => <PullTimesSection snapshot={snapshot} />}
    </LazyPart>
  );
};

export const LazyPoolsPullTimes = () => {
  const { t } = useLazyPullTranslation();
  return (
    <LazyPart
      load={loadPoolsSection}
      loadingLabel={t('Loading pull times')}
      failedTitle={t('Pull times could not be loaded')}
    >
      {({ default: PoolsPullTimes }) => <PoolsPullTimes />}
    </LazyPart>
  );
};
