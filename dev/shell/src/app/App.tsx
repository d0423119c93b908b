import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { isRoutePage } from '@openshift-console/dynamic-plugin-sdk/lib/extensions/pages';
import { Alert, Page, PageSection, PageSidebar, PageSidebarBody } from '@patternfly/react-core';
import {
  PluginStoreProvider,
  usePluginStore,
  type PluginStore,
} from '@openshift/dynamic-plugin-sdk';
import { Suspense, useEffect, useSyncExternalStore, type ComponentType } from 'react';
import { Provider as ReduxProvider } from 'react-redux';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { applyMiddleware, combineReducers, legacy_createStore as createStore } from 'redux';
import { thunk } from 'redux-thunk';
import { pluginsSettled, reportPluginProblem, subscribePluginProblems } from '../plugins';
import { ErrorBoundary } from '../sdk/components/ErrorBoundary';
import { Loading } from '../sdk/components/Loading';
import { useResolvedExtensions } from '../sdk/extensions';
import { CreateFromYaml } from './CreateFromYaml';
import { FeatureFlags } from './FeatureFlags';
import { Overview } from './Overview';
import { PluginErrors } from './PluginErrors';
import { ResourceDetailsPage, ResourceListPage } from './ResourcePages';
import { ShellMasthead } from './ShellMasthead';
import { ShellNav } from './ShellNav';

/** The console's redux store exists for plugins that use react-redux; the shell keeps nothing in it. */
const reduxStore = createStore(
  combineReducers({ plugins: (state: Record<string, unknown> = {}) => state }),
  applyMiddleware(thunk),
);

const NotFound = ({ waiting }: { waiting: boolean }) => {
  const { pathname } = useLocation();
  useEffect(() => {
    if (!waiting) console.error(`404: no console page or plugin route matches ${pathname}`);
  }, [waiting, pathname]);
  if (waiting) return <Loading />;
  return (
    <PageSection>
      <Alert variant="danger" isInline title="404: Page not found" data-test="shell-error">
        No console page or plugin route matches {pathname}.
      </Alert>
    </PageSection>
  );
};

const PluginRoute = ({
  component: Component,
  pluginName,
}: {
  component: ComponentType;
  pluginName: string;
}) => (
  <ErrorBoundary title={`A page of plugin ${pluginName} crashed`}>
    <Suspense fallback={<Loading />}>
      <Component />
    </Suspense>
  </ErrorBoundary>
);

const ShellRoutes = () => {
  const [routes, resolved, errors] = useResolvedExtensions<SDK.RoutePage>(isRoutePage);
  // Read from the store at render time: hooks subscribed to it may not have caught up yet.
  const declared = usePluginStore().getExtensions().filter(isRoutePage);
  const settled = useSyncExternalStore(subscribePluginProblems, pluginsSettled);
  // "Not found" only once every plugin has loaded and every declared route is resolved (or failed).
  const waiting =
    !settled ||
    !resolved ||
    ((errors as unknown[]).length === 0 &&
      declared.some((d) => !routes.some((r) => r.uid === d.uid)));
  useEffect(() => {
    (errors as unknown[]).forEach((e) =>
      reportPluginProblem({
        plugin: '(route)',
        message: 'a console.page/route component could not be loaded',
        cause: String(e),
      }),
    );
  }, [errors]);
  const pluginRoutes = routes
    .filter((e) => !e.properties.perspective || e.properties.perspective === 'admin')
    .flatMap((e) =>
      (Array.isArray(e.properties.path) ? e.properties.path : [e.properties.path]).map((path) => (
        <Route
          key={`${e.uid}:${path}`}
          path={e.properties.exact ? path : `${path.replace(/\/$/, '')}/*`}
          element={<PluginRoute component={e.properties.component} pluginName={e.pluginName} />}
        />
      )),
    );
  return (
    <Routes>
      <Route path="/" element={<Overview />} />
      <Route path="/k8s/cluster/:ref" element={<ResourceListPage />} />
      <Route path="/k8s/cluster/:ref/~new" element={<CreateFromYaml />} />
      <Route path="/k8s/cluster/:ref/:name/*" element={<ResourceDetailsPage />} />
      {pluginRoutes}
      <Route path="*" element={<NotFound waiting={waiting} />} />
    </Routes>
  );
};

export const App = ({ store }: { store: PluginStore }) => (
  <PluginStoreProvider store={store}>
    <ReduxProvider store={reduxStore}>
      <BrowserRouter>
        <FeatureFlags store={store} />
        <Page
          masthead={<ShellMasthead />}
          sidebar={
            <PageSidebar>
              <PageSidebarBody>
                <ShellNav />
              </PageSidebarBody>
            </PageSidebar>
          }
          isManagedSidebar
          mainContainerId="content"
        >
          <PluginErrors />
          <ErrorBoundary title="The page crashed">
            <Suspense fallback={<Loading />}>
              <ShellRoutes />
            </Suspense>
          </ErrorBoundary>
        </Page>
      </BrowserRouter>
    </ReduxProvider>
  </PluginStoreProvider>
);
