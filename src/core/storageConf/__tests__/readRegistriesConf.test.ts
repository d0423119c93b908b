import { orderRegistriesDropIns, readAuthHelper } from '../readRegistriesConf';

const main = (text: string) => ({ name: '/etc/containers/registries.conf', text });
const dropIn = (name: string, text: string) => ({
  name: `/etc/containers/registries.conf.d/${name}`,
  text,
});

describe('readAuthHelper', () => {
  it('finds the top-level key in registries.conf', () => {
    const text = [
      'unqualified-search-registries = ["registry.access.redhat.com", "docker.io"]',
      'additional-layer-store-auth-helper = "stargz-store-helper"',
      '[[registry]]',
      'location = "quay.io"',
    ].join('\n');
    expect(readAuthHelper([main(text)])).toEqual({
      helper: 'stargz-store-helper',
      source: '/etc/containers/registries.conf',
      errors: [],
    });
  });

  it('ignores the key inside a table: it must be top-level', () => {
    const text = '[[registry]]\nlocation = "quay.io"\nadditional-layer-store-auth-helper = "x"\n';
    expect(readAuthHelper([main(text)])).toEqual({ errors: [] });
  });

  it('lets a later drop-in override, and an empty value not unset', () => {
    const setting = readAuthHelper([
      main('additional-layer-store-auth-helper = "first"'),
      dropIn('10-a.conf', 'additional-layer-store-auth-helper = "second"'),
      dropIn('20-b.conf', 'additional-layer-store-auth-helper = ""'),
    ]);
    expect(setting).toEqual({
      helper: 'second',
      source: '/etc/containers/registries.conf.d/10-a.conf',
      errors: [],
    });
  });

  it('reports garbage and wrong types, and keeps reading the other files', () => {
    const setting = readAuthHelper([
      main('[[registry'),
      dropIn('10-a.conf', 'additional-layer-store-auth-helper = 7'),
      dropIn('20-b.conf', 'additional-layer-store-auth-helper = "stargz-store-helper"'),
    ]);
    expect(setting.helper).toBe('stargz-store-helper');
    expect(setting.errors).toEqual([
      expect.stringMatching(/^\/etc\/containers\/registries\.conf is not valid TOML/),
      '/etc/containers/registries.conf.d/10-a.conf: additional-layer-store-auth-helper must be a string, not a number',
    ]);
  });

  it('finds nothing in no files', () => {
    expect(readAuthHelper([])).toEqual({ errors: [] });
  });
});

describe('orderRegistriesDropIns', () => {
  it('keeps only .conf files, in lexical order', () => {
    expect(
      orderRegistriesDropIns(['b.conf', '001-x.conf', 'README', 'a.conf.bak', 'A.conf']),
    ).toEqual(['001-x.conf', 'A.conf', 'b.conf']);
  });
});
