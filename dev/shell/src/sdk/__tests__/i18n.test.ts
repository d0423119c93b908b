/**
 * @jest-environment jsdom
 */
/**
 * The shell's i18n as the console's (its public/i18n.js): namespaces read from the console's
 * server as /locales/resource.json, a missing key logged as an error, `<html lang>` following the
 * language. The earlier stand-in read plugin locales from the plugin's path, ignored missing keys
 * and left `lang` alone.
 */
import type * as ShellI18n from '../../i18n';

// A fresh i18next (the test set-up initializes the shared one for the plugin's tests).
let i18next: typeof ShellI18n.i18next;

const fetchMock = jest.fn((_url: string) =>
  Promise.resolve({
    ok: true,
    status: 200,
    json: () => Promise.resolve({ Hello: 'Hola' }),
  } as unknown as Response),
);

beforeAll(async () => {
  (globalThis as { fetch: unknown }).fetch = fetchMock;
  window.SERVER_FLAGS = {
    ...window.SERVER_FLAGS,
    basePath: '/',
    i18nNamespaces: ['plugin__demo'],
  };
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  jest.resetModules();
  const shellI18n = jest.requireActual<typeof ShellI18n>('../../i18n');
  i18next = shellI18n.i18next;
  await shellI18n.initI18n();
});

describe('the shell’s i18n', () => {
  it('reads every namespace from /locales/resource.json', () => {
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(
      expect.arrayContaining([
        '/locales/resource.json?lng=en&ns=public',
        '/locales/resource.json?lng=en&ns=plugin__demo',
      ]),
    );
  });

  it('logs a missing key as an error', () => {
    i18next.t('plugin__demo~Not in the catalog');
    expect(console.error).toHaveBeenCalledWith(
      'Missing i18n key "Not in the catalog" in namespace "plugin__demo" and language "en".',
    );
  });

  it('sets <html lang> to the language shown', async () => {
    await i18next.changeLanguage('es');
    expect(document.documentElement.getAttribute('lang')).toBe('es');
    expect(i18next.t('plugin__demo~Hello')).toBe('Hola');
  });
});
