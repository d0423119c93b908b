import { Alert, AlertActionLink } from '@patternfly/react-core';
import type { LazyPullCluster } from '../useLazyPullCluster';
import { useLazyPullTranslation } from '../../shared/i18n';
import { FeatureGateModel, modelReference } from '../../shared/models';

export const FEATURE_GATE_PATH = `/k8s/cluster/${modelReference(FeatureGateModel)}/cluster`;

/**
 * The store lists exist only while the AdditionalStorageConfig feature gate is on. Turning it on in
 * 4.22 is a decision an administrator must make knowingly, so the alert says what it costs.
 */
export const FeatureGateAlert = ({ gate }: { gate: LazyPullCluster['gate'] }) => {
  const { t } = useLazyPullTranslation();
  if (!gate.loaded || gate.state === 'enabled') return null;
  if (gate.state === 'unknown') {
    return (
      <Alert
        variant="info"
        isInline
        title={t('Whether the AdditionalStorageConfig feature gate is on is not known')}
      >
        {t(
          'FeatureGate "cluster" could not be read. The server will tell on apply: with the gate off it rejects the store fields.',
        )}
      </Alert>
    );
  }
  return (
    <Alert
      variant="warning"
      isInline
      title={t('The AdditionalStorageConfig feature gate is off')}
      actionLinks={
        <AlertActionLink component="a" href={FEATURE_GATE_PATH}>
          {t('View FeatureGate cluster')}
        </AlertActionLink>
      }
    >
      <p>
        {t(
          'Layer, image and artifact stores can be set only while the AdditionalStorageConfig feature gate is on; until then the API server does not know these fields.',
        )}
      </p>
      <p>
        {t(
          'In OpenShift 4.22 the gate is a Technology Preview: it is on only with the TechPreviewNoUpgrade feature set. Setting TechPreviewNoUpgrade cannot be undone and blocks minor version upgrades of the cluster, so do it only on a cluster you can replace.',
        )}
      </p>
      <p>
        {t(
          'From OpenShift 5.0 the gate is on by default: upgrade to 5.0 to configure lazy pulling on a production cluster.',
        )}
      </p>
    </Alert>
  );
};
