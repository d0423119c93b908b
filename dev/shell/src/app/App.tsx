import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { isRoutePage } from '@openshift-console/dynamic-plugin-sdk/lib/extensions/pages';
import { Alert, Page, PageSection, PageSidebar, PageSidebarBody } from '@patternfly/react-core';
import {
  PluginStoreProvider,
  useExtensions,
  usePluginStore,
  type LoadedExtension,
  type PluginStore,
} from '@openshift/dynamic-plugin-sdk';
import { lazy, Suspense, useEffect, useSyncExternalStore, type ComponentType } from 'react';
import { Provider as ReduxProvider } from 'react-redux';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { applyMiddleware, combineReducers, legacy_createStore as createStore } from 'redux';
import { thunk } from 'redux-thunk';
import { pluginsSettled, reportPluginProblem, subscribePluginProblems } from '../plugins';
import { ErrorBoundary } from '../sdk/components/ErrorBoundary';
import { Loading } from '../sdk/components/Loading';
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

/** A route's component, loaded when the route is first shown (the console's AsyncComponent). */
const lazyComponents = new Map<string, ComponentType>();
const lazyComponent = (e: LoadedExtension<SDK.RoutePage>): ComponentType => {
  let component = lazyComponents.get(e.uid);
  if (!component) {
    const codeRef = e.properties.component as unknown as () => Promise<ComponentType>;
    component = lazy(() =>
      codeRef().then(
        (loaded) => ({ default: loaded }),
        (error: unknown) => {
          reportPluginProblem({
            plugin: e.pluginName,
            message: 'a console.page/route component could not be loaded',
            cause: String(error),
          });
          throw error;
        },
      ),
    );
    lazyComponents.set(e.uid, component);
  }
  return component;
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

/**
 * Plugin routes as the console declares them: from the extensions as declared, each component
 * loaded only when its route is shown, so a page downloads its own module and not every page's.
 */
const ShellRoutes = () => {
  // Subscribes to the store; the routes are read from it at render time, since the hook may not
  // have caught up with a plugin that has just loaded.
  useExtensions<SDK.RoutePage>(isRoutePage);
  const routes = usePluginStore()
    .getExtensions()
    .filter((e): e is LoadedExtension<SDK.RoutePage> => isRoutePage(e));
  const settled = useSyncExternalStore(subscribePluginProblems, pluginsSettled);
  // "Not found" only once every plugin has loaded (or failed).
  const waiting = !settled;
  const pluginRoutes = routes
    .filter((e) => !e.properties.perspective || e.properties.perspective === 'admin')
    .flatMap((e) =>
      (Array.isArray(e.properties.path) ? e.properties.path : [e.properties.path]).map((path) => (
        <Route
          key={`${e.uid}:${path}`}
          path={e.properties.exact ? path : `${path.replace(/\/$/, '')}/*`}
          element={<PluginRoute component={lazyComponent(e)} pluginName={e.pluginName} />}
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
