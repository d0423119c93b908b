import { Content, PageSection, Tab, Tabs, TabTitleText, Title } from '@patternfly/react-core';
import { memo, type MouseEvent } from 'react';
import { useHref, useLocation, useNavigate } from 'react-router';
import { useLazyPullTranslation } from './i18n';

export const POOLS_PATH = '/lazy-pull';
export const NODES_PATH = '/lazy-pull/nodes';

/**
 * The heading and tabs shared by the plugin's pages: pool configuration and node health are two
 * views of one feature, so they live under one nav item and switch by tab (and by URL).
 *
 * The tabs are links, as the console's own page tabs are: each goes to a page, and no tab panel
 * on this page belongs to a tab, so none names one in aria-controls. Memoized: it has no props,
 * and the node page renders again on every batch of node updates, where PatternFly's Tabs would
 * measure themselves each time.
 */
export const LazyPullHeader = memo(() => {
  const { t } = useLazyPullTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const active = pathname.startsWith(NODES_PATH) ? NODES_PATH : POOLS_PATH;
  const hrefs = { [POOLS_PATH]: useHref(POOLS_PATH), [NODES_PATH]: useHref(NODES_PATH) };
  const tab = (path: typeof POOLS_PATH | typeof NODES_PATH, title: string) => (
    <Tab
      eventKey={path}
      href={hrefs[path]}
      onClick={(e: MouseEvent) => {
        e.preventDefault();
        void navigate(path);
      }}
      title={<TabTitleText>{title}</TabTitleText>}
      aria-controls={undefined}
    />
  );
  return (
    <PageSection>
      <Title headingLevel="h1">{t('Lazy image pulling')}</Title>
      <Content component="p">
        {t(
          'Containers start before their whole image is pulled: CRI-O asks a storage plugin such as stargz-store for layers and fetches the rest on demand.',
        )}
      </Content>
      <Tabs activeKey={active} component="nav" aria-label={t('Lazy image pulling views')}>
        {tab(POOLS_PATH, t('Machine config pools'))}
        {tab(NODES_PATH, t('Node health'))}
      </Tabs>
    </PageSection>
  );
});
LazyPullHeader.displayName = 'LazyPullHeader';
