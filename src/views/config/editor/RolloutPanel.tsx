import { ResourceLink, getGroupVersionKindForModel } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Card,
  CardBody,
  CardTitle,
  Content,
  ProgressStep,
  ProgressStepper,
  Spinner,
} from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { rolloutProgress, type RolloutWatch } from '../../../core/pools/configRollout';
import type { MachineConfigPool } from '../../../core/pools/machineConfigPool';
import type { ContainerRuntimeConfig } from '../../../core/model/types';
import { useLazyPullTranslation } from '../../shared/i18n';
import { NODES_PATH } from '../../shared/LazyPullHeader';
import { MachineConfigModel, MachineConfigPoolModel } from '../../shared/models';

interface RolloutPanelProps {
  watch: RolloutWatch;
  config: ContainerRuntimeConfig | undefined;
  pool: MachineConfigPool;
}

type StepState = 'success' | 'info' | 'pending' | 'danger';

interface RolloutStepProps {
  /** Names the step's ids: lazy-pull-rollout-<step>. */
  step: 'mco' | 'render' | 'nodes';
  state: StepState;
  description: ReactNode;
  children: ReactNode;
}

/** One step of the rollout: spinning while under way, the current one while under way or failed. */
const RolloutStep = ({ step, state, description, children }: RolloutStepProps) => (
  <ProgressStep
    variant={state}
    icon={state === 'info' ? <Spinner size="md" aria-hidden="true" /> : undefined}
    isCurrent={state === 'info' || state === 'danger'}
    id={`lazy-pull-rollout-${step}`}
    titleId={`lazy-pull-rollout-${step}-title`}
    description={description}
  >
    {children}
  </ProgressStep>
);

/** After an apply: the MCO's answer, the new rendered config, and the nodes moving to it, live. */
export const RolloutPanel = ({ watch, config, pool }: RolloutPanelProps) => {
  const { t } = useLazyPullTranslation();
  const progress = rolloutProgress(watch, config, pool);
  const { phase, counts, condition } = progress;
  const poolName = pool.metadata.name ?? '';

  const order = ['waiting-for-mco', 'rendering', 'updating', 'done'] as const;
  const reached = (p: (typeof order)[number]): boolean => {
    const at = phase === 'failed' ? 0 : phase === 'degraded' ? 2 : order.indexOf(phase);
    return order.indexOf(p) < at || phase === 'done';
  };
  const stepState = (p: (typeof order)[number], failedHere: boolean): StepState => {
    if (failedHere) return 'danger';
    if (reached(p)) return 'success';
    const current =
      phase === 'degraded' ? 'updating' : phase === 'failed' ? 'waiting-for-mco' : phase;
    return current === p ? 'info' : 'pending';
  };
  const mcoState = stepState('waiting-for-mco', phase === 'failed');
  const renderState = stepState('rendering', false);
  const nodesState = stepState('updating', phase === 'degraded');

  return (
    <Card isCompact>
      <CardTitle>{t('Rollout')}</CardTitle>
      <CardBody>
        <ProgressStepper isVertical aria-label={t('Rollout progress')}>
          <RolloutStep
            step="mco"
            state={mcoState}
            description={
              condition
                ? condition.message && condition.message !== condition.type
                  ? t('Last condition: {{type}}: {{message}}', {
                      type: condition.type,
                      message: condition.message,
                    })
                  : t('Last condition: {{type}}', { type: condition.type })
                : t('Waiting for the Machine Config Operator to pick up the change.')
            }
          >
            {t('The Machine Config Operator accepts the configuration')}
          </RolloutStep>
          <RolloutStep
            step="render"
            state={renderState}
            description={
              <>
                <ResourceLink
                  groupVersionKind={getGroupVersionKindForModel(MachineConfigModel)}
                  name={watch.machineConfigName}
                  inline
                />{' '}
                {progress.machineConfigInSources
                  ? t('is in the rendered configuration of the pool.')
                  : t('is not in the rendered configuration of the pool yet.')}
              </>
            }
          >
            {t('The pool gets a new rendered configuration')}
          </RolloutStep>
          <RolloutStep
            step="nodes"
            state={nodesState}
            description={t(
              '{{updated}} of {{machine}} updated, {{ready}} ready, {{degraded}} degraded',
              {
                updated: counts.updated,
                machine: counts.machine,
                ready: counts.ready,
                degraded: counts.degraded,
              },
            )}
          >
            {t('The nodes of pool {{pool}} update', { pool: poolName })}
          </RolloutStep>
        </ProgressStepper>
        {phase === 'done' && (
          <Alert
            variant="success"
            isInline
            title={t('Every node of pool {{pool}} runs the new configuration', { pool: poolName })}
          >
            <Link to={NODES_PATH}>
              {t('Check that the storage plugin is healthy on every node')}
            </Link>
          </Alert>
        )}
        {phase === 'failed' && (
          <Alert
            variant="danger"
            isInline
            title={t('The Machine Config Operator rejected the configuration')}
          >
            {condition?.message}
          </Alert>
        )}
        {phase === 'degraded' && (
          <Alert
            variant="danger"
            isInline
            title={t('Pool {{pool}} is degraded', { pool: poolName })}
          >
            <Content component="p">
              {t(
                'A node failed to apply the configuration. See the pool and its nodes for the reason.',
              )}
            </Content>
            <ResourceLink
              groupVersionKind={getGroupVersionKindForModel(MachineConfigPoolModel)}
              name={poolName}
            />
          </Alert>
        )}
      </CardBody>
    </Card>
  );
};
