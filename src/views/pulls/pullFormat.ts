import type { TFunction } from 'i18next';
import type { UnreadableProblem } from '../../core/pulls/pullEvents';

/**
 * Pull figures in the reader's language: numbers with the locale's separators, units through the
 * catalog so that each language writes them its own way.
 */

const number = (language: string, value: number, fractionDigits: number): string =>
  new Intl.NumberFormat(language, {
    maximumFractionDigits: fractionDigits,
    minimumFractionDigits: 0,
  }).format(value);

/** A pull time: `850 ms`, `1.9 s`, `48 s`, `2.3 min` (and `0 s`, an axis's origin). */
export const formatPullTime = (t: TFunction, language: string, ms: number): string => {
  if (ms === 0) return t('{{value}} s', { value: number(language, 0, 0) });
  if (ms < 1000) return t('{{value}} ms', { value: number(language, ms, 0) });
  const seconds = ms / 1000;
  if (seconds < 120)
    return t('{{value}} s', { value: number(language, seconds, seconds < 10 ? 1 : 0) });
  return t('{{value}} min', { value: number(language, seconds / 60, 1) });
};

/** A transfer rate, in the locale's own unit words (`12 MB/s`, `1.2 GB/s`). */
export const formatRate = (language: string, bytesPerSecond: number): string => {
  const gb = bytesPerSecond >= 1e9;
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: gb ? 'gigabyte-per-second' : 'megabyte-per-second',
    maximumFractionDigits: 1,
  }).format(bytesPerSecond / (gb ? 1e9 : 1e6));
};

/** How long the events cover: `45 min`, `3 h` (whole hours from two on). */
export const formatWindow = (t: TFunction, language: string, ms: number): string => {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 120) return t('{{value}} min', { value: number(language, minutes, 0) });
  return t('{{value}} h', { value: number(language, Math.round(minutes / 60), 0) });
};

/** Why an event was not read, in the reader's language. */
export const formatUnreadable = (t: TFunction, problem: UnreadableProblem): string => {
  switch (problem.code) {
    case 'image':
      return t('the image reference is not readable');
    case 'duration':
      return t('"{{value}}" is not a pull duration', { value: problem.value });
    case 'pulled':
      return t('not a message the kubelet writes for a pulled image');
    case 'starting':
      return t('not a message the kubelet writes when it starts');
    case 'pulling':
      return t('not a message the kubelet writes when it starts a pull');
  }
};
