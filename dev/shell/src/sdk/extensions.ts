/** useResolvedExtensions with the console's signature (type guards, all of which must hold). */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { useResolvedExtensions as useResolved, type Extension } from '@openshift/dynamic-plugin-sdk';
import { useCallback } from 'react';

export const useResolvedExtensions: typeof SDK.useResolvedExtensions = (...typeGuards) => {
  // Guards are usually module-level functions; keying the predicate on them keeps it stable.
  const predicate = useCallback(
    (e: Extension) => typeGuards.every((guard) => guard(e as never)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    typeGuards,
  );
  return useResolved(predicate as (e: Extension) => e is Extension) as never;
};
