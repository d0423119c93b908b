import type { TFunction } from 'i18next';
import { parseContainerRuntimeConfigText, serializeManifest } from '../../../core/model/manifest';
import type { ContainerRuntimeConfig } from '../../../core/model/types';
import { blockingErrors, checkContainerRuntimeConfig } from '../../../core/validation/check';
import type { CelEngine } from '../../../core/validation/crd/cel';
import type { JSONSchemaProps } from '../../../core/validation/crd/schema';
import { formatFieldError } from '../../../core/validation/types';

/**
 * The YAML view of the form's object. The form's object is the one source of truth: the YAML is
 * derived from it, and YAML the user types goes back into it only when it is a ContainerRuntimeConfig
 * the API server would accept; otherwise the form keeps what it had and the YAML shows why.
 */

/** The YAML of an object; managedFields are server bookkeeping and would only be in the way. */
export const yamlOf = (obj: ContainerRuntimeConfig): string => {
  const { managedFields: _hidden, ...metadata } = obj.metadata ?? {};
  return serializeManifest({ ...obj, metadata });
};

export type YamlAcceptance =
  | { ok: true; object: ContainerRuntimeConfig }
  /** Why the form does not take it; null: nothing yet, but the CRD's CEL rules are still to run. */
  | { ok: false; problems: string[] | null };

export const acceptYaml = (
  text: string,
  current: ContainerRuntimeConfig,
  isNew: boolean,
  t: TFunction,
  schema?: JSONSchemaProps,
  cel?: CelEngine,
): YamlAcceptance => {
  // The core turns whatever the user types into problems, never into an exception.
  const parsed = parseContainerRuntimeConfigText(text);
  if (!parsed.ok) {
    return {
      ok: false,
      problems: parsed.problems.map((p) =>
        p.line === undefined
          ? p.message
          : t('Line {{line}}: {{message}}', { line: p.line, message: p.message }),
      ),
    };
  }
  const object = parsed.object as ContainerRuntimeConfig;
  const problems: string[] = [];
  const metadata =
    typeof object.metadata === 'object' && object.metadata !== null ? object.metadata : {};
  if (!isNew && metadata.name !== current.metadata.name) {
    problems.push(
      t('metadata.name: this page edits {{name}}; a different name would be a different object', {
        name: current.metadata.name,
      }),
    );
  }
  const checked = checkContainerRuntimeConfig(object, { schema, cel });
  problems.push(...blockingErrors(checked.errors).map(formatFieldError));
  if (problems.length > 0) return { ok: false, problems };
  if (checked.rulesPending) return { ok: false, problems: null };
  // Carry over what the YAML view hides.
  const managedFields = current.metadata?.managedFields;
  const restored: ContainerRuntimeConfig =
    managedFields !== undefined && metadata.managedFields === undefined
      ? { ...object, metadata: { ...metadata, managedFields } }
      : object;
  return { ok: true, object: restored };
};
