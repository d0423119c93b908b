import type { SideStats } from '../../core/pulls/pullComparison';

/**
 * A pool's pull times as two horizontal bars on one time axis, in PatternFly's chart style: a bar
 * to the median, a whisker on to the 90th percentile, the median written after it. Plain SVG
 * rather than @patternfly/react-charts: the console does not share that library with plugins,
 * and bundled (with Victory) it would weigh more than the whole page.
 */

export interface ChartSide {
  key: 'lazy' | 'full';
  label: string;
  stats: SideStats;
}

interface PullTimesChartProps {
  sides: readonly ChartSide[];
  /** Formats a time in ms for the axis and the values. */
  format: (ms: number) => string;
  /** The id of the text that says what the chart shows (its accessible name). */
  labelledBy: string;
}

const WIDTH = 320;
const LABEL_WIDTH = 64;
const VALUE_ROOM = 56;
const ROW = 26;
const BAR = 14;
const AXIS_ROOM = 18;

/** A round axis maximum at or above `ms`: 1, 2 or 5 times a power of ten. */
const niceMax = (ms: number): number => {
  if (ms <= 0) return 1000;
  const power = 10 ** Math.floor(Math.log10(ms));
  const step = [1, 2, 5, 10].find((m) => m * power >= ms) ?? 10;
  return step * power;
};

export const PullTimesChart = ({ sides, format, labelledBy }: PullTimesChartProps) => {
  const shown = sides.filter((s) => s.stats.p50Ms !== null);
  const max = niceMax(Math.max(...shown.map((s) => s.stats.p90Ms ?? s.stats.p50Ms ?? 0)));
  const plot = WIDTH - LABEL_WIDTH - VALUE_ROOM;
  const x = (ms: number) => LABEL_WIDTH + (ms / max) * plot;
  const height = shown.length * ROW + AXIS_ROOM;
  const axisY = shown.length * ROW + 2;
  return (
    <svg
      className="lazy-pull-pull-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={labelledBy}
    >
      {shown.map((side, i) => {
        const y = i * ROW + (ROW - BAR) / 2;
        const p50 = side.stats.p50Ms ?? 0;
        const p90 = side.stats.p90Ms ?? p50;
        return (
          <g key={side.key} data-side={side.key}>
            <text className="lazy-pull-pull-chart__text" x={0} y={y + BAR - 3}>
              {side.label}
            </text>
            <rect
              className={`lazy-pull-pull-chart__bar--${side.key}`}
              x={LABEL_WIDTH}
              y={y}
              width={Math.max(1, x(p50) - LABEL_WIDTH)}
              height={BAR}
            />
            {p90 > p50 && (
              <>
                <line
                  className="lazy-pull-pull-chart__whisker"
                  x1={x(p50)}
                  x2={x(p90)}
                  y1={y + BAR / 2}
                  y2={y + BAR / 2}
                />
                <line
                  className="lazy-pull-pull-chart__whisker"
                  x1={x(p90)}
                  x2={x(p90)}
                  y1={y + 2}
                  y2={y + BAR - 2}
                />
              </>
            )}
            <text className="lazy-pull-pull-chart__value" x={x(p90) + 4} y={y + BAR - 3}>
              {format(p50)}
            </text>
          </g>
        );
      })}
      <line
        className="lazy-pull-pull-chart__axis"
        x1={LABEL_WIDTH}
        x2={LABEL_WIDTH + plot}
        y1={axisY}
        y2={axisY}
      />
      {[0, max / 2, max].map((tick, i) => (
        <text
          key={tick}
          className="lazy-pull-pull-chart__text"
          x={x(tick)}
          y={axisY + 13}
          textAnchor={i === 0 ? 'start' : i === 1 ? 'middle' : 'end'}
        >
          {format(tick)}
        </text>
      ))}
    </svg>
  );
};
