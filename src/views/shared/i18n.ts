import { useTranslation } from 'react-i18next';

/** The plugin's i18n namespace; the console loads locales/<lang>/<namespace>.json from the plugin. */
export const I18N_NAMESPACE = 'plugin__lazy-pull-console-plugin';

export const useLazyPullTranslation = () => useTranslation(I18N_NAMESPACE);
