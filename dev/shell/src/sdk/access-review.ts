/**
 * checkAccess / useAccessReview as in the console: a SelfSubjectAccessReview created through the API,
 * memoized per attribute set for the life of the page, failures included (a persona switch reloads
 * the page, as a new login does in the console), and a failed review treated as allowed by the hook
 * (the server still enforces). A review of a project is asked in that project's namespace.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { useEffect, useState } from 'react';
import { k8sCreate } from './k8s-resource';
import { findModel } from './models';

const cache = new Map<string, Promise<SDK.SelfSubjectAccessReviewKind>>();

type Attributes = Parameters<typeof SDK.checkAccess>[0];

/** The attributes a review asks about, absent ones empty, and the key it is memoized under. */
const normalize = (attributes: Attributes | undefined) => {
  const {
    group = '',
    resource = '',
    subresource = '',
    verb = '' as SDK.K8sVerb,
    name = '',
    namespace = '',
  } = attributes ?? {};
  const normalized = { group, resource, subresource, verb, name, namespace };
  return { normalized, key: [group, resource, subresource, verb, name, namespace].join('~') };
};

export const checkAccess: typeof SDK.checkAccess = (resourceAttributes) => {
  const { normalized, key } = normalize(resourceAttributes);
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
        spec: {
          resourceAttributes: {
            ...normalized,
            namespace:
              normalized.group === 'project.openshift.io' && normalized.resource === 'projects'
                ? normalized.name
                : normalized.namespace,
          },
        },
      },
    });
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
  const { normalized, key } = normalize(resourceAttributes);
  const skipCheck = !!noCheckForEmptyGroupAndResource && !normalized.group && !normalized.resource;
  useEffect(() => {
    let live = true;
    if (skipCheck) return undefined;
    checkAccess(normalized, impersonate)
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
    // The key stands for the attributes: a new object with the same ones asks nothing again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, impersonate, skipCheck]);
  return skipCheck ? [false, false] : [isAllowed, loading];
};

export const useAccessReviewAllowed: typeof SDK.useAccessReviewAllowed = (
  resourceAttributes,
  impersonate,
) => useAccessReview(resourceAttributes, impersonate)[0];
