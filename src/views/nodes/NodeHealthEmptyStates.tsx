import {
  Button,
  ClipboardCopy,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { CubesIcon } from '@patternfly/react-icons/dist/dynamic/icons/cubes-icon';
import { SearchIcon } from '@patternfly/react-icons/dist/dynamic/icons/search-icon';
import { ServerIcon } from '@patternfly/react-icons/dist/dynamic/icons/server-icon';
import { Link } from 'react-router';
import { useLazyPullTranslation } from '../shared/i18n';
import { POOLS_PATH } from '../shared/LazyPullHeader';
import { AGENT_DEPLOY_COMMAND } from './NodeHealthDetail';

const DeployAgent = () => {
  const { t } = useLazyPullTranslation();
  return (
    <ClipboardCopy isReadOnly hoverTip={t('Copy')} clickTip={t('Copied')}>
      {AGENT_DEPLOY_COMMAND}
    </ClipboardCopy>
  );
};

/** Nothing asks for a layer store: lazy pulling is off everywhere. */
export const NoLayerStoresEmptyState = ({ agentMissing }: { agentMissing: boolean }) => {
  const { t } = useLazyPullTranslation();
  return (
    <EmptyState titleText={t('No layer store is configured')} headingLevel="h2" icon={CubesIcon}>
      <EmptyStateBody>
        <Stack hasGutter>
          <StackItem>
            {t(
              'Lazy pulling needs an additional layer store, such as stargz-store, on the nodes of a MachineConfigPool. No ContainerRuntimeConfig asks for one, and no node reports one.',
            )}
          </StackItem>
          {agentMissing && (
            <StackItem>
              {t(
                'To see each node’s storage plugin here once it is configured, deploy the node agent with this command.',
              )}
              <DeployAgent />
            </StackItem>
          )}
        </Stack>
      </EmptyStateBody>
      <EmptyStateFooter>
        <EmptyStateActions>
          <Button
            variant="primary"
            component={(props: object) => <Link {...props} to={POOLS_PATH} />}
          >
            {t('Configure a pool')}
          </Button>
        </EmptyStateActions>
      </EmptyStateFooter>
    </EmptyState>
  );
};

/** Layer stores are configured, but no node has an agent report. */
export const NoReportsEmptyState = () => {
  const { t } = useLazyPullTranslation();
  return (
    <EmptyState titleText={t('No node reports yet')} headingLevel="h2" icon={ServerIcon}>
      <EmptyStateBody>
        <Stack hasGutter>
          <StackItem>
            {t(
              'Nothing in OpenShift reports whether a storage plugin works. The lazy-pull node agent runs on every node, checks the plugin’s mount, socket and process, and writes what it finds on its Node. Deploy it from a checkout of this plugin with this command.',
            )}
          </StackItem>
          <StackItem>
            <DeployAgent />
          </StackItem>
          <StackItem>{t('Nodes appear here within a minute of the agent starting.')}</StackItem>
        </Stack>
      </EmptyStateBody>
    </EmptyState>
  );
};

export const NoMatchEmptyState = ({ onClear }: { onClear: () => void }) => {
  const { t } = useLazyPullTranslation();
  return (
    <EmptyState
      titleText={t('No node matches the filters')}
      headingLevel="h2"
      icon={SearchIcon}
      variant="sm"
    >
      <EmptyStateFooter>
        <EmptyStateActions>
          <Button variant="link" onClick={onClear}>
            {t('Clear all filters')}
          </Button>
        </EmptyStateActions>
      </EmptyStateFooter>
    </EmptyState>
  );
};
