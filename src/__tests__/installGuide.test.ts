/**
 * docs/install-stargz-store.md: the Butane of Method 1 is what an admin copies onto their nodes,
 * so its files must parse as what they are (TOML, a bash script that bash accepts), its units
 * must be what systemd accepts, and the install unit must keep the properties the guide explains
 * (pull policy, start timeout, ordering before CRI-O). The simulated cluster installs the same
 * unit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { stargzStoreMachineConfig } from '../../dev/simulated-cluster/storage-plugins';

const guide = readFileSync(join(__dirname, '../../docs/install-stargz-store.md'), 'utf8');

interface Butane {
  variant: string;
  version: string;
  metadata: { name: string; labels: Record<string, string> };
  storage?: { files: { path: string; mode: number; contents: { inline: string } }[] };
  systemd?: { units: { name: string; enabled: boolean; contents: string }[] };
}

const butanes = [...guide.matchAll(/```yaml\n(variant: openshift[\s\S]*?)```/g)].map(
  // YAML 1.1, as Butane reads it: `mode: 0644` is octal.
  (m) => parseYaml(m[1], { version: '1.1' }) as Butane,
);
const method1 = butanes.find((b) => b.metadata.name === '50-gpu-stargz-store')!;
const file = (path: string) => method1.storage!.files.find((f) => f.path === path)!.contents.inline;
const unit = (name: string) => method1.systemd!.units.find((u) => u.name === name)!.contents;

describe('the install guide’s MachineConfigs', () => {
  it('are Butane for OpenShift, each labelled with the role its name says', () => {
    expect(butanes.map((b) => b.metadata.name)).toEqual([
      '50-gpu-stargz-store',
      '50-gpu-stargz-store-host',
    ]);
    for (const b of butanes) {
      expect(b.variant).toBe('openshift');
      expect(b.version).toMatch(/^4\.\d+\.0$/);
      expect(b.metadata.labels).toEqual({ 'machineconfiguration.openshift.io/role': 'gpu' });
      for (const f of b.storage?.files ?? []) expect([0o644, 0o755]).toContain(f.mode);
    }
  });

  it('carry a config.toml that parses, and an install script that bash accepts', () => {
    expect(parseToml(file('/etc/stargz-store/config.toml'))).toMatchObject({
      metadata_store: 'memory',
      blob: { fetching_timeout_sec: 300 },
    });
    const script = file('/etc/stargz-store/install-binaries');
    expect(spawnSync('bash', ['-n'], { input: script }).status).toBe(0);
    expect(script).toContain('podman pull --quiet --policy=missing');
    expect(file('/etc/stargz-store/image.env')).toMatch(
      /^STARGZ_STORE_IMAGE=registry\.example\.com\/lazy-pull\/stargz-store-bin@sha256:<digest>\n$/,
    );
  });

  it('install stargz-store with a bounded one-shot unit ordered before CRI-O', () => {
    const install = unit('stargz-store-install.service');
    expect(install).toMatch(/^Type=oneshot$/m);
    expect(install).toMatch(/^TimeoutStartSec=\d+$/m);
    expect(install).toMatch(/^Before=stargz-store\.service crio\.service$/m);
    expect(unit('stargz-store.service')).toMatch(/^Type=notify$/m);
  });

  it('write units systemd accepts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'units-'));
    try {
      // Stand-ins for what the units name on a node, so that only the units' syntax is judged.
      for (const bin of ['stargz-store', 'install-binaries']) {
        writeFileSync(join(dir, bin), '#!/bin/sh\n', { mode: 0o755 });
      }
      for (const name of ['stargz-store-install.service', 'stargz-store.service']) {
        const text = unit(name)
          .replace(/\/usr\/local\/bin\/stargz-store/g, join(dir, 'stargz-store'))
          .replace('/bin/bash /etc/stargz-store/install-binaries', join(dir, 'install-binaries'));
        writeFileSync(join(dir, name), text);
      }
      const verify = spawnSync(
        'systemd-analyze',
        [
          'verify',
          '--man=no',
          join(dir, 'stargz-store-install.service'),
          join(dir, 'stargz-store.service'),
        ],
        { encoding: 'utf8' },
      );
      // Units it cannot find on this machine (crio.service) are not syntax errors.
      const problems = verify.stderr
        .split('\n')
        .filter(
          (l) =>
            l.trim() !== '' && !/crio\.service|network-online|not found|Failed to prepare/.test(l),
        );
      expect(problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('run the same stargz-store command line as the simulated cluster’s nodes', () => {
    const execStart = (text: string) => /^ExecStart=.*$/m.exec(text)?.[0];
    const simulated = stargzStoreMachineConfig('gpu') as unknown as {
      spec: { config: { systemd: { units: { name: string; contents: string }[] } } };
    };
    const simulatedUnit = simulated.spec.config.systemd.units.find(
      (u) => u.name === 'stargz-store.service',
    )!;
    expect(execStart(simulatedUnit.contents)).toBe(execStart(unit('stargz-store.service')));
  });
});
