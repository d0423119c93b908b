import type { TFunction } from 'i18next';
import type { Consequence } from '../../../core/preview/poolPreview';

/** What applying does to the pool's nodes, in one sentence. */
export const consequenceText = (t: TFunction, c: Consequence): string => {
  if (c.nodes === 0) return t('Pool {{pool}} has no nodes: nothing reboots.', { pool: c.pool });
  if (!c.reboot)
    return t('No file on the nodes changes: the nodes of pool {{pool}} do not reboot.', {
      pool: c.pool,
    });
  if (c.paused) {
    return t(
      'Pool {{pool}} is paused: its {{count}} nodes will reboot, {{batch}} at a time, once it is resumed.',
      {
        pool: c.pool,
        count: c.nodes,
        batch: c.batch,
      },
    );
  }
  return t('{{count}} nodes in pool {{pool}} will reboot, {{batch}} at a time.', {
    pool: c.pool,
    count: c.nodes,
    batch: c.batch,
  });
};
