import { ResourceLink, getGroupVersionKindForModel } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Button,
  ExpandableSection,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  List,
  ListItem,
  TextInput,
} from '@patternfly/react-core';
import { useState } from 'react';
import {
  readStoreSection,
  withStoreSection,
  type StoreSection,
} from '../../../core/model/storeSection';
import type { ContainerRuntimeConfig, StoreField } from '../../../core/model/types';
import type { FieldError } from '../../../core/validation/types';
import { useLazyPullTranslation } from '../../shared/i18n';
import { ContainerRuntimeConfigModel } from '../../shared/models';
import { NAME_PATH, otherErrors } from './fieldErrors';
import { unknownFieldText } from './unknownFields';
import { StoreListField } from './StoreListField';

interface ConfigFormProps {
  draft: ContainerRuntimeConfig;
  isNew: boolean;
  errors: readonly FieldError[];
  /** The fields the draft adds that the API server does not know (it refuses them). */
  unknownFields: readonly string[];
  readOnly: boolean;
  selectsPool: boolean;
  pool: string;
  onChange: (next: ContainerRuntimeConfig) => void;
}

const ALL_FIELDS: StoreField[] = [
  'additionalLayerStores',
  'additionalImageStores',
  'additionalArtifactStores',
];

/**
 * The lazy-pull section of one ContainerRuntimeConfig as a form. It edits the store lists (and the
 * name of a new object) and hands back the whole object, every other field carried over as it was.
 */
export const ConfigForm = ({
  draft,
  isNew,
  errors,
  unknownFields,
  readOnly,
  selectsPool,
  pool,
  onChange,
}: ConfigFormProps) => {
  const { t } = useLazyPullTranslation();
  const section = readStoreSection(draft);
  const [advancedOpen, setAdvancedOpen] = useState(
    section.additionalImageStores.length > 0 || section.additionalArtifactStores.length > 0,
  );
  const setList = (field: StoreField) => (paths: string[]) => {
    const next: StoreSection = { ...section, [field]: paths };
    onChange(withStoreSection(draft, next));
  };
  /** What every store list of the form takes from the draft; each list adds its own texts. */
  const listOf = (field: StoreField) => ({
    field,
    paths: section[field],
    onChange: setList(field),
    errors,
    readOnly,
  });
  const nameErrors = errors.filter((e) => e.field === NAME_PATH);
  const advancedHasErrors = errors.some(
    (e) =>
      e.field.includes('.additionalImageStores') || e.field.includes('.additionalArtifactStores'),
  );
  const rest = otherErrors(errors, ALL_FIELDS, isNew);
  const name = draft.metadata.name ?? '';

  return (
    <Form onSubmit={(e) => e.preventDefault()} isWidthLimited>
      {!selectsPool && (
        <Alert
          variant="warning"
          isInline
          title={t('This ContainerRuntimeConfig does not select pool {{pool}}', { pool })}
        >
          {t(
            'Its spec.machineConfigPoolSelector does not match the labels of pool {{pool}}, so applying it does not change this pool. Restore the selector in the YAML view.',
            { pool },
          )}
        </Alert>
      )}
      {isNew ? (
        <FormGroup label={t('Name')} isRequired fieldId="lazy-pull-name">
          <TextInput
            id="lazy-pull-name"
            value={name}
            isRequired
            readOnlyVariant={readOnly ? 'default' : undefined}
            validated={nameErrors.length > 0 ? 'error' : 'default'}
            aria-describedby="lazy-pull-name-helper"
            onChange={(_e, value) =>
              onChange({ ...draft, metadata: { ...draft.metadata, name: value } })
            }
          />
          <FormHelperText>
            <HelperText id="lazy-pull-name-helper">
              {nameErrors.length > 0 ? (
                nameErrors.map((e) => (
                  <HelperTextItem key={e.message} variant="error">
                    {e.message}
                  </HelperTextItem>
                ))
              ) : (
                <HelperTextItem>
                  {t('A new ContainerRuntimeConfig that selects pool {{pool}}.', { pool })}
                </HelperTextItem>
              )}
            </HelperText>
          </FormHelperText>
        </FormGroup>
      ) : (
        <FormGroup label={t('ContainerRuntimeConfig')} fieldId="lazy-pull-name">
          <ResourceLink
            groupVersionKind={getGroupVersionKindForModel(ContainerRuntimeConfigModel)}
            name={name}
          />
        </FormGroup>
      )}

      <StoreListField
        {...listOf('additionalLayerStores')}
        withPresets
        title={t('Layer stores')}
        description={t(
          'Each layer store is the FUSE mount point of a storage plugin running on every node of the pool. CRI-O asks the stores in this order for an image layer before it pulls the layer in full.',
        )}
        itemLabel={(n) => t('Layer store {{n}}', { n })}
        addLabel={t('Add layer store')}
        emptyText={t('No layer store: lazy pulling is off for this pool.')}
      />
      {!readOnly && section.additionalLayerStores.length > 0 && (
        <div>
          <Button
            variant="link"
            isDanger
            isInline
            onClick={() => setList('additionalLayerStores')([])}
          >
            {t('Remove every layer store (turn lazy pulling off)')}
          </Button>
        </div>
      )}

      <ExpandableSection
        toggleText={t('Image and artifact stores')}
        isExpanded={advancedOpen || advancedHasErrors}
        onToggle={(_e, open) => setAdvancedOpen(open)}
      >
        <StoreListField
          {...listOf('additionalImageStores')}
          withPresets={false}
          title={t('Image stores')}
          description={t(
            'Read-only directories of pre-pulled images that CRI-O uses before pulling.',
          )}
          itemLabel={(n) => t('Image store {{n}}', { n })}
          addLabel={t('Add image store')}
          emptyText={t('No image store.')}
        />
        <StoreListField
          {...listOf('additionalArtifactStores')}
          withPresets={false}
          title={t('Artifact stores')}
          description={t(
            'Directories of OCI artifacts, such as models, that CRI-O can mount into containers.',
          )}
          itemLabel={(n) => t('Artifact store {{n}}', { n })}
          addLabel={t('Add artifact store')}
          emptyText={t('No artifact store.')}
        />
      </ExpandableSection>

      {rest.length > 0 && (
        <Alert
          variant={
            rest.some((e) => e.severity === 'error' || unknownFields.includes(e.field))
              ? 'danger'
              : 'warning'
          }
          isInline
          title={t('Problems in fields the form does not show')}
        >
          <List>
            {rest.map((e) => (
              <ListItem key={`${e.field}-${e.message}`}>
                {unknownFields.includes(e.field) ? (
                  unknownFieldText(t, e.field)
                ) : (
                  <>
                    {e.field}: {e.message}{' '}
                    {e.source === 'mco'
                      ? t(
                          '(the API server accepts this, then the Machine Config Operator rejects it)',
                        )
                      : e.severity === 'warning'
                        ? t('(carried over as it is from the object on the cluster)')
                        : null}
                  </>
                )}
              </ListItem>
            ))}
          </List>
          {t('Fix these in the YAML view.')}
        </Alert>
      )}
    </Form>
  );
};
