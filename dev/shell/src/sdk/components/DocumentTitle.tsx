/** DocumentTitle: "<title> · Red Hat OpenShift", restored when the page unmounts. */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { useEffect } from 'react';

export const PRODUCT_NAME = 'Red Hat OpenShift';

export const DocumentTitle: typeof SDK.DocumentTitle = ({ children }) => {
  useEffect(() => {
    const previous = document.title;
    document.title = `${children} · ${PRODUCT_NAME}`;
    return () => {
      document.title = previous;
    };
  }, [children]);
  return null;
};
