import type { FuseMount } from '../../src/core/health/report';
import { MC_ROLE_LABEL } from '../../src/core/model/types';
import { KNOWN_STORE_PLUGINS, storePlugin } from '../../src/core/storePlugins';
import type { KubeObject } from './kube-object';
import { enabledUnitsOf } from './machine-configs';
import { apiVersionOf, MACHINE_CONFIGS } from './resources';

/**
 * The storage plugins of the simulated nodes. A plugin gets onto a node the way the install
 * guides put it there, by a MachineConfig carrying its systemd unit; a node whose rendered config
 * enables the unit has the plugin's FUSE store mounted (as the real unit mounts it before CRI-O
 * starts), and a node without it has nothing mounted there.
 */

interface PluginMount {
  unit: string;
  mount: FuseMount;
}

/**
 * The plugins a MachineConfig can install here: those whose unit and mount are known (the unit
 * decides whether the node runs it, the mount is what the agent then finds).
 */
const PLUGINS: readonly PluginMount[] = KNOWN_STORE_PLUGINS.flatMap((p) =>
  p.unit === null || p.mount === null
    ? []
    : [{ unit: p.unit, mount: { path: p.mountPoint, fs: p.mount.fsType, source: p.mount.source } }],
);

/** The FUSE mounts of a node on this rendered config, sorted by path as the agent lists them. */
export const fuseMountsOf = (rendered: KubeObject | undefined): FuseMount[] => {
  const units = new Set(enabledUnitsOf(rendered));
  return PLUGINS.filter((p) => units.has(p.unit))
    .map((p) => p.mount)
    .sort((a, b) => (a.path < b.path ? -1 : 1));
};

const dataUrl = (text: string) => `data:,${encodeURIComponent(text)}`;

const STARGZ_STORE_UNIT = `[Unit]
Description=stargz-store: additional layer store for lazy image pulling by CRI-O
Wants=network-online.target
After=network-online.target stargz-store-install.service
Before=crio.service

[Service]
Type=notify
EnvironmentFile=-/etc/mco/proxy.env
Environment=HOME=/root
ExecStartPre=-/usr/bin/umount -l /var/lib/stargz-store/store
ExecStart=/usr/local/bin/stargz-store --log-level=info --config=/etc/stargz-store/config.toml /var/lib/stargz-store/store
KillSignal=SIGINT
ExecStopPost=-/usr/bin/umount /var/lib/stargz-store/store
Restart=always
RestartSec=1

[Install]
WantedBy=multi-user.target
`;

/**
 * The MachineConfig that installs stargz-store on a role's nodes, abridged from the install
 * guide (docs/install-stargz-store.md): the tmpfiles entry, the auth-helper drop-in and the unit.
 */
export const stargzStoreMachineConfig = (role: string): KubeObject => ({
  apiVersion: apiVersionOf(MACHINE_CONFIGS),
  kind: MACHINE_CONFIGS.kind,
  metadata: { name: `50-${role}-stargz-store`, labels: { [MC_ROLE_LABEL]: role } },
  spec: {
    config: {
      ignition: { version: '3.5.0' },
      storage: {
        files: [
          {
            path: '/etc/tmpfiles.d/stargz-store.conf',
            mode: 420,
            overwrite: true,
            contents: {
              source: dataUrl(
                'd /var/lib/stargz-store 0700 root root -\nd /var/lib/stargz-store/store 0755 root root -\n',
              ),
            },
          },
          {
            path: '/etc/containers/registries.conf.d/99-stargz-store-auth-helper.conf',
            mode: 420,
            overwrite: true,
            contents: {
              source: dataUrl(
                'additional-layer-store-auth-helper = "/usr/local/bin/stargz-store-helper"\n',
              ),
            },
          },
        ],
      },
      systemd: {
        units: [
          { name: storePlugin('stargz-store').unit, enabled: true, contents: STARGZ_STORE_UNIT },
        ],
      },
    },
  },
});
