/**
 * i18next as the console sets it up: namespace and context separator `~` (so `plugin__x~Text`
 * names a key of namespace `plugin__x`), no key separator, English fallback, Suspense while a
 * namespace loads, a missing key logged as a console error, and `<html lang>` following the
 * language. Every namespace is read from the console's server as
 * `/locales/resource.json?lng=<lng>&ns=<ns>` (which serves a plugin's own locales); those listed in
 * SERVER_FLAGS.i18nNamespaces (ConsolePlugin i18n loadType Preload) are loaded before the first
 * render.
 */
import i18next, { type BackendModule, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { serverFlags } from './server-flags';

const pluginLocalesBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read: (language, namespace, callback) => {
    const query = new URLSearchParams({ lng: language, ns: namespace });
    fetch(`${serverFlags.basePath}locales/resource.json?${query.toString()}`)
      .then(async (res) => {
        if (res.status === 404) return {};
        if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
        return (await res.json()) as Record<string, string>;
      })
      .then((data) => callback(null, data))
      .catch((e: unknown) => {
        console.error(`Failed to load i18n namespace ${namespace} (${language}):`, e);
        callback(e as Error, false);
      });
  },
};

export const initI18n = async (): Promise<void> => {
  i18next.on('languageChanged', (lng) => document.documentElement.setAttribute('lang', lng));
  await i18next
    .use(pluginLocalesBackend)
    .use(initReactI18next)
    .init({
      lng: new URLSearchParams(window.location.search).get('lng') ?? 'en',
      fallbackLng: 'en',
      load: 'languageOnly',
      ns: ['public', ...serverFlags.i18nNamespaces],
      defaultNS: 'public',
      nsSeparator: '~',
      contextSeparator: '~',
      keySeparator: false,
      saveMissing: true,
      missingKeyHandler: (lngs, ns, key) =>
        console.error(
          `Missing i18n key "${key}" in namespace "${ns}" and language "${lngs.join(', ')}".`,
        ),
      interpolation: { escapeValue: false },
      react: { useSuspense: true },
      returnEmptyString: false,
      showSupportNotice: false,
    });
};

/** Labels in console-extensions.json are `%namespace~Text%`; others are shown as they are. */
export const translateLabel = (label: string | undefined, t: TFunction): string => {
  if (!label) return '';
  const m = /^%(.+)%$/.exec(label);
  return m ? t(m[1]) : label;
};

export { i18next };
