import {
  ResourceLink,
  Timestamp,
  getGroupVersionKindForModel,
} from '@openshift-console/dynamic-plugin-sdk';
import {
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  LabelGroup,
} from '@patternfly/react-core';
import { currentCondition } from '../../../core/pools/machineConfigPool';
import { readStoreSection } from '../../../core/model/storeSection';
import type { ContainerRuntimeConfig } from '../../../core/model/types';
import { useLazyPullTranslation } from '../../shared/i18n';
import { ContainerRuntimeConfigModel } from '../../shared/models';

const StoreLabels = ({ paths, label }: { paths: string[]; label: string }) => (
  <LabelGroup aria-label={label} numLabels={5}>
    {paths.map((p, i) => (
      <Label key={`${p}-${i}`} isCompact variant="outline">
        <code>{p}</code>
      </Label>
    ))}
  </LabelGroup>
);

/** A kind of store the summary names only when the configuration lists some. */
const OptionalStores = ({ title, paths }: { title: string; paths: string[] }) =>
  paths.length === 0 ? null : (
    <DescriptionListGroup>
      <DescriptionListTerm>{title}</DescriptionListTerm>
      <DescriptionListDescription>
        <StoreLabels paths={paths} label={title} />
      </DescriptionListDescription>
    </DescriptionListGroup>
  );

/** One ContainerRuntimeConfig as the overview shows it: its stores and what the MCO last said. */
export const ConfigSummary = ({ config }: { config: ContainerRuntimeConfig }) => {
  const { t } = useLazyPullTranslation();
  const stores = readStoreSection(config);
  const condition = currentCondition(config);
  const failed = condition?.type === 'Failure';
  return (
    <DescriptionList isCompact isHorizontal aria-label={config.metadata.name}>
      <DescriptionListGroup>
        <DescriptionListTerm>{t('Configuration')}</DescriptionListTerm>
        <DescriptionListDescription>
          <ResourceLink
            groupVersionKind={getGroupVersionKindForModel(ContainerRuntimeConfigModel)}
            name={config.metadata.name}
          />
        </DescriptionListDescription>
      </DescriptionListGroup>
      <DescriptionListGroup>
        <DescriptionListTerm>{t('Layer stores')}</DescriptionListTerm>
        <DescriptionListDescription>
          {stores.additionalLayerStores.length > 0 ? (
            <StoreLabels paths={stores.additionalLayerStores} label={t('Layer stores')} />
          ) : (
            t('None: lazy pulling is off')
          )}
        </DescriptionListDescription>
      </DescriptionListGroup>
      <OptionalStores title={t('Image stores')} paths={stores.additionalImageStores} />
      <OptionalStores title={t('Artifact stores')} paths={stores.additionalArtifactStores} />
      <DescriptionListGroup>
        <DescriptionListTerm>{t('Last condition')}</DescriptionListTerm>
        <DescriptionListDescription>
          {condition ? (
            <>
              <Label status={failed ? 'danger' : 'success'} isCompact>
                {condition.type}
              </Label>{' '}
              {condition.message !== condition.type && condition.message}
              {condition.lastTransitionTime && (
                <>
                  {' '}
                  <Timestamp timestamp={condition.lastTransitionTime} simple />
                </>
              )}
            </>
          ) : (
            t('None yet: the Machine Config Operator has not reported on it')
          )}
        </DescriptionListDescription>
      </DescriptionListGroup>
    </DescriptionList>
  );
};
