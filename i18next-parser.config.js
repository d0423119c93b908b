// Extracts every t('…') of the console pages into the English catalog; the English text is the key.
module.exports = {
  createOldCatalogs: false,
  defaultNamespace: 'plugin__lazy-pull-console-plugin',
  keySeparator: false,
  namespaceSeparator: '~',
  pluralSeparator: '_',
  locales: ['en'],
  output: 'locales/$LOCALE/$NAMESPACE.json',
  input: ['src/views/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}', '!src/**/__tests__/**'],
  sort: true,
  indentation: 2,
  lineEnding: 'lf',
  keepRemoved: false,
  defaultValue: (_locale, _namespace, key) => key,
  lexers: { ts: ['JavascriptLexer'], tsx: ['JsxLexer'] },
  failOnWarnings: false,
};
