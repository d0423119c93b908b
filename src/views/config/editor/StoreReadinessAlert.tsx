import { Alert, Checkbox, Content, List, ListItem } from '@patternfly/react-core';
import type { TFunction } from 'i18next';
import type { UnknownMountReason } from '../../../core/preview/storeReadiness';
import { useLazyPullTranslation } from '../../shared/i18n';
import type { StoreReadinessState } from './useStoreReadiness';

/** How many node names a list shows before "and N more". */
const NAMES_SHOWN = 10;

const reasonText = (t: TFunction, reason: UnknownMountReason): string => {
  switch (reason) {
    case 'no-report':
      return t('no report from the agent');
    case 'unreadable':
      return t('report unreadable');
    case 'stale':
      return t('report stale');
    case 'no-mount-list':
      return t('agent too old to report mounts');
    case 'list-cut-short':
      return t('too many FUSE mounts reported');
  }
};

const names = (t: TFunction, list: readonly string[]): string => {
  const shown = list.slice(0, NAMES_SHOWN).join(', ');
  return list.length > NAMES_SHOWN
    ? `${shown}, ${t('and {{count}} more', { count: list.length - NAMES_SHOWN })}`
    : shown;
};

/** Whether anything about the stores on the nodes that reboot is not known to be fine. */
export const needsStoreWarning = (state: StoreReadinessState): boolean =>
  (state.error !== undefined && state.pools.length > 0) ||
  state.pools.some(({ readiness }) =>
    readiness.stores.some((s) => s.notMounted.length > 0 || s.unknown.length > 0),
  );

interface StoreReadinessAlertProps {
  state: StoreReadinessState;
  acknowledged: boolean;
  onAcknowledge: (acknowledged: boolean) => void;
  readOnly: boolean;
}

/**
 * The warning before a configuration reaches nodes that do not have its layer store mounted:
 * which nodes, what happens to them, what to do first, and a confirmation to apply anyway.
 */
export const StoreReadinessAlert = ({
  state,
  acknowledged,
  onAcknowledge,
  readOnly,
}: StoreReadinessAlertProps) => {
  const { t } = useLazyPullTranslation();
  const lines = state.pools.flatMap(({ pool, readiness }) =>
    readiness.stores.flatMap(({ path, notMounted, unknown }) => [
      ...(notMounted.length > 0
        ? [
            t('{{path}} is not mounted on {{count}} nodes of pool {{pool}}: {{nodes}}.', {
              path,
              pool,
              count: notMounted.length,
              nodes: names(t, notMounted),
            }),
          ]
        : []),
      ...(unknown.length > 0
        ? [
            t(
              'The agents’ reports do not tell whether {{path}} is mounted on {{count}} nodes of pool {{pool}}: {{nodes}}.',
              {
                path,
                pool,
                count: unknown.length,
                nodes: names(
                  t,
                  unknown.map((u) => `${u.node} (${reasonText(t, u.reason)})`),
                ),
              },
            ),
          ]
        : []),
    ]),
  );
  return (
    <Alert
      variant="warning"
      isInline
      title={t('The layer store is not known to be mounted on every node this change reboots')}
    >
      {state.error !== undefined ? (
        <Content component="p">
          {t('The nodes could not be read, so whether the store is mounted on them is unknown.')}
        </Content>
      ) : (
        <List aria-label={t('Nodes without the store')}>
          {lines.map((line) => (
            <ListItem key={line}>{line}</ListItem>
          ))}
        </List>
      )}
      <Content component="p">
        {t(
          'When such a node reboots with this configuration and the store’s directory does not exist, CRI-O fails to start (overlay: can’t stat additionallayerstore dir) and the node goes NotReady. Where the directory exists but no storage plugin is mounted on it, every image is pulled in full.',
        )}
      </Content>
      <Content component="p">
        {t(
          'Install the storage plugin on these nodes first and wait until their agents report it mounted, or pause the pool, apply the plugin’s MachineConfig and this configuration, then resume the pool.',
        )}
      </Content>
      {!readOnly && (
        <Checkbox
          id="lazy-pull-store-readiness-ack"
          label={t('Apply anyway: I have checked these nodes')}
          isChecked={acknowledged}
          onChange={(_e, checked) => onAcknowledge(checked)}
        />
      )}
    </Alert>
  );
};
