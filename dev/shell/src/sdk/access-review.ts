/**
 * checkAccess / useAccessReview as in the console: a SelfSubjectAccessReview created through the API,
 * memoized per attribute set for the life of the page (a persona switch reloads the page, as a new
 * login does in the console), and a failed review treated as allowed (the server still enforces).
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { useEffect, useState } from 'react';
import { k8sCreate } from './k8s-resource';
import { findModel } from './models';

const cache = new Map<string, Promise<SDK.SelfSubjectAccessReviewKind>>();

export const checkAccess: typeof SDK.checkAccess = (resourceAttributes) => {
  const {
    group = '',
    resource = '',
    subresource = '',
    verb,
    name = '',
    namespace = '',
  } = resourceAttributes ?? {};
  const key = [group, resource, subresource, verb ?? '', name, namespace].join('~');
  let review = cache.get(key);
  if (!review) {
    review = k8sCreate<SDK.SelfSubjectAccessReviewKind>({
      model: findModel({
        group: 'authorization.k8s.io',
        version: 'v1',
        kind: 'SelfSubjectAccessReview',
      })!,
      data: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { group, resource, subresource, verb, name, namespace } },
      },
    });
    // Failures are not cached: the next check asks again.
    review.catch(() => cache.delete(key));
    cache.set(key, review);
  }
  return review;
};

export const useAccessReview: typeof SDK.useAccessReview = (
  resourceAttributes,
  impersonate,
  noCheckForEmptyGroupAndResource,
) => {
  const [loading, setLoading] = useState(true);
  const [isAllowed, setAllowed] = useState(false);
  const {
    group = '',
    resource = '',
    subresource = '',
    verb,
    name = '',
    namespace = '',
  } = resourceAttributes;
  const skipCheck = !!noCheckForEmptyGroupAndResource && !group && !resource;
  useEffect(() => {
    let live = true;
    if (skipCheck) return undefined;
    checkAccess({ group, resource, subresource, verb, name, namespace }, impersonate)
      .then((result) => {
        if (!live) return;
        setAllowed(!!result.status?.allowed);
        setLoading(false);
      })
      .catch((e: unknown) => {
        if (!live) return;
        console.warn('SelfSubjectAccessReview failed', e);
        setAllowed(true);
        setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [group, resource, subresource, verb, name, namespace, impersonate, skipCheck]);
  return skipCheck ? [false, false] : [isAllowed, loading];
};

export const useAccessReviewAllowed: typeof SDK.useAccessReviewAllowed = (
  resourceAttributes,
  impersonate,
) => useAccessReview(resourceAttributes, impersonate)[0];
