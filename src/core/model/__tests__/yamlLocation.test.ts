import { locateField } from '../yamlLocation';

const TEXT = [
  'apiVersion: machineconfiguration.openshift.io/v1',
  'kind: ContainerRuntimeConfig',
  'metadata:',
  '  name: lazy',
  'spec:',
  '  lazyPull:',
  '    enabled: true',
  '  containerRuntimeConfig:',
  '    lazyPull: true',
  '    additionalLayerStores:',
  '      - path: /var/lib/stargz-store/store',
  '        foo: 1',
  '      - {path: /b, "a.b": 2}',
  '',
].join('\n');

/** The text an editor would select for a range, counted by hand from TEXT above. */
const selected = (range: ReturnType<typeof locateField>): string => {
  if (range === null) return '<none>';
  const lines = TEXT.split('\n');
  expect(range.endLine).toBe(range.startLine);
  return lines[range.startLine - 1].slice(range.startColumn - 1, range.endColumn - 1);
};

describe('locateField', () => {
  it('finds the key of a field at every level, in block and flow style', () => {
    expect(locateField(TEXT, 'spec.lazyPull')).toEqual({
      startLine: 6,
      startColumn: 3,
      endLine: 6,
      endColumn: 11,
    });
    expect(locateField(TEXT, 'spec.containerRuntimeConfig.lazyPull')?.startLine).toBe(9);
    expect(
      selected(locateField(TEXT, 'spec.containerRuntimeConfig.additionalLayerStores[0].foo')),
    ).toBe('foo');
    // A key that holds a dot, in a flow mapping.
    expect(
      selected(locateField(TEXT, 'spec.containerRuntimeConfig.additionalLayerStores[1].a.b')),
    ).toBe('"a.b"');
    expect(locateField(TEXT, 'metadata.name')?.startLine).toBe(4);
  });

  it('says nothing of a field the text does not hold, or of a text it cannot read', () => {
    expect(locateField(TEXT, 'spec.nope')).toBeNull();
    expect(locateField(TEXT, 'spec.containerRuntimeConfig.additionalLayerStores[5]')).toBeNull();
    expect(locateField(TEXT, 'spec.lazyPull[0]')).toBeNull();
    expect(locateField('', 'spec')).toBeNull();
    expect(locateField(': : [', 'spec')).toBeNull();
  });
});
