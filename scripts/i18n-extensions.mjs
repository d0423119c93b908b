// Adds the %plugin__…~Text% labels of console-extensions.json to the English catalog, which
// i18next-parser cannot see, and writes the catalog sorted so that extraction is deterministic.
import { readFileSync, writeFileSync } from 'node:fs';

const NS = 'plugin__lazy-pull-console-plugin';
const catalogPath = `locales/en/${NS}.json`;
const extensions = readFileSync('console-extensions.json', 'utf8');
const catalog = JSON.parse(readFileSync(catalogPath, 'utf8'));

const label = new RegExp(`%${NS}~([^%]+)%`, 'g');
for (const [, text] of extensions.matchAll(label)) catalog[text] = text;

const sorted = Object.fromEntries(
  Object.keys(catalog)
    .sort()
    .map((k) => [k, catalog[k]]),
);
writeFileSync(catalogPath, `${JSON.stringify(sorted, null, 2)}\n`);
