/**
 * The console SDK as the tests see it. Every stub is typed as the real export, so a change in the
 * SDK's signatures breaks the tests' compilation instead of letting the mocks drift. Hooks and
 * k8s* calls are jest.fn()s that each test programs; components render plain, accessible stand-ins.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import * as k8sRef from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/k8s-ref';
import { forwardRef, type ReactNode } from 'react';

const fn = <F extends (...args: never[]) => unknown>() =>
  jest.fn() as unknown as jest.MockedFunction<F>;

/**
 * Until a test programs it, a watch answers as the console's does while it loads: no data yet
 * (an empty list, or null for one object), not loaded, and `''` for "no error", as the console's
 * reducers start every watch.
 */
export const useK8sWatchResource = jest.fn((resource: SDK.WatchK8sResource | null) =>
  resource ? [resource.isList ? [] : null, false, ''] : [undefined, true, undefined],
) as unknown as jest.MockedFunction<typeof SDK.useK8sWatchResource>;
export const useK8sWatchResources = fn<typeof SDK.useK8sWatchResources>();
export const useAccessReview = fn<typeof SDK.useAccessReview>();
export const useFlag = fn<typeof SDK.useFlag>();
export const useActivePerspective = fn<typeof SDK.useActivePerspective>();
export const k8sGet = fn<typeof SDK.k8sGet>();
export const k8sCreate = fn<typeof SDK.k8sCreate>();
export const k8sUpdate = fn<typeof SDK.k8sUpdate>();
export const k8sPatch = fn<typeof SDK.k8sPatch>();
export const k8sDelete = fn<typeof SDK.k8sDelete>();
export const k8sListItems = fn<typeof SDK.k8sListItems>();
/** Until a test programs it, a request has not been answered yet. */
export const consoleFetchJSON = jest.fn(
  () => new Promise<never>(() => undefined),
) as unknown as jest.MockedFunction<typeof SDK.consoleFetchJSON>;

/** Until a test programs it, a request has not been answered yet. */
export const consoleFetch = jest.fn(
  () => new Promise<never>(() => undefined),
) as unknown as jest.MockedFunction<typeof SDK.consoleFetch>;

/** Pure, so the SDK's own code, as the dev shell provides it too. */
export const getGroupVersionKindForModel: typeof SDK.getGroupVersionKindForModel =
  k8sRef.getGroupVersionKindForModel;

export const DocumentTitle: typeof SDK.DocumentTitle = ({ children }) => <title>{children}</title>;

export const ListPageHeader: typeof SDK.ListPageHeader = ({ title, children }) => (
  <header>
    <h1>{title}</h1>
    {children}
  </header>
);

export const ResourceLink: typeof SDK.ResourceLink = ({
  name,
  displayName,
  groupVersionKind,
  kind,
  children,
}) => {
  const k = groupVersionKind?.kind ?? kind ?? '';
  return (
    <a href={`/k8s/cluster/${k}/${name ?? ''}`} data-kind={k}>
      {displayName ?? name}
      {children}
    </a>
  );
};

export const Timestamp: typeof SDK.Timestamp = ({ timestamp }) => (
  <time dateTime={String(timestamp)}>{String(timestamp)}</time>
);

/** A textarea in place of Monaco: same value/onChange contract as the console's editor. */
const TextEditor = forwardRef<unknown, SDK.CodeEditorProps>(
  ({ value, onChange, language }, _ref) => (
    <textarea
      aria-label={`${language ?? 'text'} editor`}
      value={value}
      onChange={(e) => onChange?.(e.target.value, undefined as never)}
    />
  ),
);
TextEditor.displayName = 'TextEditor';
export const CodeEditor = TextEditor as unknown as typeof SDK.CodeEditor;
export const YAMLEditor = TextEditor as unknown as typeof SDK.YAMLEditor;

export const HorizontalNav: typeof SDK.HorizontalNav = ({ pages }) => (
  <nav>
    {pages.map((p) => (
      <span key={p.href ?? p.path}>{p.name}</span>
    ))}
  </nav>
);

export const ErrorBoundaryFallbackPage = ({ errorMessage }: { errorMessage: ReactNode }) => (
  <div role="alert">{errorMessage}</div>
);
