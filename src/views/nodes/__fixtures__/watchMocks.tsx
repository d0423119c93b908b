/**
 * Test support: programs the SDK mock's useK8sWatchResource with a cluster, and renders a
 * component inside a router whose location the test can read.
 */
import {
  consoleFetchJSON,
  useK8sWatchResource,
  type K8sResourceCommon,
} from '@openshift-console/dynamic-plugin-sdk';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { mockPullEvents, type WatchedEvents } from '../../pulls/__fixtures__/eventWatches';

export interface WatchedCluster {
  nodes?: K8sResourceCommon[];
  pools?: K8sResourceCommon[];
  configs?: K8sResourceCommon[];
  /** Per kind: [loaded, error]. Defaults to loaded without error ('' as the console says it). */
  status?: Partial<
    Record<'Node' | 'MachineConfigPool' | 'ContainerRuntimeConfig', [boolean, unknown]>
  >;
  /** How many nodes the API server says there are (default: as many as `nodes`). */
  nodeTotal?: number;
  /** The kubelet's image events the pull-time watches select from. */
  pullEvents?: WatchedEvents;
}

/** Each watch, by kind, answers from `cluster`; the same arrays every call, as the SDK does. */
export const mockCluster = (cluster: WatchedCluster): void => {
  mockPullEvents(cluster.pullEvents);
  const data: Record<string, K8sResourceCommon[]> = {
    Node: cluster.nodes ?? [],
    MachineConfigPool: cluster.pools ?? [],
    ContainerRuntimeConfig: cluster.configs ?? [],
  };
  jest.mocked(useK8sWatchResource).mockImplementation(((
    resource: { groupVersionKind?: { kind: string } } | null,
  ) => {
    const kind = resource?.groupVersionKind?.kind ?? '';
    const [loaded, error] = cluster.status?.[
      kind as keyof NonNullable<WatchedCluster['status']>
    ] ?? [true, ''];
    return [loaded ? (data[kind] ?? []) : [], loaded, error];
  }) as unknown as typeof useK8sWatchResource);
  // A one-item page of the node list, as the API server cuts a list short: a continue token
  // and how many items remain.
  const total = cluster.nodeTotal ?? data.Node.length;
  jest.mocked(consoleFetchJSON).mockImplementation((url: string) => {
    if (!url.startsWith('/api/kubernetes/api/v1/nodes?limit=1'))
      return Promise.reject(new Error(`unexpected request ${url}`));
    const items = data.Node.slice(0, Math.min(1, total));
    return Promise.resolve({
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata:
        total > 1 ? { resourceVersion: '1', continue: 'next', remainingItemCount: total - 1 } : {},
      items,
    });
  });
};

/** Shows the router's current query, so tests can check what the URL holds. */
const LocationProbe = () => {
  const { search } = useLocation();
  return <output data-testid="location-search">{search}</output>;
};

export const locationSearch = (container: HTMLElement): URLSearchParams =>
  new URLSearchParams(
    container.querySelector('[data-testid="location-search"]')?.textContent ?? '',
  );

/** The element inside a router at `url`; give it to rerender() to update the same tree. */
export const inRouter = (element: ReactElement, url = '/lazy-pull/nodes') => (
  <MemoryRouter initialEntries={[url]}>
    <Routes>
      <Route
        path="*"
        element={
          <>
            {element}
            <LocationProbe />
          </>
        }
      />
    </Routes>
  </MemoryRouter>
);

export const renderAt = (element: ReactElement, url = '/lazy-pull/nodes') =>
  render(inRouter(element, url));
