import type { TFunction } from 'i18next';

/** A short, translated age such as "45 s", "12 min", "3 h" or "2 d". */
export const formatAge = (ms: number, t: TFunction): string => {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 90) return t('{{value}} s', { value: seconds });
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return t('{{value}} min', { value: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t('{{value}} h', { value: hours });
  return t('{{value}} d', { value: Math.round(hours / 24) });
};
