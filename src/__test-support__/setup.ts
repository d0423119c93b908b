import '@testing-library/jest-dom';
import { TextDecoder, TextEncoder } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import catalog from '../../locales/en/plugin__lazy-pull-console-plugin.json';

// The real English catalog, so a test fails when a string is used that extraction missed.
void i18next.use(initReactI18next).init({
  lng: 'en',
  fallbackLng: 'en',
  ns: ['plugin__lazy-pull-console-plugin'],
  defaultNS: 'plugin__lazy-pull-console-plugin',
  resources: { en: { 'plugin__lazy-pull-console-plugin': catalog } },
  nsSeparator: '~',
  keySeparator: false,
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

// jsdom lacks TextEncoder (react-router 7 needs it) and structuredClone (the core uses it, and
// every browser the console supports has it); Node's are the same standard APIs.
if (typeof globalThis.TextEncoder === 'undefined') {
  Object.assign(globalThis, { TextEncoder, TextDecoder });
}
if (typeof globalThis.structuredClone !== 'function') {
  Object.assign(globalThis, {
    structuredClone: <T>(value: T): T => deserialize(serialize(value)) as T,
  });
}

// Each test starts in a fresh browser tab: the editor keeps drafts in session storage.
beforeEach(() => {
  if (typeof window !== 'undefined') window.sessionStorage.clear();
});
