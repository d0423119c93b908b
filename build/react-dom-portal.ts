/**
 * What the plugin's build uses in place of react-dom (see webpack.config.ts).
 *
 * The console shares `react` with plugins but not `react-dom`, and PatternFly imports react-dom
 * for one function only: createPortal (popper menus, modals, alert groups, toolbar filters).
 * Bundling react-dom for it cost about 40 KB of gzip-compressed JavaScript, and put a second,
 * never-rendering copy of ReactDOM in the console. A portal is plain data: an element whose
 * `$$typeof` is Symbol.for('react.portal') (react-is publishes that type as `Portal`), which
 * the console's own ReactDOM renders into `containerInfo`. The build fails if any module asks
 * react-dom for anything else (module.parser.javascript.exportsPresence).
 */
import type { ReactNode, ReactPortal } from 'react';

const REACT_PORTAL_TYPE = Symbol.for('react.portal');

const ELEMENT_NODE = 1;
const DOCUMENT_NODE = 9;
const DOCUMENT_FRAGMENT_NODE = 11;

const isContainer = (node: unknown): node is Element | DocumentFragment => {
  const type = (node as { nodeType?: unknown } | null | undefined)?.nodeType;
  return type === ELEMENT_NODE || type === DOCUMENT_NODE || type === DOCUMENT_FRAGMENT_NODE;
};

export const createPortal = (
  children: ReactNode,
  container: Element | DocumentFragment,
  key: string | number | null = null,
): ReactPortal => {
  if (!isContainer(container)) throw new Error('Target container is not a DOM element.');
  return {
    $$typeof: REACT_PORTAL_TYPE,
    key: key == null ? null : String(key),
    children,
    containerInfo: container,
    implementation: null,
  } as unknown as ReactPortal;
};

export default { createPortal };
