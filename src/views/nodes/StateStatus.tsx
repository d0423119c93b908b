import { Icon } from '@patternfly/react-core';
import { BanIcon } from '@patternfly/react-icons/dist/dynamic/icons/ban-icon';
import { CheckCircleIcon } from '@patternfly/react-icons/dist/dynamic/icons/check-circle-icon';
import { ExclamationCircleIcon } from '@patternfly/react-icons/dist/dynamic/icons/exclamation-circle-icon';
import { ExclamationTriangleIcon } from '@patternfly/react-icons/dist/dynamic/icons/exclamation-triangle-icon';
import { InProgressIcon } from '@patternfly/react-icons/dist/dynamic/icons/in-progress-icon';
import { MinusCircleIcon } from '@patternfly/react-icons/dist/dynamic/icons/minus-circle-icon';
import { OutlinedClockIcon } from '@patternfly/react-icons/dist/dynamic/icons/outlined-clock-icon';
import { QuestionCircleIcon } from '@patternfly/react-icons/dist/dynamic/icons/question-circle-icon';
import { SyncAltIcon } from '@patternfly/react-icons/dist/dynamic/icons/sync-alt-icon';
import type { ComponentType } from 'react';
import type { CheckStatus } from '../../core/health/report';
import type { HealthState, RolloutState } from '../../core/dashboard/types';
import { useLazyPullTranslation } from '../shared/i18n';

type Status = 'success' | 'warning' | 'danger' | 'info' | undefined;
interface Look {
  icon: ComponentType;
  status: Status;
}

/** PatternFly's status colours come from tokens, so they follow the console's themes. */
export const HEALTH_LOOK: Record<HealthState, Look> = {
  Healthy: { icon: CheckCircleIcon, status: 'success' },
  Degraded: { icon: ExclamationTriangleIcon, status: 'warning' },
  Unhealthy: { icon: ExclamationCircleIcon, status: 'danger' },
  NotConfigured: { icon: MinusCircleIcon, status: undefined },
  Stale: { icon: OutlinedClockIcon, status: 'warning' },
  Unknown: { icon: QuestionCircleIcon, status: 'warning' },
  NoReport: { icon: BanIcon, status: undefined },
};

export const ROLLOUT_LOOK: Record<RolloutState, Look> = {
  UpToDate: { icon: CheckCircleIcon, status: 'success' },
  Updating: { icon: InProgressIcon, status: 'info' },
  Rebooting: { icon: SyncAltIcon, status: 'info' },
  Degraded: { icon: ExclamationCircleIcon, status: 'danger' },
  Unknown: { icon: QuestionCircleIcon, status: undefined },
};

const CHECK_LOOK: Record<CheckStatus, Look> = {
  pass: { icon: CheckCircleIcon, status: 'success' },
  warn: { icon: ExclamationTriangleIcon, status: 'warning' },
  fail: { icon: ExclamationCircleIcon, status: 'danger' },
};

/** The translated names of the states (the t() calls are literal so that extraction finds them). */
export const useStateNames = () => {
  const { t } = useLazyPullTranslation();
  const health: Record<HealthState, string> = {
    Healthy: t('Healthy'),
    Degraded: t('Degraded'),
    Unhealthy: t('Unhealthy'),
    NotConfigured: t('Not configured'),
    Stale: t('Stale'),
    Unknown: t('Unknown'),
    NoReport: t('No report'),
  };
  const rollout: Record<RolloutState, string> = {
    UpToDate: t('Up to date'),
    Updating: t('Updating'),
    Rebooting: t('Rebooting'),
    Degraded: t('Degraded'),
    Unknown: t('Unknown'),
  };
  const check: Record<CheckStatus, string> = {
    pass: t('Pass'),
    warn: t('Warning'),
    fail: t('Fail'),
  };
  return { health, rollout, check };
};

const IconText = ({ look, text }: { look: Look; text: string }) => {
  const Glyph = look.icon;
  return (
    <span className="lazy-pull-status">
      <Icon status={look.status} isInline>
        <Glyph />
      </Icon>{' '}
      {text}
    </span>
  );
};

export const HealthStatus = ({ state }: { state: HealthState }) => {
  const names = useStateNames();
  return <IconText look={HEALTH_LOOK[state]} text={names.health[state]} />;
};

export const RolloutStatus = ({ state }: { state: RolloutState }) => {
  const names = useStateNames();
  return <IconText look={ROLLOUT_LOOK[state]} text={names.rollout[state]} />;
};

export const CheckStatusText = ({ status }: { status: CheckStatus }) => {
  const names = useStateNames();
  return <IconText look={CHECK_LOOK[status]} text={names.check[status]} />;
};
