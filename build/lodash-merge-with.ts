/**
 * What the plugin's build uses in place of lodash's mergeWith (see webpack.config.ts).
 *
 * PatternFly's Table imports `lodash/mergeWith` for one thing: merging the props its decorators
 * compute for each header and body cell (`mergeProps` in react-table's base/merge-props.js, with
 * a customizer for `children` and `className`). lodash's merge brings its whole deep-clone
 * machinery (typed arrays, buffers, maps, stacks): about 4.4 KB of the plugin's gzip-compressed
 * JavaScript, for objects of a few plain keys.
 *
 * This is lodash's documented merge, for the values those props hold: own and inherited
 * enumerable string keys of each source, left to right; plain objects and arrays merged
 * recursively (into the destination's object or array when it has one, else into a new one);
 * anything else assigned; a source value `undefined` skipped when the destination has the key;
 * the customizer asked first for every key at every depth, its `undefined` meaning "merge as
 * usual". Where lodash would go further, this does not: `arguments` objects, typed arrays and
 * buffers are assigned as they are rather than copied. build/__tests__ compares it with lodash
 * on generated props and on PatternFly's own customizer.
 */

type Json = Record<string, unknown>;
type Customizer = (
  objValue: unknown,
  srcValue: unknown,
  key: string,
  object: Json,
  source: Json,
) => unknown;

const isObject = (value: unknown): value is Json =>
  value !== null && (typeof value === 'object' || typeof value === 'function');

const objectSource = Function.prototype.toString.call(Object);

/** An object made by `{}`, `new Object` or Object.create(null), as lodash's isPlainObject says. */
const isPlainObject = (value: unknown): value is Json => {
  if (value === null || typeof value !== 'object') return false;
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const ctor: unknown = Object.hasOwn(proto as object, 'constructor')
    ? (proto as { constructor: unknown }).constructor
    : undefined;
  return (
    typeof ctor === 'function' &&
    ctor instanceof ctor &&
    Function.prototype.toString.call(ctor) === objectSource
  );
};

const isArrayLikeObject = (value: unknown): value is ArrayLike<unknown> => {
  if (value === null || typeof value !== 'object') return false;
  const { length } = value as { length?: unknown };
  return typeof length === 'number' && Number.isSafeInteger(length) && length >= 0;
};

/** A key's value, except the two that would reach a prototype (as lodash reads them). */
const safeGet = (object: Json, key: string): unknown =>
  key === '__proto__' || (key === 'constructor' && typeof object[key] === 'function')
    ? undefined
    : object[key];

/** SameValueZero, as lodash compares before it assigns. */
const same = (a: unknown, b: unknown): boolean => a === b || (a !== a && b !== b);

const assign = (object: Json, key: string, value: unknown): void => {
  if (value === undefined ? key in object : same(object[key], value)) return;
  if (key === '__proto__') {
    Object.defineProperty(object, key, {
      configurable: true,
      enumerable: true,
      writable: true,
      value,
    });
  } else {
    object[key] = value;
  }
};

const mergeDeep = (
  object: Json,
  source: Json,
  key: string,
  customizer: Customizer | undefined,
  seen: Map<unknown, unknown>,
): void => {
  const objValue = safeGet(object, key);
  const srcValue = safeGet(source, key);
  // A source that holds itself: the object already made for it, as lodash's stack gives it.
  if (seen.has(srcValue)) {
    assign(object, key, seen.get(srcValue));
    return;
  }
  let value = customizer?.(objValue, srcValue, key, object, source);
  let recurse = value === undefined;
  if (recurse) {
    if (Array.isArray(srcValue)) {
      value = Array.isArray(objValue)
        ? objValue
        : isArrayLikeObject(objValue)
          ? Array.from({ length: objValue.length }, (_, i) => objValue[i])
          : [];
    } else if (isPlainObject(srcValue)) {
      // Into the destination's object, or a new plain one (lodash's clone of a plain object
      // is `{}`, whatever the source's prototype, null included).
      value = isObject(objValue) && typeof objValue !== 'function' ? objValue : {};
    } else {
      value = srcValue;
      recurse = false;
    }
  }
  if (recurse) {
    seen.set(srcValue, value);
    mergeInto(value as Json, srcValue as Json, customizer, seen);
    seen.delete(srcValue);
  }
  assign(object, key, value);
};

const mergeInto = (
  object: Json,
  source: Json,
  customizer: Customizer | undefined,
  seen: Map<unknown, unknown>,
): void => {
  // for...in: own and inherited enumerable string keys, as lodash's keysIn.
  for (const key in source) {
    const srcValue = source[key];
    if (isObject(srcValue)) {
      mergeDeep(object, source, key, customizer, seen);
      continue;
    }
    let value = customizer?.(safeGet(object, key), srcValue, key, object, source);
    if (value === undefined) value = srcValue;
    assign(object, key, value);
  }
};

/**
 * `mergeWith(object, ...sources, customizer)`: merges the sources into `object` and returns it.
 * The last argument is the customizer when it is a function and follows at least one source.
 */
const mergeWith = (object: unknown, ...args: unknown[]): unknown => {
  const target = Object(object) as Json;
  const customizer =
    args.length > 1 && typeof args[args.length - 1] === 'function'
      ? (args.pop() as Customizer)
      : undefined;
  for (const source of args) {
    if (source != null && source !== target) {
      mergeInto(target, Object(source) as Json, customizer, new Map());
    }
  }
  return target;
};

export default mergeWith;
