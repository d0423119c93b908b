/**
 * @jest-environment jsdom
 */
import { act, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createPortal } from '../react-dom-portal';

// The stand-in's portals are rendered by the real ReactDOM, as the console's renders them.
describe('the plugin build’s createPortal', () => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

  it('renders its children into the target container, with updates and events reaching them', () => {
    const host = document.createElement('div');
    const target = document.createElement('div');
    document.body.append(host, target);
    const clicks: string[] = [];

    const Menu = () => {
      const [count, setCount] = useState(0);
      return (
        // A click in the portal bubbles to the React parent, as with react-dom's own portals.
        <div onClick={() => clicks.push('parent')}>
          <span id="inline">inline</span>
          {createPortal(
            <button id="item" onClick={() => setCount((c) => c + 1)}>
              clicked {count}
            </button>,
            target,
          )}
        </div>
      );
    };

    const root = createRoot(host);
    act(() => root.render(<Menu />));
    expect(host.querySelector('#inline')?.textContent).toBe('inline');
    expect(host.querySelector('#item')).toBeNull();
    const button = target.querySelector('#item') as HTMLButtonElement;
    expect(button.textContent).toBe('clicked 0');

    act(() => button.click());
    expect(button.textContent).toBe('clicked 1');
    expect(clicks).toEqual(['parent']);

    act(() => root.unmount());
    expect(target.childNodes).toHaveLength(0);
  });

  it('keeps a key, and refuses a target that is not a DOM container', () => {
    const target = document.createElement('div');
    expect(createPortal('x', target, 7)).toMatchObject({ key: '7', containerInfo: target });
    expect(createPortal('x', target).key).toBeNull();
    expect(() => createPortal('x', null as unknown as Element)).toThrow(/not a DOM element/);
    expect(() => createPortal('x', document.createTextNode('t') as unknown as Element)).toThrow(
      /not a DOM element/,
    );
  });
});
