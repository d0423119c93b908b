import { Content, PageSection, Tab, Tabs, TabTitleText, Title } from '@patternfly/react-core';
import { useLocation, useNavigate } from 'react-router';
import { useLazyPullTranslation } from './i18n';

export const POOLS_PATH = '/lazy-pull';
export const NODES_PATH = '/lazy-pull/nodes';

/**
 * The heading and tabs shared by the plugin's pages: pool configuration and node health are two
 * views of one feature, so they live under one nav item and switch by tab (and by URL).
 */
export const LazyPullHeader = () => {
  const { t } = useLazyPullTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const active = pathname.startsWith(NODES_PATH) ? NODES_PATH : POOLS_PATH;
  return (
    <PageSection>
      <Title headingLevel="h1">{t('Lazy image pulling')}</Title>
      <Content component="p">
        {t(
          'Containers start before their whole image is pulled: CRI-O asks a storage plugin such as stargz-store for layers and fetches the rest on demand.',
        )}
      </Content>
      <Tabs
        activeKey={active}
        onSelect={(_e, key) => void navigate(String(key))}
        aria-label={t('Lazy image pulling views')}
        mountOnEnter
      >
        <Tab
          eventKey={POOLS_PATH}
          title={<TabTitleText>{t('Machine config pools')}</TabTitleText>}
        />
        <Tab eventKey={NODES_PATH} title={<TabTitleText>{t('Node health')}</TabTitleText>} />
      </Tabs>
    </PageSection>
  );
};
