import { CodeEditor } from '@openshift-console/dynamic-plugin-sdk';
import type { Language } from '@patternfly/react-code-editor';
import { Alert, List, ListItem, Stack, StackItem } from '@patternfly/react-core';
import { useLazyPullTranslation } from '../../shared/i18n';

const EDITOR_HEIGHT = 'max(28rem, 60vh)';

interface YamlTabProps {
  text: string;
  problems: readonly string[];
  readOnly: boolean;
  onChange: (text: string) => void;
}

export const YamlTab = ({ text, problems, readOnly, onChange }: YamlTabProps) => {
  const { t } = useLazyPullTranslation();
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
          onChange={(value: string | undefined) => onChange(value ?? '')}
        />
      </StackItem>
    </Stack>
  );
};
