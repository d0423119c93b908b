/**
 * @jest-environment jsdom
 */
import { css } from '@patternfly/react-styles';
import { Td, Th, Thead, Tbody, Table, Tr } from '@patternfly/react-table';
import { render, screen } from '@testing-library/react';
import fc from 'fast-check';
import { cloneElement, createElement, type ReactElement } from 'react';
import mergeWith from '../lodash-merge-with';

// PatternFly's Table, rendered below, gets the stand-in, as in the plugin's build; counted.
jest.mock('lodash/mergeWith', () => {
  const standIn = jest.requireActual<{ default: (...args: unknown[]) => unknown }>(
    '../lodash-merge-with',
  ).default;
  return jest.fn(standIn);
});
// The real lodash, which npm installs for PatternFly's Table: the reference.
const lodashMergeWith = jest.requireActual<(...args: unknown[]) => unknown>('lodash/mergeWith');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tableMergeWith = require('lodash/mergeWith') as jest.Mock;

/** PatternFly's customizer for cell props (react-table's base/merge-props.js), as a fact. */
const patternflyCustomizer = (a: unknown, b: unknown, key: string): unknown => {
  if (key === 'children') {
    if (a && b) return cloneElement(a as ReactElement, { children: b } as object);
    return { ...(b as object), ...(a as object) };
  }
  if (key === 'className') return css(a, b);
  return undefined;
};

/** How PatternFly calls mergeWith, with either implementation. */
const mergeProps = (merge: (...args: unknown[]) => unknown, ...props: object[]) => {
  const [first, ...rest] = props;
  if (rest.length === 0) return merge({}, first);
  return merge(merge({}, first), ...rest, patternflyCustomizer);
};

const handlers = [() => 'a', () => 'b'];
const KEYS = ['className', 'children', 'style', 'onClick', 'aria-sort', 'width', 'a', 'b'];

/** Values of the kinds cell props hold: text, numbers, flags, handlers, elements, lists, objects. */
const values = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<unknown>(undefined, null, true, false, 0, -0, Number.NaN, 1, 'x', 'pf-m-x', ''),
    fc.string({ maxLength: 3 }),
    fc.constantFrom(...handlers),
    fc.constantFrom('span', 'b').map((type) => createElement(type, { id: 'e' }, 'text')),
    fc.array(tie('value'), { maxLength: 3 }),
    tie('object'),
  ),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 }),
}));

describe('the plugin build’s mergeWith', () => {
  it('merges cell props as lodash does, with PatternFly’s customizer', () => {
    fc.assert(
      fc.property(fc.array(values.object, { minLength: 1, maxLength: 4 }), (props) => {
        const ours = mergeProps(mergeWith, ...structuredCloneProps(props));
        const theirs = mergeProps(lodashMergeWith, ...structuredCloneProps(props));
        expect(ours).toStrictEqual(theirs);
      }),
      { numRuns: 3000 },
    );
  });

  it('merges like lodash without a customizer, and leaves the sources as they were', () => {
    fc.assert(
      fc.property(fc.array(values.object, { minLength: 1, maxLength: 4 }), (sources) => {
        const before = structuredCloneProps(sources);
        const ours = mergeWith({}, ...sources);
        expect(ours).toStrictEqual(lodashMergeWith({}, ...structuredCloneProps(sources)));
        expect(sources).toStrictEqual(before);
      }),
      { numRuns: 3000 },
    );
  });

  it('follows lodash on the edges: undefined, arrays into objects, cycles, __proto__', () => {
    const cases: unknown[][] = [
      [{ a: 1 }, { a: undefined }],
      [{}, { a: undefined }],
      [{ a: [1, 2, 3] }, { a: [9] }],
      [{ a: { x: 1 } }, { a: [7] }],
      [{ a: [1] }, { a: { x: 1 } }],
      [{ a: 'text' }, { a: { x: 1 } }],
      [{ a: handlers[0] }, { a: { x: 1 } }],
      [{ a: { x: 1 } }, { a: handlers[1] }],
      [{}, JSON.parse('{"__proto__": {"polluted": true}}') as unknown],
      [{}, { a: 1 }, null, undefined, { b: 2 }],
    ];
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    cases.push([{}, cyclic]);
    for (const [target, ...sources] of cases) {
      const ours = mergeWith(structuredCloneProps([target])[0], ...sources) as object;
      const theirs = lodashMergeWith(structuredCloneProps([target])[0], ...sources) as object;
      expect(ours).toStrictEqual(theirs);
    }
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('takes a last function as the customizer only after a source', () => {
    const fn = Object.assign(() => 1, { own: 'prop' });
    expect(mergeWith({}, fn)).toStrictEqual(lodashMergeWith({}, fn));
    expect(mergeWith({ a: 1 }, { a: 2 }, () => 'custom')).toStrictEqual({ a: 'custom' });
  });

  it('renders PatternFly’s sortable table through it', () => {
    tableMergeWith.mockClear();
    render(
      <Table aria-label="Nodes">
        <Thead>
          <Tr>
            <Th
              sort={{
                sortBy: { index: 0, direction: 'asc' },
                onSort: () => undefined,
                columnIndex: 0,
              }}
            >
              Node
            </Th>
            <Th className="extra" width={20}>
              Pool
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          <Tr>
            <Td dataLabel="Node">gpu-1</Td>
            <Td dataLabel="Pool">gpu</Td>
          </Tr>
        </Tbody>
      </Table>,
    );
    const sorted = screen.getByRole('columnheader', { name: 'Node' });
    expect(sorted).toHaveAttribute('aria-sort', 'ascending');
    expect(screen.getByRole('button', { name: 'Node' })).toBeInTheDocument();
    const pool = screen.getByRole('columnheader', { name: 'Pool' });
    expect(pool.className).toMatch(/extra/);
    expect(pool.className).toMatch(/pf-m-width-20/);
    expect(screen.getByRole('cell', { name: 'gpu-1' })).toHaveAttribute('data-label', 'Node');
    expect(tableMergeWith).toHaveBeenCalled();
  });
});

/**
 * Fresh copies of generated props (both implementations mutate their targets): plain objects
 * and arrays copied, elements and functions shared, as a caller building new props would.
 */
function structuredCloneProps<T>(values: T[]): T[] {
  const copy = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(copy);
    const proto: unknown =
      v !== null && typeof v === 'object' ? Object.getPrototypeOf(v) : undefined;
    if (v !== null && typeof v === 'object' && (proto === Object.prototype || proto === null)) {
      if ((v as { $$typeof?: unknown }).$$typeof !== undefined) return v;
      const out = Object.create(proto) as Record<string, unknown>;
      for (const key of Object.keys(v)) {
        const value = (v as Record<string, unknown>)[key];
        if (key === '__proto__') {
          Object.defineProperty(out, key, {
            enumerable: true,
            configurable: true,
            writable: true,
            value: copy(value),
          });
        } else out[key] = value === v ? out : copy(value);
      }
      return out;
    }
    return v;
  };
  return values.map((v) => copy(v) as T);
}
