// Every language OpenShift's own plugins ship must translate every string of the English
// catalog: no missing keys, no stale ones, no English copied as a "translation" (except strings
// that read the same in that language, listed in locales/<lang>/same-as-english.json), and the
// same {{placeholders}} as the English text.
import { existsSync, readFileSync } from 'node:fs';

const NS = 'plugin__lazy-pull-console-plugin';
const LANGUAGES = ['es', 'fr', 'ja', 'ko', 'zh'];
const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
const english = read(`locales/en/${NS}.json`);
const placeholders = (s) => [...s.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]).sort().join(',');

let problems = 0;
const problem = (message) => {
  problems += 1;
  console.error(message);
};

for (const lang of LANGUAGES) {
  const path = `locales/${lang}/${NS}.json`;
  if (!existsSync(path)) {
    problem(`${lang}: ${path} is missing`);
    continue;
  }
  const catalog = read(path);
  const sameFile = `locales/${lang}/same-as-english.json`;
  const same = new Set(existsSync(sameFile) ? read(sameFile) : []);
  for (const key of Object.keys(english)) {
    const value = catalog[key];
    if (typeof value !== 'string' || value.trim() === '') problem(`${lang}: missing translation of ${JSON.stringify(key)}`);
    else if (value === english[key] && !same.has(key)) problem(`${lang}: ${JSON.stringify(key)} is not translated`);
    else if (placeholders(value) !== placeholders(english[key])) problem(`${lang}: ${JSON.stringify(key)} changes the placeholders`);
  }
  for (const key of Object.keys(catalog)) {
    if (!(key in english)) problem(`${lang}: stale key ${JSON.stringify(key)} (not in the English catalog)`);
  }
  for (const key of same) {
    if (!(key in english)) problem(`${lang}: same-as-english.json names ${JSON.stringify(key)}, which is not in the English catalog`);
  }
}
if (problems > 0) {
  console.error(`translations: ${problems} problem(s)`);
  process.exit(1);
}
console.log(`translations: ${LANGUAGES.join(', ')} complete for ${Object.keys(english).length} strings`);
