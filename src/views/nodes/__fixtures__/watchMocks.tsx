/**
 * Test support: programs the SDK mock's useK8sWatchResource with a cluster, and renders a
 * component inside a router whose location the test can read.
 */
import { useK8sWatchResource, type K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { act, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { mockPullEvents, type WatchedEvents } from '../../pulls/__fixtures__/eventWatches';
import { mockNodeList, type NodeListServer } from '../../shared/__fixtures__/nodeListServer';

export interface WatchedCluster {
  nodes?: K8sResourceCommon[];
  pools?: K8sResourceCommon[];
  configs?: K8sResourceCommon[];
  /** Per kind: [loaded, error]. Defaults to loaded without error ('' as the console says it). */
  status?: Partial<
    Record<'Node' | 'MachineConfigPool' | 'ContainerRuntimeConfig', [boolean, unknown]>
  >;
  /**
   * How many nodes the API server has (default: as many as `nodes`). More than `nodes`: the list's
   * first page holds `nodes` and the next page does not come; null: the server does not say how
   * many remain.
   */
  nodeTotal?: number | null;
  /** The kubelet's image events the pull-time watches select from. */
  pullEvents?: WatchedEvents;
}

/**
 * Each watch, by kind, answers from `cluster`: the console's watches (pools, configurations) the
 * same arrays every call, as the SDK does; the node list through consoleFetch, as the API server.
 */
export const mockCluster = (cluster: WatchedCluster): NodeListServer => {
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
  const [nodesLoaded, nodesError] = cluster.status?.Node ?? [true, ''];
  return mockNodeList({
    nodes: data.Node,
    total: cluster.nodeTotal,
    listError: !nodesLoaded && nodesError !== '' ? nodesError : undefined,
    watchError: nodesLoaded && nodesError !== '' ? nodesError : undefined,
    answer: nodesLoaded || nodesError !== '',
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

/**
 * renderAt, then lets the node list's answers arrive (they are promises, as the API server's
 * are): what a user sees once the first page has loaded.
 */
export const renderLoaded = async (element: ReactElement, url = '/lazy-pull/nodes') => {
  const result = renderAt(element, url);
  await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  return result;
};
