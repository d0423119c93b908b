import { Label } from '@patternfly/react-core';
import { PauseCircleIcon, SyncAltIcon } from '@patternfly/react-icons';
import { poolUpdateState, type MachineConfigPool } from '../../../core/pools/machineConfigPool';
import { useLazyPullTranslation } from '../../shared/i18n';

/** Updated / Updating / Degraded, as the pool's conditions say; Paused wins, as nothing moves then. */
export const PoolUpdateStatus = ({ pool }: { pool: MachineConfigPool }) => {
  const { t } = useLazyPullTranslation();
  const state = poolUpdateState(pool);
  return (
    <>
      {state === 'Updated' && <Label status="success">{t('Updated')}</Label>}
      {state === 'Updating' && (
        <Label color="blue" icon={<SyncAltIcon />}>
          {t('Updating')}
        </Label>
      )}
      {state === 'Degraded' && <Label status="danger">{t('Degraded')}</Label>}
      {state === 'Unknown' && <Label color="grey">{t('Unknown')}</Label>}
      {pool.spec?.paused === true && (
        <>
          {' '}
          <Label color="orange" icon={<PauseCircleIcon />}>
            {t('Paused')}
          </Label>
        </>
      )}
    </>
  );
};
