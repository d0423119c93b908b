/** ListPageHeader: the console's page heading (h1 title, badge, primary action, help text and alert). */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { Content, Flex, FlexItem, PageSection, Title } from '@patternfly/react-core';

export const ListPageHeader: typeof SDK.ListPageHeader = ({
  title,
  badge,
  children,
  helpText,
  helpAlert,
}) => (
  <PageSection className="co-m-nav-title">
    {title && (
      <Flex
        justifyContent={{ default: 'justifyContentSpaceBetween' }}
        alignItems={{ default: 'alignItemsCenter' }}
      >
        <FlexItem>
          <Title headingLevel="h1" data-test="page-heading">
            {title}
            {badge && <span className="co-m-pane__heading-badge">{badge}</span>}
          </Title>
        </FlexItem>
        {children && <FlexItem>{children}</FlexItem>}
      </Flex>
    )}
    {!title && children}
    {helpText && (
      <Content component="p" className="co-m-pane__help-text">
        {helpText}
      </Content>
    )}
    {helpAlert && <div className="co-m-pane__help-alert">{helpAlert}</div>}
  </PageSection>
);
