import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type NodeQuery, readNodeQuery, writeNodeQuery } from '../../core/dashboard/query';

/**
 * The table's filters, order and open node, kept in the URL query so that a filtered view can
 * be bookmarked and shared. Opening and closing a node's detail are steps in the history, so
 * Back and Forward step through them; filter, search and sort changes replace the entry (typing
 * in the search box must not leave one entry per keystroke).
 */
export const useNodeQuery = (): [NodeQuery, (change: Partial<NodeQuery>) => void] => {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readNodeQuery(params), [params]);
  const update = useCallback(
    (change: Partial<NodeQuery>) =>
      setParams((current) => writeNodeQuery({ ...readNodeQuery(current), ...change }, current), {
        replace: !('node' in change),
      }),
    [setParams],
  );
  return [query, update];
};
