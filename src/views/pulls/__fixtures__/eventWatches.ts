/**
 * Test support: programs the SDK mock's useK8sWatchResources for the pull-event watches. Each
 * watch gets the events its field selector selects (`field=value` terms on the fields those
 * selectors use, as the API server matches them), the same arrays on every call, as the SDK's
 * watches hand back unchanged lists.
 */
import {
  type K8sResourceCommon,
  useK8sWatchResources,
  type WatchK8sResource,
} from '@openshift-console/dynamic-plugin-sdk';
import type { CoreEvent } from '../../../core/pulls/pullEvents';

export interface WatchedEvents {
  events?: CoreEvent[];
  /** Every event watch's [loaded, loadError]; loaded without error ('') by default. */
  status?: [boolean, unknown];
}

const fieldValue = (event: CoreEvent, field: string): string => {
  switch (field) {
    case 'reason':
      return event.reason ?? '';
    case 'source':
      return event.source?.component || event.reportingComponent || '';
    case 'involvedObject.kind':
      return event.involvedObject?.kind ?? '';
    default:
      throw new Error(`the event mock does not select on ${field}`);
  }
};

const selects = (selector: string, event: CoreEvent): boolean =>
  selector.split(',').every((term) => {
    const [field, value] = term.split('=');
    return fieldValue(event, field) === value;
  });

export const mockPullEvents = ({ events = [], status = [true, ''] }: WatchedEvents = {}): void => {
  const lists = new Map<string, K8sResourceCommon[]>();
  const results = new Map<string, unknown>();
  jest.mocked(useK8sWatchResources).mockImplementation(((
    resources: Record<string, WatchK8sResource>,
  ) => {
    const key = JSON.stringify(resources);
    let result = results.get(key);
    if (result === undefined) {
      result = Object.fromEntries(
        Object.entries(resources).map(([name, r]) => {
          const selector = r.fieldSelector ?? '';
          let list = lists.get(selector);
          if (!list) {
            list = events.filter((e) => selects(selector, e));
            lists.set(selector, list);
          }
          const [loaded, loadError] = status;
          return [name, { data: loaded ? list : [], loaded, loadError }];
        }),
      );
      results.set(key, result);
    }
    return result;
  }) as unknown as typeof useK8sWatchResources);
};
