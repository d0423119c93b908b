/** @jest-environment jsdom */
import * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import PoolEditorPage from '../../PoolEditorPage';
import {
  allowEverything,
  defaultCluster,
  liveConfig,
  renderAt,
  serveCluster,
  type ClusterFixture,
} from '../../__fixtures__/cluster';
import { BUILTIN_SCHEMA } from '../../../../core/validation/crd/builtinSchema';
import type { JSONSchemaProps } from '../../../../core/validation/crd/schema';

const open = (fixture: ClusterFixture) => {
  serveCluster(fixture);
  return renderAt(<PoolEditorPage />, '/lazy-pull/pools/worker', '/lazy-pull/pools/:pool');
};

const crd = (schema: JSONSchemaProps, featureSet: string) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: {
    name: 'containerruntimeconfigs.machineconfiguration.openshift.io',
    annotations: { 'release.openshift.io/feature-set': featureSet },
  },
  spec: {
    group: 'machineconfiguration.openshift.io',
    names: { kind: 'ContainerRuntimeConfig', plural: 'containerruntimeconfigs' },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }],
  },
});

/** 4.23's CRD adds containerGomaxprocsBehavior. */
const laterSchema = (): JSONSchemaProps => {
  const schema = structuredClone(BUILTIN_SCHEMA);
  const config = schema.properties?.spec?.properties?.containerRuntimeConfig;
  if (!config?.properties) throw new Error('no configuration schema');
  config.properties.containerGomaxprocsBehavior = { type: 'string', enum: ['Auto', 'Off'] };
  return schema;
};

const withGomaxprocs = () => {
  const live = liveConfig();
  return {
    ...live,
    spec: {
      ...live.spec,
      containerRuntimeConfig: {
        ...live.spec.containerRuntimeConfig,
        containerGomaxprocsBehavior: 'Sometimes',
      },
    },
  };
};

beforeEach(() => {
  jest.clearAllMocks();
  allowEverything();
});

describe('the schema the editor checks against', () => {
  it('is the cluster’s CRD when the user may read it, which knows a later release’s fields', async () => {
    const user = userEvent.setup();
    open({ ...defaultCluster(), configs: [withGomaxprocs()], crd: crd(laterSchema(), 'Default') });
    expect(
      screen.getByText(
        'Checked against the ContainerRuntimeConfig CustomResourceDefinition this cluster serves (Default).',
      ),
    ).toBeInTheDocument();
    // The later field's enum is checked, not reported as a field the server drops.
    await user.click(screen.getByRole('tab', { name: 'Preview' }));
    expect(screen.getByText('This configuration cannot be applied: 1 problem')).toBeInTheDocument();
    expect(SDK.useK8sWatchResource).toHaveBeenCalledWith({
      groupVersionKind: {
        group: 'apiextensions.k8s.io',
        version: 'v1',
        kind: 'CustomResourceDefinition',
      },
      name: 'containerruntimeconfigs.machineconfiguration.openshift.io',
    });
  });

  it('is the built-in one, and says so, for a user who may not read the CRD', async () => {
    const user = userEvent.setup();
    jest
      .mocked(SDK.useAccessReview)
      .mockImplementation((attrs) => [attrs.resource !== 'customresourcedefinitions', false]);
    open({ ...defaultCluster(), configs: [withGomaxprocs()], crd: crd(laterSchema(), 'Default') });
    expect(
      screen.getByText(
        'Checked against the built-in OpenShift 4.22 schema (TechPreviewNoUpgrade): your user may not read this cluster’s ContainerRuntimeConfig CustomResourceDefinition.',
      ),
    ).toBeInTheDocument();
    expect(SDK.useK8sWatchResource).toHaveBeenCalledWith(null);
    // There the later field is one the built-in schema does not know: a warning, no error.
    await user.click(screen.getByRole('tab', { name: 'Preview' }));
    expect(screen.queryByText(/This configuration cannot be applied/)).not.toBeInTheDocument();
  });

  it('is the built-in one when the CRD cannot be read', () => {
    open({ ...defaultCluster(), errors: { CustomResourceDefinition: new Error('boom') } });
    expect(
      screen.getByText(
        'Checked against the built-in OpenShift 4.22 schema (TechPreviewNoUpgrade): this cluster’s ContainerRuntimeConfig CustomResourceDefinition could not be read.',
      ),
    ).toBeInTheDocument();
  });
});
