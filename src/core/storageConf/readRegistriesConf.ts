/**
 * Finds `additional-layer-store-auth-helper` in a node's registries.conf and its drop-ins.
 *
 * The key is top-level TOML. containers/image reads /etc/containers/registries.conf, then every
 * `*.conf` file of /etc/containers/registries.conf.d in lexical order, and a later file that sets
 * the key wins. Without the helper, stargz-store (>= 0.16) gets no registry credentials, so
 * private images are silently pulled in full.
 */
import { parse } from 'smol-toml';
import { describeTomlError, tomlTypeName } from './tomlErrors';

export const REGISTRIES_CONF_PATH = '/etc/containers/registries.conf';
export const REGISTRIES_CONF_DROP_IN_DIR = '/etc/containers/registries.conf.d';
export const AUTH_HELPER_KEY = 'additional-layer-store-auth-helper';

export interface RegistriesConfSource {
  /** Where the text came from, for messages (a path or a file name). */
  name: string;
  text: string;
}

export interface AuthHelperSetting {
  /** The helper's name, when some file sets it to a non-empty string. */
  helper?: string;
  /** The file whose value won. */
  source?: string;
  errors: string[];
}

/** The drop-in files containers/image reads, in the order it reads them. */
export const orderRegistriesDropIns = (fileNames: readonly string[]): string[] =>
  fileNames.filter((name) => name.endsWith('.conf')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Sources in reading order: the main file first, then the drop-ins as ordered above. */
export const readAuthHelper = (sources: readonly RegistriesConfSource[]): AuthHelperSetting => {
  const setting: AuthHelperSetting = { errors: [] };
  for (const source of sources) {
    let document: Record<string, unknown>;
    try {
      document = parse(source.text);
    } catch (error) {
      setting.errors.push(describeTomlError(source.name, error));
      continue;
    }
    const value = document[AUTH_HELPER_KEY];
    if (value === undefined) continue;
    if (typeof value !== 'string') {
      setting.errors.push(
        `${source.name}: ${AUTH_HELPER_KEY} must be a string, not ${tomlTypeName(value)}`,
      );
      continue;
    }
    // An empty string does not unset an earlier value: containers/image merges non-empty values.
    if (value === '') continue;
    setting.helper = value;
    setting.source = source.name;
  }
  return setting;
};
