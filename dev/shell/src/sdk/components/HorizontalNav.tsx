/**
 * HorizontalNav: tabs for a page, each a nested route (`''` is the default tab), plus — as the
 * console adds them — the `console.tab/horizontalNav` extensions whose model matches the resource's
 * kind and the `console.tab` extensions of the given contextId.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import {
  isHorizontalNavTab,
  isTab,
} from '@openshift-console/dynamic-plugin-sdk/lib/extensions/horizontal-nav-tabs';
import { getGroupVersionKindForResource } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/k8s-ref';
import { Alert, PageSection, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import { usePluginStore } from '@openshift/dynamic-plugin-sdk';
import { type ComponentType, Suspense, useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { translateLabel } from '../../i18n';
import { pluginsSettled, subscribePluginProblems } from '../../plugins';
import { useResolvedExtensions } from '../extensions';
import { ErrorBoundary } from './ErrorBoundary';
import { Loading } from './Loading';

/** Extensions name the core API group `core` or leave it out; resources leave it out. */
const coreAsEmpty = (group?: string) => (!group || group === 'core' ? '' : group);

const NoSuchTab = ({ tab }: { tab: string }) => {
  useEffect(() => console.error(`404: this page has no tab "${tab}"`), [tab]);
  return (
    <PageSection>
      <Alert variant="danger" isInline title="404: Tab not found" data-test="shell-error">
        This page has no tab &quot;{tab}&quot;.
      </Alert>
    </PageSection>
  );
};

type Page = { href: string; name: string; component: ComponentType<SDK.PageComponentProps> };

export const HorizontalNav: typeof SDK.HorizontalNav = ({
  resource,
  pages,
  customData,
  contextId,
}) => {
  const { t } = useTranslation();
  const [navTabs, navResolved, navErrors] =
    useResolvedExtensions<SDK.HorizontalNavTab>(isHorizontalNavTab);
  const [contextTabs, contextResolved, contextErrors] = useResolvedExtensions<SDK.NavTab>(isTab);
  // Until plugins have loaded and their tabs resolved, an unknown tab may still be coming.
  const settled = useSyncExternalStore(subscribePluginProblems, pluginsSettled);
  const declared = usePluginStore()
    .getExtensions()
    .filter((e) => isHorizontalNavTab(e) || isTab(e));
  const waiting =
    !settled ||
    !navResolved ||
    !contextResolved ||
    ((navErrors as unknown[]).length === 0 &&
      (contextErrors as unknown[]).length === 0 &&
      declared.some((d) => ![...navTabs, ...contextTabs].some((r) => r.uid === d.uid)));
  const gvk = resource ? getGroupVersionKindForResource(resource) : undefined;
  // The page's route ends in `/*`; what the splat matched is the tab part of the URL.
  const rest = (useParams()['*'] ?? '').replace(/^\/+/, '');
  const { pathname } = useLocation();
  const base = pathname.slice(0, pathname.length - rest.length).replace(/\/+$/, '');
  const navigate = useNavigate();

  const all: Page[] = [
    ...pages.map((p) => ({
      href: p.path ?? p.href ?? '',
      name: p.name,
      component: p.component as Page['component'],
    })),
    ...navTabs
      .filter(
        (e) =>
          !!gvk &&
          e.properties.model.kind === gvk.kind &&
          coreAsEmpty(e.properties.model.group) === coreAsEmpty(gvk.group) &&
          (!e.properties.model.version || e.properties.model.version === gvk.version),
      )
      .map((e) => ({
        href: e.properties.page.href,
        name: e.properties.page.name,
        component: e.properties.component,
      })),
    ...contextTabs
      .filter((e) => contextId && e.properties.contextId === contextId)
      .map((e) => ({
        href: e.properties.href,
        name: e.properties.name,
        component: e.properties.component,
      })),
  ].map((p) => ({ ...p, href: p.href.replace(/^\/+|\/+$/g, '') }));

  const active =
    all.find((p) => p.href !== '' && (rest === p.href || rest.startsWith(`${p.href}/`))) ??
    all.find((p) => p.href === '');

  const element = (p: Page) => {
    const Component = p.component;
    return (
      <ErrorBoundary title={`The "${translateLabel(p.name, t)}" tab failed`}>
        <Suspense fallback={<Loading />}>
          <Component obj={resource} customData={customData} />
        </Suspense>
      </ErrorBoundary>
    );
  };

  return (
    <>
      <PageSection className="co-horizontal-nav">
        {/* As the console's NavBar: links in a nav, and no aria-controls, since no tab panel
            on the page belongs to a tab. */}
        <Tabs
          activeKey={active?.href ?? ''}
          component="nav"
          aria-label="Resource tabs"
          className="co-horizontal-nav__tabs"
        >
          {all.map((p) => {
            const to = p.href ? `${base}/${p.href}` : base;
            return (
              <Tab
                key={p.href || '(default)'}
                eventKey={p.href}
                href={to}
                onClick={(e) => {
                  e.preventDefault();
                  void navigate(to);
                }}
                title={<TabTitleText>{translateLabel(p.name, t)}</TabTitleText>}
                data-test-id={`horizontal-link-${p.name}`}
                aria-controls={undefined}
              />
            );
          })}
        </Tabs>
      </PageSection>
      <Routes>
        {all.map((p) =>
          p.href === '' ? (
            <Route key="(default)" index element={element(p)} />
          ) : (
            <Route key={p.href} path={`${p.href}/*`} element={element(p)} />
          ),
        )}
        <Route path="*" element={waiting ? <Loading /> : <NoSuchTab tab={rest} />} />
      </Routes>
    </>
  );
};
