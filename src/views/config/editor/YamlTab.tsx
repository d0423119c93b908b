import { CodeEditor } from '@openshift-console/dynamic-plugin-sdk';
import type { CodeEditorProps, Language } from '@patternfly/react-code-editor';
import { Alert, List, ListItem, Stack, StackItem } from '@patternfly/react-core';
import { useEffect, useMemo, useState } from 'react';
import { locateField } from '../../../core/model/yamlLocation';
import type { ContainerRuntimeConfig } from '../../../core/model/types';
import type { CelEngine } from '../../../core/validation/crd/cel';
import type { JSONSchemaProps } from '../../../core/validation/crd/schema';
import { useLazyPullTranslation } from '../../shared/i18n';
import type { YamlEdit } from './editorState';
import { unknownFieldText } from './unknownFields';
import { acceptYaml, yamlOf } from './yamlSync';

const EDITOR_HEIGHT = 'max(28rem, 60vh)';
const MARKER_OWNER = 'lazy-pull';
const NONE: readonly string[] = [];

type MonacoHandle = {
  editor: Parameters<NonNullable<CodeEditorProps['onEditorDidMount']>>[0];
  monaco: Parameters<NonNullable<CodeEditorProps['onEditorDidMount']>>[1];
};

export interface YamlTabProps {
  /** The form's object, which the YAML shows until the user types. */
  draft: ContainerRuntimeConfig;
  isNew: boolean;
  yamlEdit: YamlEdit | null;
  readOnly: boolean;
  schema: JSONSchemaProps;
  cel: CelEngine | undefined;
  /** YAML typed: the object the form takes, or why it does not (null: CEL rules still to run). */
  onYaml: (
    text: string,
    accepted: ContainerRuntimeConfig | null,
    problems: string[] | null,
  ) => void;
  /** The fields of the form's object that the API server does not know (marked at their line). */
  unknownFields: readonly string[];
  /** The YAML's CEL rules must run: the engine is wanted. */
  onRulesPending: () => void;
}

/**
 * The YAML view of the form's object: the console's CodeEditor (Monaco). What the user types goes
 * into the form only when the API server would accept it (yamlSync.ts); otherwise the problems
 * show above the editor and the form keeps its last valid state.
 */
const YamlTab = ({
  draft,
  isNew,
  yamlEdit,
  readOnly,
  schema,
  cel,
  unknownFields,
  onYaml,
  onRulesPending,
}: YamlTabProps) => {
  const { t } = useLazyPullTranslation();
  const text = useMemo(() => yamlEdit?.text ?? yamlOf(draft), [yamlEdit, draft]);
  const [monaco, setMonaco] = useState<MonacoHandle | null>(null);

  // Unknown fields are marked in the editor, at their key, with what the API server does. The
  // form's object is that of the text only when the text was taken (no problems).
  const marked = yamlEdit === null || yamlEdit.problems?.length === 0 ? unknownFields : NONE;
  useEffect(() => {
    const model = monaco?.editor.getModel();
    if (!monaco || !model) return;
    const markers = marked.flatMap((field) => {
      const at = locateField(model.getValue(), field);
      return at
        ? [
            {
              startLineNumber: at.startLine,
              startColumn: at.startColumn,
              endLineNumber: at.endLine,
              endColumn: at.endColumn,
              severity: monaco.monaco.MarkerSeverity.Error,
              message: unknownFieldText(t, field),
              source: t('API server'),
            },
          ]
        : [];
    });
    monaco.monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
  }, [monaco, marked, text, t]);

  const check = (typed: string) => {
    const accepted = acceptYaml(typed, draft, isNew, t, schema, cel);
    if (accepted.ok) onYaml(typed, accepted.object, []);
    else onYaml(typed, null, accepted.problems);
    if (!accepted.ok && accepted.problems === null) onRulesPending();
  };

  // YAML not checked yet (brought back from session storage, or waiting for the CEL engine) is
  // checked as soon as it can be.
  const unchecked = yamlEdit !== null && yamlEdit.problems === null ? yamlEdit.text : null;
  useEffect(() => {
    if (unchecked !== null) check(unchecked);
    // check reads the draft this YAML was typed over, which is this render's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unchecked, cel]);

  const problems = yamlEdit?.problems ?? [];
  return (
    <Stack hasGutter>
      {problems.length > 0 && (
        <StackItem>
          <Alert
            variant="danger"
            isInline
            title={t('This YAML is not applied to the form')}
            aria-live="polite"
          >
            <List>
              {/* The parser can report the same problem twice: the position makes the key. */}
              {problems.map((p, i) => (
                <ListItem key={`${i}-${p}`}>{p}</ListItem>
              ))}
            </List>
            {t('The form keeps its last valid state until the YAML is fixed.')}
          </Alert>
        </StackItem>
      )}
      <StackItem>
        {/* The console's CodeEditor fills its container's height by default (isFullHeight), and
            a stack item has none: the editor gets a height of its own instead, about 23 lines
            on short screens and more on tall ones. */}
        <CodeEditor
          value={text}
          // The SDK types this as PatternFly's Language enum; importing the enum would bundle the
          // code editor package, which the console already provides.
          // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
          language={'yaml' as Language}
          isFullHeight={false}
          height={EDITOR_HEIGHT}
          showShortcuts
          options={{ readOnly }}
          onChange={(value: string | undefined) => check(value ?? '')}
          onEditorDidMount={(editor, instance) => setMonaco({ editor, monaco: instance })}
        />
      </StackItem>
    </Stack>
  );
};

export default YamlTab;
