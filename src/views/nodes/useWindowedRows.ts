import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** Rows rendered above and below the visible ones, so that fast scrolling shows no gaps. */
const OVERSCAN = 8;
/** A compact PatternFly row, until the first real row has been measured. */
const ESTIMATED_ROW_PX = 41;
/** Viewport assumed when the container has no layout yet (first paint, or jsdom). */
const FALLBACK_VIEWPORT_PX = 800;

export interface RowWindow {
  start: number;
  end: number;
  rowHeight: number;
  /** The scrolling element. */
  scrollRef: RefObject<HTMLDivElement>;
  onScroll: () => void;
  /** Give to one rendered row: its height becomes the row height. */
  measureRef: (row: HTMLTableRowElement | null) => void;
}

/**
 * Windowing for a table of fixed-height rows: only the rows in view (plus a margin) are in the
 * DOM, and two spacer rows stand for the others, so the scrollbar is true to the whole list.
 * Scroll events are coalesced to one update per animation frame, and an update renders only
 * when the window actually moves.
 */
export const useWindowedRows = (count: number): RowWindow => {
  const scrollRef = useRef<HTMLDivElement>(null);
  const frame = useRef<number | null>(null);
  const [rowHeight, setRowHeight] = useState(ESTIMATED_ROW_PX);
  const [range, setRange] = useState({ start: 0, end: 0 });

  const update = useCallback(() => {
    frame.current = null;
    const element = scrollRef.current;
    const scrollTop = element?.scrollTop ?? 0;
    const viewport = element?.clientHeight || FALLBACK_VIEWPORT_PX;
    const first = Math.floor(scrollTop / rowHeight);
    const start = Math.min(Math.max(0, first - OVERSCAN), Math.max(0, count - 1));
    const end = Math.min(count, first + Math.ceil(viewport / rowHeight) + OVERSCAN);
    setRange((r) => (r.start === start && r.end === end ? r : { start, end }));
  }, [count, rowHeight]);

  useLayoutEffect(update, [update]);

  useEffect(() => {
    const element = scrollRef.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() => update());
    observer.observe(element);
    return () => observer.disconnect();
  }, [update]);

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  const onScroll = useCallback(() => {
    if (frame.current === null) frame.current = requestAnimationFrame(update);
  }, [update]);

  const measureRef = useCallback((row: HTMLTableRowElement | null) => {
    const height = row?.getBoundingClientRect().height ?? 0;
    if (height > 0) setRowHeight((h) => (Math.abs(h - height) < 0.5 ? h : height));
  }, []);

  return {
    start: range.start,
    end: Math.max(range.start, Math.min(range.end, count)),
    rowHeight,
    scrollRef,
    onScroll,
    measureRef,
  };
};
