import {
  Alert,
  Checkbox,
  ClipboardCopy,
  Content,
  FormGroup,
  HelperText,
  HelperTextItem,
} from '@patternfly/react-core';
import type { PoolSelection, SelectorReading } from '../../../core/pools/poolSelection';
import { useLazyPullTranslation } from '../../shared/i18n';

interface PoolSelectionFieldProps {
  pool: string;
  /** How the editor selects the pool. */
  selection: PoolSelection;
  /** What the draft's selector selects now. */
  reading: SelectorReading;
  /** The draft selects the pool only once it has the label. */
  labelNeeded: boolean;
  /** The draft's selector is the one the editor writes for the pool. */
  byPoolLabel: boolean;
  consent: boolean;
  onConsent: (consent: boolean) => void;
  /** Whether the user may patch the pool; undefined while that is being checked. */
  canLabel: boolean | undefined;
  readOnly: boolean;
}

/**
 * How this configuration selects its pool, said plainly: by the pool label the MCO gives its own
 * pools, added to a custom pool with the user's consent; and what a selector that selects several
 * pools means.
 */
export const PoolSelectionField = ({
  pool,
  selection,
  reading,
  labelNeeded,
  byPoolLabel,
  consent,
  onConsent,
  canLabel,
  readOnly,
}: PoolSelectionFieldProps) => {
  const { t } = useLazyPullTranslation();
  const { key } = selection;

  if (labelNeeded && selection.kind === 'needs-label') {
    const { alsoSelectedBy } = selection.change;
    return (
      <Alert
        variant="info"
        isInline
        title={t('Pool {{pool}} does not have the label this configuration selects it by', {
          pool,
        })}
      >
        <Content component="p">
          {t(
            'A ContainerRuntimeConfig selects pools by their labels. The Machine Config Operator labels only the pools it creates, master and worker, with pools.operator.machineconfiguration.openshift.io/<pool>; a custom pool has only the labels its author gave it. Without the label, this configuration would select no pool, and the MCO would report it as failed.',
          )}
        </Content>
        <Content component="p">
          {t(
            'The editor can add the label {{label}} to pool {{pool}} before it creates the configuration. Adding a label changes no MachineConfig, so no node reboots for it; the Preview tab shows the change.',
            { label: key, pool },
          )}
        </Content>
        {alsoSelectedBy.length > 0 && (
          <Content component="p">
            {t(
              'With the label, these ContainerRuntimeConfigs select pool {{pool}} too and apply to its nodes: {{names}}.',
              { pool, names: alsoSelectedBy.join(', ') },
            )}
          </Content>
        )}
        {canLabel === false ? (
          <>
            <Content component="p">
              {t(
                'You may not change MachineConfigPool {{pool}}. A cluster administrator can add the label:',
                { pool },
              )}
            </Content>
            <ClipboardCopy isReadOnly hoverTip={t('Copy')} clickTip={t('Copied')}>
              {`oc label machineconfigpool/${pool} ${key}=`}
            </ClipboardCopy>
          </>
        ) : (
          !readOnly && (
            <Checkbox
              id="lazy-pull-add-pool-label"
              label={t('Add the label {{label}} to MachineConfigPool {{pool}} when I apply', {
                label: key,
                pool,
              })}
              isChecked={consent}
              isDisabled={canLabel === undefined}
              onChange={(_e, checked) => onConsent(checked)}
            />
          )
        )}
      </Alert>
    );
  }

  if (reading.pools.length > 1) {
    return (
      <Alert
        variant="warning"
        isInline
        title={t('This ContainerRuntimeConfig selects {{count}} pools: {{pools}}', {
          count: reading.pools.length,
          pools: reading.pools.join(', '),
        })}
      >
        {t(
          'The MCO generates a MachineConfig for every pool it selects, and the nodes of each reboot. It numbers each pool’s MachineConfigs separately but keeps one name suffix per ContainerRuntimeConfig, so a configuration that selects several pools can end up writing another configuration’s MachineConfig in one of them. Keep one ContainerRuntimeConfig per pool, selected by its pool label.',
        )}
      </Alert>
    );
  }

  if (reading.usesRoleLabel && !reading.pools.includes(pool)) {
    return (
      <Alert
        variant="warning"
        isInline
        title={t(
          'This selector names machineconfiguration.openshift.io/role, which pools do not carry',
        )}
      >
        {t(
          'machineconfiguration.openshift.io/role is the label of MachineConfigs: a pool’s machineConfigSelector uses it to choose the MachineConfigs the pool takes. A ContainerRuntimeConfig’s selector is matched against the labels of the pools themselves, so it selects no pool (unless someone gave a pool that label). Select pool {{pool}} by {{label}} instead.',
          { pool, label: key },
        )}
      </Alert>
    );
  }

  if (reading.pools.length === 1 && reading.pools[0] === pool) {
    return (
      <FormGroup label={t('Pool selection')} fieldId="lazy-pull-pool-selection">
        <HelperText id="lazy-pull-pool-selection">
          <HelperTextItem>
            {byPoolLabel
              ? t('Selects pool {{pool}} by its label {{label}}.', { pool, label: key })
              : t('Selects pool {{pool}} by its spec.machineConfigPoolSelector.', { pool })}
          </HelperTextItem>
        </HelperText>
      </FormGroup>
    );
  }
  return null;
};
