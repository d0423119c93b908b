import { parseContainerRuntimeConfigText } from '../../../core/model/manifest';
import { readStoreSection } from '../../../core/model/storeSection';
import { validateContainerRuntimeConfig } from '../../../core/validation';
import { lazyPullTemplate } from '../ctrcfgYamlTemplate';

describe('the ContainerRuntimeConfig YAML template', () => {
  it('is a valid ContainerRuntimeConfig that lazy-pulls with stargz-store on workers', () => {
    const parsed = parseContainerRuntimeConfigText(lazyPullTemplate);
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
    expect(validateContainerRuntimeConfig(parsed.object, { gateEnabled: true })).toEqual([]);
    expect(readStoreSection(parsed.object).additionalLayerStores).toEqual([
      '/var/lib/stargz-store/store',
    ]);
    expect(parsed.object.spec).toMatchObject({
      machineConfigPoolSelector: {
        matchLabels: { 'pools.operator.machineconfiguration.openshift.io/worker': '' },
      },
    });
  });
});
