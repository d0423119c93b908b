import {
  Card,
  CardBody,
  CardTitle,
  Content,
  Gallery,
  PageSection,
  Title,
} from '@patternfly/react-core';
import { useExtensions } from '@openshift/dynamic-plugin-sdk';
import { isHrefNavItem } from '@openshift-console/dynamic-plugin-sdk/lib/extensions/navigation';
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { translateLabel } from '../i18n';
import { DocumentTitle } from '../sdk/components/DocumentTitle';
import { serverFlags } from '../server-flags';

/** Home → Overview: what this is, and where the plugin's pages are. */
export const Overview = () => {
  const { t } = useTranslation();
  const items = useExtensions<SDK.HrefNavItem>(isHrefNavItem);
  return (
    <>
      <DocumentTitle>Overview</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">Overview</Title>
        <Content component="p">
          A console shell for development: the built plugin {serverFlags.consolePlugins.join(', ')}{' '}
          loaded through its plugin manifest and module federation, against a simulated cluster of{' '}
          {serverFlags.dev.nodes + 3} nodes. The masthead switches the persona (admin or read-only),
          the AdditionalStorageConfig feature gate and the theme.
        </Content>
      </PageSection>
      <PageSection>
        <Gallery hasGutter minWidths={{ default: '18rem' }}>
          {items.map((e) => (
            <Card key={e.uid} isCompact>
              <CardTitle>
                <Link to={e.properties.href}>{translateLabel(e.properties.name, t)}</Link>
              </CardTitle>
              <CardBody>From plugin {e.pluginName}</CardBody>
            </Card>
          ))}
        </Gallery>
      </PageSection>
    </>
  );
};
