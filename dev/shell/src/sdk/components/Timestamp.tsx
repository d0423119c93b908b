/** Timestamp: relative within the last day ("3 minutes ago"), else the local date and time; the exact UTC time on hover. */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { Tooltip } from '@patternfly/react-core';
import { GlobeAmericasIcon } from '@patternfly/react-icons';
import { useEffect, useState } from 'react';

const useNow = (intervalMs: number) => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
};

const relative = (ms: number, omitSuffix?: boolean): string => {
  const s = Math.round(Math.abs(ms) / 1000);
  const future = ms < 0;
  const [n, unit] =
    s < 60 ? [0, ''] : s < 3600 ? [Math.floor(s / 60), 'minute'] : [Math.floor(s / 3600), 'hour'];
  if (!unit) return future ? 'In a few seconds' : 'Just now';
  const text = `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (omitSuffix) return text;
  return future ? `in ${text}` : `${text} ago`;
};

const absolute = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

export const Timestamp: typeof SDK.Timestamp = ({ timestamp, simple, omitSuffix, className }) => {
  const now = useNow(10_000);
  if (!timestamp) return <div className="co-timestamp">-</div>;
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return <div className="co-timestamp">-</div>;
  const delta = now - date.getTime();
  const text =
    Math.abs(delta) < 24 * 3600 * 1000 ? relative(delta, omitSuffix) : absolute.format(date);
  if (simple) return <>{text}</>;
  return (
    <div className={`co-timestamp ${className ?? ''}`}>
      <GlobeAmericasIcon className="co-timestamp__icon" />
      <Tooltip content={date.toISOString()}>
        <span data-test="timestamp">{text}</span>
      </Tooltip>
    </div>
  );
};
