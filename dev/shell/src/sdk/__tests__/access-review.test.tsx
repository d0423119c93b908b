/**
 * @jest-environment jsdom
 */
/**
 * useAccessReview as the console's (its SDK's rbac): one SelfSubjectAccessReview per set of
 * attributes for the life of the page, failures included; the earlier stand-in asked again after
 * a failure.
 */
import { act, renderHook } from '@testing-library/react';
import { useAccessReview } from '../access-review';
import { k8sCreate } from '../k8s-resource';

jest.mock('../k8s-resource', () => ({ k8sCreate: jest.fn() }));
jest.mock('../models', () => ({ findModel: () => ({ kind: 'SelfSubjectAccessReview' }) }));

const settle = async () => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

beforeEach(() => {
  jest.mocked(k8sCreate).mockReset();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe('useAccessReview', () => {
  it('asks once for the same attributes, and keeps a failure until the page reloads', async () => {
    jest.mocked(k8sCreate).mockRejectedValue(new Error('connection refused'));
    const attributes = {
      group: 'machineconfiguration.openshift.io',
      resource: 'x',
      verb: 'create' as const,
    };
    const { result: first } = renderHook(() => useAccessReview(attributes));
    await act(settle);
    // A failed review counts as allowed: the API server still decides.
    expect(first.current).toEqual([true, false]);
    const { result: second } = renderHook(() => useAccessReview({ ...attributes }));
    await act(settle);
    expect(second.current).toEqual([true, false]);
    expect(k8sCreate).toHaveBeenCalledTimes(1);
  });

  it('asks about a project in its own namespace', async () => {
    jest.mocked(k8sCreate).mockResolvedValue({ status: { allowed: true } } as never);
    renderHook(() =>
      useAccessReview({
        group: 'project.openshift.io',
        resource: 'projects',
        verb: 'get',
        name: 'p1',
      }),
    );
    await act(settle);
    const review = jest.mocked(k8sCreate).mock.calls[0][0].data as {
      spec: { resourceAttributes: Record<string, string> };
    };
    expect(review.spec.resourceAttributes).toMatchObject({
      namespace: 'p1',
      name: 'p1',
    });
  });
});
