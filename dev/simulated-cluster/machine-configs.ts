import { createHash } from 'node:crypto';
import { selectorMatches } from '../../src/core/model/labelSelector';
import { MC_ROLE_LABEL as ROLE_LABEL, type LabelSelector } from '../../src/core/model/types';
import { CONTROLLER_VERSION_ANNOTATION, STORAGE_CONF_PATH } from '../../src/core/render';
import {
  decodeMachineConfigFiles,
  findFile,
} from '../../src/core/ignition/decodeMachineConfigFiles';
import { compareMergeOrder, machineConfigRole } from '../../src/core/pools/machineConfigPool';
import { BASE_TEMPLATE_STORAGE_CONF } from '../../src/core/preview/baseStorageConf';
import { isPlainObject, type KubeObject } from './kube-object';
import { apiVersionOf, MACHINE_CONFIGS, MACHINE_CONFIG_POOLS } from './resources';

/**
 * MachineConfigs as the MCO lays them out: the base configs every role gets (00-worker carries
 * the base /etc/containers/storage.conf, percent-encoded, as the real one does), and the rendered
 * config of a pool, which merges the configs its machineConfigSelector picks in the MCO's merge
 * order (worker ones first, then the pool's own, each by name).
 */

/** The git commit the simulated MCO claims to be built from. */
export const SIMULATED_CONTROLLER_VERSION = 'c0ffee5e1a2b3c4d5e6f708192a3b4c5d6e7f809';
export const RELEASE_VERSION = '4.22.0';
export const OS_IMAGE_URL =
  'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:5b1c2d0f6a8e4e1f3c9a7b2d4e6f8a0c1e3d5b7f9a2c4e6d8f0b1a3c5e7d9f2a';

const REGISTRIES_CONF = `unqualified-search-registries = ['registry.access.redhat.com', 'docker.io']
short-name-mode = ""
`;

/** The kubelet's configuration differs by role, which is what makes each role's rendered config its own. */
const kubeletConf = (role: string): string => `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: systemd
maxPods: 250
rotateCertificates: true
serverTLSBootstrap: true
${role === 'master' ? 'registerWithTaints:\n- key: node-role.kubernetes.io/master\n  effect: NoSchedule\n' : ''}systemReserved:
  cpu: 500m
  memory: 1Gi
`;

const CRIO_BASE_DROP_IN = `[crio]
internal_wipe = true
internal_repair = true

[crio.runtime]
selinux = true
default_runtime = "crun"
`;

/** Files the way the installer-rendered templates carry them: plain percent-encoded data URLs. */
const templateFile = (path: string, contents: string) => ({
  contents: { source: `data:,${encodeURIComponent(contents)}` },
  mode: 420,
  overwrite: true,
  path,
});

const machineConfig = (
  name: string,
  role: string,
  config: Record<string, unknown>,
  generated = true,
): KubeObject => ({
  apiVersion: apiVersionOf(MACHINE_CONFIGS),
  kind: MACHINE_CONFIGS.kind,
  metadata: {
    name,
    labels: { [ROLE_LABEL]: role },
    ...(generated
      ? { annotations: { [CONTROLLER_VERSION_ANNOTATION]: SIMULATED_CONTROLLER_VERSION } }
      : {}),
  },
  spec: {
    config,
    extensions: [],
    fips: false,
    kernelArguments: [],
    kernelType: '',
    osImageURL: '',
  },
});

const ignition = (files: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  ignition: { version: '3.5.0' },
  ...(files.length > 0 ? { storage: { files } } : {}),
  ...extra,
});

/** The configs the MCO and the installer create for a role (abridged to a few files each). */
export const baseMachineConfigs = (role: 'master' | 'worker'): KubeObject[] => [
  machineConfig(
    `00-${role}`,
    role,
    ignition([
      templateFile(STORAGE_CONF_PATH, BASE_TEMPLATE_STORAGE_CONF),
      templateFile('/etc/containers/registries.conf', REGISTRIES_CONF),
      templateFile('/etc/crio/crio.conf.d/00-default', CRIO_BASE_DROP_IN),
    ]),
  ),
  machineConfig(`01-${role}-container-runtime`, role, ignition()),
  machineConfig(
    `01-${role}-kubelet`,
    role,
    ignition([templateFile('/etc/kubernetes/kubelet.conf', kubeletConf(role))]),
  ),
  machineConfig(`97-${role}-generated-kubelet`, role, ignition()),
  machineConfig(`98-${role}-generated-kubelet`, role, ignition()),
  machineConfig(`99-${role}-generated-registries`, role, ignition()),
  machineConfig(
    `99-${role}-ssh`,
    role,
    ignition([], {
      passwd: {
        users: [
          {
            name: 'core',
            sshAuthorizedKeys: [
              'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAISimulatedClusterKey dev@example.com',
            ],
          },
        ],
      },
    }),
    false,
  ),
];

const isRendered = (mc: KubeObject): boolean => mc.metadata.name.startsWith('rendered-');

