import { useNodeHealthDashboard } from '../nodes/useNodeHealthDashboard';
import { PullTimesSection } from './PullTimesSection';

/**
 * Pull times on the pools overview, which has no node dashboard of its own: the nodes (metadata
 * only) are watched here, in the same chunk, so the overview's own download stays as it was.
 */
const PoolsPullTimes = () => {
  const { snapshot } = useNodeHealthDashboard();
  return <PullTimesSection snapshot={snapshot} />;
};

export default PoolsPullTimes;
