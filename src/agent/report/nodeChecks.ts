/** Checks about the node as a whole: its storage.conf and its registries configuration. */
import type { HealthCheck } from '../../core/health/report';
import { AUTH_HELPER_KEY } from '../../core/storageConf/readRegistriesConf';
import { STORAGE_CONF_PATH } from '../../core/storageConf/readStores';
import type { RegistriesState, StorageConfState } from '../inspect/inspectNode';

/** Enough of a list of problems to act on; the rest is in the agent's log. */
const firstProblems = (problems: readonly string[], shown = 3): string =>
  problems.slice(0, shown).join('; ') +
  (problems.length > shown ? `; and ${problems.length - shown} more` : '');

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export const storageConfCheck = (state: StorageConfState): HealthCheck => {
  const id = 'storage-conf';
  switch (state.kind) {
    case 'missing':
      return {
        id,
        status: 'warn',
        message: `${STORAGE_CONF_PATH} does not exist (or is not mounted into the agent): containers/storage uses its defaults, which name no additional layer store.`,
      };
    case 'unreadable':
      return {
        id,
        status: 'fail',
        message: `${STORAGE_CONF_PATH} could not be read (${state.error}).`,
      };
    case 'read': {
      const { errors, layerStores } = state.stores;
      if (errors.length > 0) {
        return {
          id,
          status: 'fail',
          message: `${STORAGE_CONF_PATH} is broken, and CRI-O's storage may not start: ${firstProblems(errors)}.`,
        };
      }
      return {
        id,
        status: 'pass',
        message:
          layerStores.length === 0
            ? `${STORAGE_CONF_PATH} names no additional layer store: lazy pulling is not configured.`
            : `${STORAGE_CONF_PATH} names ${plural(layerStores.length, 'additional layer store')}.`,
      };
    }
  }
};

/** Only meaningful when a layer store is configured: the credentials go to the store. */
export const authHelperCheck = (registries: RegistriesState): HealthCheck => {
  const id = 'auth-helper';
  const problems = [
    ...registries.errors,
    ...registries.unreadable.map((file) => `${file} could not be read`),
  ];
  const trouble =
    problems.length > 0
      ? ` Problems reading the registries configuration: ${firstProblems(problems)}.`
      : '';
  if (registries.helper === undefined) {
    return {
      id,
      status: 'warn',
      message: `${AUTH_HELPER_KEY} is not set in registries.conf or registries.conf.d: the store gets no registry credentials, so private images are pulled in full, not lazily.${trouble}`,
    };
  }
  return {
    id,
    status: problems.length > 0 ? 'warn' : 'pass',
    message: `${AUTH_HELPER_KEY} is "${registries.helper}" (set in ${registries.source ?? 'registries.conf'}).${trouble}`,
  };
};
