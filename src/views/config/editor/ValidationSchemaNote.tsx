import { HelperText, HelperTextItem } from '@patternfly/react-core';
import { useLazyPullTranslation } from '../../shared/i18n';
import type { ValidationSchema } from './useValidationSchema';

/** Which schema the editor's checks come from, so that a reader knows what "valid" means. */
export const ValidationSchemaNote = ({ validation }: { validation: ValidationSchema }) => {
  const { t } = useLazyPullTranslation();
  const featureSet = validation.featureSet ?? t('unknown feature set');
  let text: string;
  if (validation.source === 'cluster') {
    text = t(
      'Checked against the ContainerRuntimeConfig CustomResourceDefinition this cluster serves ({{featureSet}}).',
      { featureSet },
    );
  } else if (validation.reason === 'forbidden') {
    text = t(
      'Checked against the built-in OpenShift 4.22 schema ({{featureSet}}): your user may not read this cluster’s ContainerRuntimeConfig CustomResourceDefinition.',
      { featureSet },
    );
  } else if (validation.reason === 'unreadable') {
    text = t(
      'Checked against the built-in OpenShift 4.22 schema ({{featureSet}}): this cluster’s ContainerRuntimeConfig CustomResourceDefinition could not be read.',
      { featureSet },
    );
  } else {
    text = t(
      'Checked against the built-in OpenShift 4.22 schema ({{featureSet}}) while this cluster’s CustomResourceDefinition loads.',
      { featureSet },
    );
  }
  return (
    <HelperText>
      <HelperTextItem>{text}</HelperTextItem>
    </HelperText>
  );
};
