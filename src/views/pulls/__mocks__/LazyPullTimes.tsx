/**
 * The pull-time sections without their lazy chunk's Suspense boundary, whose loading would
 * resolve outside act() in page tests (`jest.mock('…/pulls/LazyPullTimes')`); the components are
 * the real ones.
 */
export { PullTimesSection as LazyPullTimesSection } from '../PullTimesSection';
export { default as LazyPoolsPullTimes } from '../PoolsPullTimes';