/** The MachineConfigs a pool's machineConfigSelector picks, in the MCO's merge order. */
export const poolSources = (
  pool: KubeObject,
  machineConfigs: readonly KubeObject[],
): KubeObject[] => {
  const spec = isPlainObject(pool.spec) ? pool.spec : {};
  const selector = spec.machineConfigSelector as LabelSelector | undefined;
  return machineConfigs
    .filter((mc) => !isRendered(mc) && selectorMatches(selector, mc.metadata.labels))
    .sort((a, b) =>
      compareMergeOrder(
        { name: a.metadata.name, role: machineConfigRole(a) },
        { name: b.metadata.name, role: machineConfigRole(b) },
      ),
    );
};

type IgnitionFileEntry = Record<string, unknown> & { path: string };
type IgnitionUnitEntry = Record<string, unknown> & { name: string };

/**
 * Merges Ignition configs in order: a later config's file replaces an earlier one at the same
 * path, and a later unit one of the same name.
 */
const mergeConfigs = (sources: readonly KubeObject[]): Record<string, unknown> => {
  const files = new Map<string, IgnitionFileEntry>();
  const units = new Map<string, IgnitionUnitEntry>();
  const users: unknown[] = [];
  for (const mc of sources) {
    const spec = isPlainObject(mc.spec) ? mc.spec : {};
    const config = isPlainObject(spec.config) ? spec.config : {};
    const storage = isPlainObject(config.storage) ? config.storage : {};
    for (const f of Array.isArray(storage.files) ? storage.files : []) {
      if (isPlainObject(f) && typeof f.path === 'string') files.set(f.path, f as IgnitionFileEntry);
    }
    const systemd = isPlainObject(config.systemd) ? config.systemd : {};
    for (const u of Array.isArray(systemd.units) ? systemd.units : []) {
      if (isPlainObject(u) && typeof u.name === 'string') units.set(u.name, u as IgnitionUnitEntry);
    }
    const passwd = isPlainObject(config.passwd) ? config.passwd : {};
    if (Array.isArray(passwd.users)) users.push(...passwd.users);
  }
  return {
    ignition: { version: '3.5.0' },
    passwd: users.length > 0 ? { users } : {},
    storage: { files: [...files.values()] },
    systemd: units.size > 0 ? { units: [...units.values()] } : {},
  };
};

/** The systemd units a rendered config enables on its nodes. */
export const enabledUnitsOf = (rendered: KubeObject | undefined): string[] => {
  const spec = rendered && isPlainObject(rendered.spec) ? rendered.spec : {};
  const config = isPlainObject(spec.config) ? spec.config : {};
  const systemd = isPlainObject(config.systemd) ? config.systemd : {};
  return (Array.isArray(systemd.units) ? systemd.units : [])
    .filter((u) => isPlainObject(u) && typeof u.name === 'string' && u.enabled === true)
    .map((u) => (u as IgnitionUnitEntry).name);
};

export interface RenderedPoolConfig {
  name: string;
  sources: KubeObject[];
  machineConfig: KubeObject;
}

/**
 * The rendered config of a pool: `rendered-<pool>-<hash of the merged config>`. Equal inputs give
 * the same name, so rolling back to an earlier set of configs reuses the earlier rendered config.
 */
export const renderPoolConfig = (
  pool: KubeObject,
  machineConfigs: readonly KubeObject[],
): RenderedPoolConfig => {
  const sources = poolSources(pool, machineConfigs);
  const config = mergeConfigs(sources);
  const hash = createHash('md5').update(JSON.stringify(config)).digest('hex');
  const name = `rendered-${pool.metadata.name}-${hash}`;
  return {
    name,
    sources,
    machineConfig: {
      apiVersion: apiVersionOf(MACHINE_CONFIGS),
      kind: MACHINE_CONFIGS.kind,
      metadata: {
        name,
        annotations: {
          [CONTROLLER_VERSION_ANNOTATION]: SIMULATED_CONTROLLER_VERSION,
          'machineconfiguration.openshift.io/release-image-version': RELEASE_VERSION,
        },
        ownerReferences: [
          {
            apiVersion: apiVersionOf(MACHINE_CONFIG_POOLS),
            kind: MACHINE_CONFIG_POOLS.kind,
            name: pool.metadata.name,
            uid: pool.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        config,
        extensions: [],
        fips: false,
        kernelArguments: [],
        kernelType: 'default',
        osImageURL: OS_IMAGE_URL,
      },
    },
  };
};

/** `status.configuration` / `spec.configuration` of a pool on a rendered config. */
export const poolConfiguration = (rendered: RenderedPoolConfig) => ({
  name: rendered.name,
  source: rendered.sources.map((mc) => ({
    apiVersion: apiVersionOf(MACHINE_CONFIGS),
    kind: MACHINE_CONFIGS.kind,
    name: mc.metadata.name,
  })),
});

/** The storage.conf a rendered config puts on its nodes (null when it has none). */
export const storageConfOf = (rendered: KubeObject | undefined): string | null => {
  if (!rendered) return null;
  return findFile(decodeMachineConfigFiles(rendered).files, STORAGE_CONF_PATH)?.contents ?? null;
};
