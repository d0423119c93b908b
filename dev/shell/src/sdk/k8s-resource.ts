/**
 * k8sGet / k8sCreate / k8sUpdate / k8sPatch / k8sDelete / k8sList / k8sListItems, with the console's
 * URL layout (`/api/kubernetes/api/v1/...`, `/api/kubernetes/apis/<group>/<version>/...`) and its
 * handling of options: `queryParams` (dryRun=All, fieldValidation=Strict, …) are appended to the URL
 * exactly as given, the request body is the object, PATCH is a JSON patch, and errors are the
 * console's HttpError (see fetch.ts).
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { consoleFetchJSON } from './fetch';

type K8sModel = SDK.K8sModel;
type QueryParams = Record<string, string | undefined>;
type ResourceOptions = { ns?: string; name?: string; path?: string; queryParams?: QueryParams };

export const k8sBasePath = '/api/kubernetes';

const apiPath = (model: K8sModel): string => {
  const group = model.apiGroup && model.apiGroup !== 'core' ? model.apiGroup : '';
  return group ? `/apis/${group}/${model.apiVersion}` : `/api/${model.apiVersion}`;
};

export const resourceURL = (model: K8sModel, options: ResourceOptions = {}): string => {
  let u = `${k8sBasePath}${apiPath(model)}`;
  if (model.namespaced && options.ns) u += `/namespaces/${options.ns}`;
  u += `/${model.plural}`;
  if (options.name) u += `/${encodeURIComponent(options.name)}`;
  if (options.path) u += `/${options.path}`;
  const q = Object.entries(options.queryParams ?? {}).filter(([, v]) => v !== undefined);
  if (q.length > 0) u += `?${q.map(([k, v]) => `${k}=${v}`).join('&')}`;
  return u;
};

type Requirement = { key: string; operator: string; values?: string[] };

/** A label selector (matchLabels / matchExpressions, or a bare label map) in its query-string form. */
export const selectorToString = (selector: SDK.Selector | Record<string, string> = {}): string => {
  const isOld = !('matchLabels' in selector) && !('matchExpressions' in selector);
  const matchLabels = (isOld ? selector : (selector as SDK.Selector).matchLabels) as
    Record<string, string> | undefined;
  const requirements: Requirement[] = Object.keys(matchLabels ?? {})
    .sort()
    .map((key) => ({ key, operator: 'Equals', values: [matchLabels![key]] }));
  requirements.push(...(((selector as SDK.Selector).matchExpressions ?? []) as Requirement[]));
  return requirements
    .map(({ key, operator, values = [] }) => {
      switch (operator) {
        case 'Equals':
          return `${key}=${values[0]}`;
        case 'NotEquals':
          return `${key}!=${values[0]}`;
        case 'Exists':
          return key;
        case 'DoesNotExist':
          return `!${key}`;
        case 'In':
          return `${key} in (${values.join(',')})`;
        case 'NotIn':
          return `${key} notin (${values.join(',')})`;
        case 'GreaterThan':
          return `${key} > ${values[0]}`;
        case 'LessThan':
          return `${key} < ${values[0]}`;
        default:
          return '';
      }
    })
    .join(',');
};

const optsOf = ({ name, ns, path, queryParams }: ResourceOptions): ResourceOptions => ({
  ...(name ? { name } : {}),
  ...(ns ? { ns } : {}),
  ...(path ? { path } : {}),
  ...(queryParams ? { queryParams } : {}),
});

/** An existing object's URL: its own namespace and name, unless the call's options name others. */
const objectURL = (model: K8sModel, resource: SDK.K8sResourceCommon, options: ResourceOptions) =>
  resourceURL(model, {
    ns: resource.metadata?.namespace,
    name: resource.metadata?.name,
    ...optsOf(options),
  });

export const k8sGetRaw = (
  model: K8sModel,
  name: string,
  ns?: string,
  opts: ResourceOptions = {},
  requestInit?: RequestInit,
) => consoleFetchJSON(resourceURL(model, { ...opts, ns, name }), 'GET', requestInit);

export const k8sGet: typeof SDK.k8sGet = (options) =>
  k8sGetRaw(options.model, options.name!, options.ns, optsOf(options), options.requestInit);

export const k8sCreate: typeof SDK.k8sCreate = ({ model, data, ...rest }) =>
  consoleFetchJSON.post(
    resourceURL(model, { ns: data?.metadata?.namespace, ...optsOf(rest) }),
    data,
  );

export const k8sUpdate: typeof SDK.k8sUpdate = ({ model, data, ns, name, ...rest }) =>
  consoleFetchJSON.put(
    resourceURL(model, {
      ...optsOf(rest),
      ns: ns || data.metadata?.namespace,
      name: name || data.metadata?.name,
    }),
    data,
  );

export const k8sPatch: typeof SDK.k8sPatch = async ({ model, resource, data, ...rest }) => {
  const patches = data.filter(Boolean);
  if (patches.length === 0) return resource;
  return consoleFetchJSON.patch(objectURL(model, resource, rest), patches);
};

export const k8sDelete: typeof SDK.k8sDelete = ({
  model,
  resource,
  requestInit,
  json,
  ...rest
}) => {
  const body =
    json ??
    (model.propagationPolicy
      ? { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: model.propagationPolicy }
      : null);
  return consoleFetchJSON.delete(objectURL(model, resource, rest), body, requestInit);
};

/** The console's k8sList: query params URL-encoded, labelSelector given as a selector object. */
export const k8sListRaw = async (
  model: K8sModel,
  queryParams: Record<string, any> = {},
  raw = false,
  requestInit: RequestInit = {},
): Promise<any> => {
  const query = Object.entries(queryParams)
    .filter(([k]) => k !== 'ns')
    .map(
      ([k, v]) =>
        `${encodeURIComponent(k)}=${encodeURIComponent(k === 'labelSelector' ? selectorToString(v) : v)}`,
    )
    .join('&');
  const listURL = resourceURL(model, { ns: queryParams.ns });
  const result = await consoleFetchJSON(`${listURL}?${query}`, 'GET', requestInit);
  const items = (result.items as SDK.K8sResourceCommon[] | undefined)?.map((i) => ({
    kind: model.kind,
    apiVersion: result.apiVersion,
    ...i,
  }));
  return raw ? { ...result, items } : items;
};

/** Like the SDK, the object form returns the items unless the (undocumented) `raw` option is set. */
export const k8sList: typeof SDK.k8sList = (options) =>
  k8sListRaw(
    options.model,
    options.queryParams,
    (options as { raw?: boolean }).raw ?? false,
    options.requestInit,
  );

export const k8sListItems: typeof SDK.k8sListItems = async <R extends SDK.K8sResourceCommon>(
  options: Parameters<typeof SDK.k8sListItems>[0],
) => {
  const response = await k8sList<R>(options);
  return Array.isArray(response) ? response : response.items;
};
