import { consoleFetchJSON, type K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { useEffect, useState } from 'react';

/** The API server answers in metadata only: the count is all this asks for. */
const METADATA_ONLY =
  'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json';

interface ListHead {
  items?: unknown[];
  metadata?: { remainingItemCount?: number; continue?: string };
}

/** The list's length from a one-item page of it, or null when the server does not say. */
export const totalOf = (head: ListHead): number | null => {
  const items = head.items?.length ?? 0;
  if (head.metadata?.continue === undefined || head.metadata.continue === '') return items;
  const remaining = head.metadata.remainingItemCount;
  return typeof remaining === 'number' ? items + remaining : null;
};

/** The console's list watch reads a list in pages of this many items. */
export const LIST_PAGE_SIZE = 250;

/**
 * Whether a list watch that calls itself loaded may still be reading pages: the console reads a
 * list 250 items at a time, calls it loaded after the first page and opens its WebSocket only
 * after the last, so until then the list holds a whole number of pages. Any other length is the
 * whole list.
 */
export const mayBePartial = (length: number): boolean =>
  length > 0 && length % LIST_PAGE_SIZE === 0;

/**
 * How many objects of a cluster-scoped kind there are, asked once `ask` is true: a list of one
 * item, whose `remainingItemCount` the API server adds to every list it cuts short (none when a
 * selector is used, hence null; undefined until it answers). This is what tells "1,750 so far"
 * from "1,750 in all".
 */
export const useListTotal = (model: K8sModel, ask: boolean): number | null | undefined => {
  const [total, setTotal] = useState<number | null | undefined>(undefined);
  const [asked, setAsked] = useState(false);
  if (ask && !asked) setAsked(true);
  const path = model.apiGroup
    ? `/api/kubernetes/apis/${model.apiGroup}/${model.apiVersion}/${model.plural}`
    : `/api/kubernetes/api/${model.apiVersion}/${model.plural}`;
  useEffect(() => {
    if (!asked) return undefined;
    let current = true;
    consoleFetchJSON(`${path}?limit=1`, 'GET', { headers: { Accept: METADATA_ONLY } })
      .then((head: ListHead) => {
        if (current) setTotal(totalOf(head));
      })
      // Without the count the page cannot tell; it says so rather than guess.
      .catch(() => {
        if (current) setTotal(null);
      });
    return () => {
      current = false;
    };
  }, [asked, path]);
  return total;
};
