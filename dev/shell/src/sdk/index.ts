/**
 * The shell's implementation of `@openshift-console/dynamic-plugin-sdk`, provided to plugins in the
 * share scope under that name (see dev/shell/webpack.config.ts). Every export is typed as the real
 * SDK's export of the same name (contract.ts checks that), so signatures cannot drift from 4.22.
 *
 * Pure parts of the real package (extension type guards, reference helpers, HttpError) are used
 * from the package itself; the rest of the real package needs the console's internals, which is why
 * the shell implements these calls against the simulated cluster.
 */
export * from '@openshift-console/dynamic-plugin-sdk/lib/extensions';
export {
  getAPIVersionForModel,
  getGroupVersionKindForModel,
  getGroupVersionKindForResource,
} from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/k8s-ref';
export { consoleFetch, consoleFetchJSON, consoleFetchText, HttpError } from './fetch';
export {
  k8sCreate,
  k8sDelete,
  k8sGet,
  k8sList,
  k8sListItems,
  k8sPatch,
  k8sUpdate,
} from './k8s-resource';
export { useK8sModel, useK8sModels } from './models';
export { useK8sWatchResource, useK8sWatchResources } from './watch';
export { checkAccess, useAccessReview, useAccessReviewAllowed } from './access-review';
export { useFlag } from './flags';
export {
  useActiveNamespace,
  useActivePerspective,
  useUserPreference,
  useUserSettings,
} from './user-settings';
export { useResolvedExtensions } from './extensions';
export { ResourceIcon, ResourceLink } from './components/ResourceLink';
export { Timestamp } from './components/Timestamp';
export { DocumentTitle } from './components/DocumentTitle';
export { ListPageHeader } from './components/ListPageHeader';
export { CodeEditor, YAMLEditor } from './components/CodeEditor';
export { HorizontalNav } from './components/HorizontalNav';
