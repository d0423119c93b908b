/**
 * The MCO's own outputs (../shared/golden/mco beside the checkout, produced by running the MCO's encoding and
 * validation code) against ours, byte for byte. Every case folder is discovered at run time, so a
 * case added to the fixtures is checked without touching this file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithShared, hasShared, sharedPath } from '../../../__test-support__/sharedData';
import { parseObjectText } from '../../model/manifest';
import type { ContainerRuntimeConfig } from '../../model/types';
import { renderForPool } from '..';

const GOLDEN_DIR = sharedPath('golden', 'mco');
const cases = hasShared('golden', 'mco')
  ? readdirSync(GOLDEN_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
      .map((d) => d.name)
      .sort()
  : [];

const read = (...parts: string[]): string => readFileSync(join(GOLDEN_DIR, ...parts), 'utf8');
const has = (...parts: string[]): boolean => existsSync(join(GOLDEN_DIR, ...parts));

describeWithShared('golden/mco')('the MCO golden cases', () => {
  it('are all found', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });
});

for (const name of cases) {
  describe(`golden ${name}`, () => {
    // Read as the product reads it (as kubectl does: integers exact).
    const parsed = parseObjectText(read(name, 'input.yaml'));
    if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.problems)}`);
    const ctrcfg = parsed.object as unknown as ContainerRuntimeConfig;
    const result = renderForPool(ctrcfg, 'worker');

    if (has(name, 'error.txt')) {
      it('fails with the MCO error, word for word', () => {
        expect(result).toEqual({ ok: false, error: read(name, 'error.txt') });
      });
      return;
    }

    it('renders', () => {
      expect(result.ok).toBe(true);
    });
    if (!result.ok) return;

    it('writes storage.conf exactly as the MCO, or none when the MCO writes none', () => {
      expect(result.storageConf).toBe(
        has(name, 'storage.conf') ? read(name, 'storage.conf') : null,
      );
    });

    it('writes exactly the MCO drop-ins, in its order and byte for byte', () => {
      const expectedNames = has(name, 'crio-drop-ins')
        ? readdirSync(join(GOLDEN_DIR, name, 'crio-drop-ins'))
        : [];
      expect(result.dropIns.map((d) => d.name).sort()).toEqual([...expectedNames].sort());
      for (const dropIn of result.dropIns) {
        expect(dropIn.contents).toBe(read(name, 'crio-drop-ins', dropIn.name));
        expect(dropIn.path).toBe(`/etc/crio/crio.conf.d/${dropIn.name}`);
      }
    });

    it('writes the Ignition config byte for byte (which fixes the file order too)', () => {
      expect(result.ignitionJson).toBe(read(name, 'ignition.json'));
    });

    it('names and labels the MachineConfig for the pool, with the config as an object', () => {
      expect(result.machineConfigName).toBe('99-worker-generated-containerruntime');
      expect(result.machineConfig.metadata.name).toBe(result.machineConfigName);
      expect(result.machineConfig.metadata.labels).toEqual({
        'machineconfiguration.openshift.io/role': 'worker',
      });
      expect(JSON.stringify(result.machineConfig.spec.config)).toBe(read(name, 'ignition.json'));
    });
  });
}
