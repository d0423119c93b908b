/**
 * i18next as the console sets it up: namespace separator `~` (so `plugin__x~Text` names a key of
 * namespace `plugin__x`), no key separator, English fallback, Suspense while a namespace loads.
 * Plugin namespaces (`plugin__<name>`) are read from the plugin's own locales through the console's
 * plugin proxy, `/api/plugins/<name>/locales/<lng>/<ns>.json`; those listed in
 * SERVER_FLAGS.i18nNamespaces (ConsolePlugin i18n loadType Preload) are loaded before the first render.
 */
import i18next, { type BackendModule, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { serverFlags } from './server-flags';

const PLUGIN_NS = /^plugin__(.+)$/;

const pluginLocalesBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read: (language, namespace, callback) => {
    const m = PLUGIN_NS.exec(namespace);
    if (!m) {
      callback(null, {});
      return;
    }
    fetch(`${serverFlags.basePath}api/plugins/${m[1]}/locales/${language}/${namespace}.json`)
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
      keySeparator: false,
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
