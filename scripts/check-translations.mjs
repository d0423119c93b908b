// Every language OpenShift's own plugins ship must translate every string of the English
// catalog: no missing keys, no stale ones, no English copied as a "translation" (except strings
// that read the same in that language, listed in locales/<lang>/same-as-english.json), and the
// same {{placeholders}} as the English text.
import { existsSync, readFileSync } from 'node:fs';

const NS = 'plugin__lazy-pull-console-plugin';
const LANGUAGES = ['es', 'fr', 'ja', 'ko', 'zh'];
const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
const english = read(`locales/en/${NS}.json`);
// {{count}} may be left out of a plural form ("un nœud" for one node); every other placeholder stays.
const placeholders = (s) =>
  [...new Set([...s.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]))].filter(
    (name) => name !== 'count',
  );

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
  // Plural keys follow each language's own categories (ja has only _other, fr has _one, _many
  // and _other…), so the keys a language needs are derived from the English ones.
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  const required = new Map();
  for (const key of Object.keys(english)) {
    const plural = /^(.*)_(zero|one|two|few|many|other)$/s.exec(key);
    if (!plural) required.set(key, { source: english[key], other: english[key] });
    else
      for (const c of categories) {
        const other = english[`${plural[1]}_other`] ?? english[key];
        required.set(`${plural[1]}_${c}`, { source: english[`${plural[1]}_${c}`] ?? other, other });
      }
  }
  for (const [key, { source, other }] of required) {
    const value = catalog[key];
    if (typeof value !== 'string' || value.trim() === '')
      problem(`${lang}: missing translation of ${JSON.stringify(key)}`);
    else if (value === source && !same.has(key))
      problem(`${lang}: ${JSON.stringify(key)} is not translated`);
    else {
      // A form keeps every placeholder of its English form, and may use those of the plural's
      // "other" form too (one node may still read "at most {{batch}} at a time").
      const have = placeholders(value);
      const allowed = new Set([...placeholders(source), ...placeholders(other)]);
      if (placeholders(source).some((p) => !have.includes(p)) || have.some((p) => !allowed.has(p)))
        problem(`${lang}: ${JSON.stringify(key)} changes the placeholders`);
    }
  }
  for (const key of Object.keys(catalog)) {
    if (!required.has(key))
      problem(`${lang}: stale key ${JSON.stringify(key)} (not in the English catalog)`);
  }
  for (const key of same) {
    if (!required.has(key))
      problem(
        `${lang}: same-as-english.json names ${JSON.stringify(key)}, which is not in the English catalog`,
      );
  }
}
if (problems > 0) {
  console.error(`translations: ${problems} problem(s)`);
  process.exit(1);
}
console.log(
  `translations: ${LANGUAGES.join(', ')} complete for the ${Object.keys(english).length} English strings`,
);
