import '@testing-library/jest-dom';
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
