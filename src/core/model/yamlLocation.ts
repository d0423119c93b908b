import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/**
 * Where a field named by its API path (`spec.containerRuntimeConfig.lazyPull`,
 * `spec.containerRuntimeConfig.additionalLayerStores[0].foo`) is written in a YAML text, so that
 * an editor can mark it at its line. js-yaml, which reads the manifests, keeps no positions; the
 * `yaml` package's document model does, for block and flow style alike.
 */

export interface TextRange {
  /** 1-based, as editors count. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

const keyText = (key: unknown): string | null => {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : null;
};

/**
 * The range of the key of the field at `path` in the first document of `text` (for an item of a
 * list, the item), or null when the text does not hold it. A path's keys may themselves hold dots
 * (an unknown key such as `a.b`): at each level the longest key that the path continues with is
 * taken.
 */
export const locateField = (text: string, path: string): TextRange | null => {
  const lineCounter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  } catch {
    return null;
  }
  let node: unknown = doc.contents;
  let rest = path;
  let range: [number, number] | null = null;
  while (rest !== '') {
    if (isSeq(node)) {
      const m = /^\[(\d+)\](?:\.|(?=\[)|$)/.exec(rest);
      if (!m) return null;
      const item = node.items[Number(m[1])] as Node | undefined;
      if (!item?.range) return null;
      range = [item.range[0], item.range[1]];
      node = item;
      rest = rest.slice(m[0].length);
      continue;
    }
    if (!isMap(node)) return null;
    let best: { key: string; pair: (typeof node.items)[number] } | null = null;
    for (const pair of node.items) {
      const key = keyText(pair.key);
      if (key === null) continue;
      const continues = rest === key || rest.startsWith(`${key}.`) || rest.startsWith(`${key}[`);
      if (continues && (best === null || key.length > best.key.length)) best = { key, pair };
    }
    if (best === null) return null;
    const keyNode = best.pair.key as Node | null;
    if (!keyNode?.range) return null;
    range = [keyNode.range[0], keyNode.range[1]];
    node = best.pair.value;
    rest = rest.slice(best.key.length).replace(/^\./, '');
  }
  if (range === null) return null;
  const start = lineCounter.linePos(range[0]);
  const end = lineCounter.linePos(range[1]);
  return { startLine: start.line, startColumn: start.col, endLine: end.line, endColumn: end.col };
};
