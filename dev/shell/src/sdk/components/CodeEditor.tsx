/**
 * CodeEditor / YAMLEditor as console 4.22 renders them: PatternFly's CodeEditor (Monaco) with the
 * console's defaults. What the plugin depends on, from the console's CodeEditor and
 * BasicCodeEditor:
 *
 * - `isFullHeight` defaults to true: the editor takes the height of its container, so a
 *   container without a height leaves Monaco a few pixels tall;
 * - `minHeight` goes into a `style` prop that PatternFly's CodeEditor ignores;
 * - `value` is the code, `language` defaults to YAML, `options` are merged over the console's
 *   editor options, Ctrl/Cmd+S runs `onSave`, the model's tab size is 2, the editor takes focus
 *   when it mounts, and `showShortcuts` or `toolbarLinks` add a toolbar;
 * - the ref gives `{ editor, monaco }`.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import {
  CodeEditor as PfCodeEditor,
  Language,
  type CodeEditorProps as PfCodeEditorProps,
} from '@patternfly/react-code-editor';
import { Button, Flex, FlexItem } from '@patternfly/react-core';
import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import {
  forwardRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useState,
  type CSSProperties,
} from 'react';
import { configureMonaco } from './editor/monaco';

/** The console's default editor options (its yaml-editor-utils). */
export const CONSOLE_EDITOR_OPTIONS = { readOnly: false, scrollBeyondLastLine: false } as const;

type Props = SDK.CodeEditorProps & { style?: CSSProperties };

const Toolbar = ({ showShortcuts, toolbarLinks }: SDK.CodeEditorToolbarProps) => (
  <Flex>
    {showShortcuts && (
      <FlexItem>
        <Button variant="link" isInline>
          View shortcuts
        </Button>
      </FlexItem>
    )}
    {(toolbarLinks ?? []).map((link, i) => (
      <FlexItem key={i}>{link}</FlexItem>
    ))}
  </Flex>
);

const Editor = forwardRef<SDK.CodeEditorRef, Props>((props, ref) => {
  const { value, minHeight, showShortcuts, toolbarLinks, onSave, options, language } = props;
  const [ready, setReady] = useState(false);
  const [editor, setEditor] = useState<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const [monaco, setMonaco] = useState<typeof Monaco | null>(null);

  useEffect(() => {
    let live = true;
    void configureMonaco().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);

  const onEditorDidMount = props.onEditorDidMount;
  const editorDidMount = useCallback<NonNullable<PfCodeEditorProps['onEditorDidMount']>>(
    (mounted, mountedMonaco) => {
      setEditor(mounted);
      setMonaco(mountedMonaco);
      mounted.getModel()?.updateOptions({ tabSize: 2 });
      mounted.layout();
      mounted.focus();
      if (onSave)
        mounted.addCommand(mountedMonaco.KeyMod.CtrlCmd | mountedMonaco.KeyCode.KeyS, onSave);
      onEditorDidMount?.(mounted, mountedMonaco);
    },
    [onSave, onEditorDidMount],
  );

  useImperativeHandle(ref, () => ({ editor: editor!, monaco: monaco! }), [editor, monaco]);

  if (!ready) return null;
  const hasToolbar = showShortcuts || (toolbarLinks?.length ?? 0) > 0;
  const pfProps = {
    ...props,
    className: `ocs-yaml-editor ${props.className}`,
    language: language ?? Language.yaml,
    code: value,
    options: { ...CONSOLE_EDITOR_OPTIONS, ...options },
    onEditorDidMount: editorDidMount,
    isFullHeight: props.isFullHeight ?? true,
    style: { ...props.style, minHeight },
    customControls: hasToolbar ? (
      <Toolbar showShortcuts={showShortcuts} toolbarLinks={toolbarLinks} />
    ) : undefined,
  } as PfCodeEditorProps;
  return <PfCodeEditor {...pfProps} />;
});
Editor.displayName = 'CodeEditor';

export const CodeEditor = Editor as unknown as typeof SDK.CodeEditor;

/** The console's YAMLEditor is its CodeEditor for YAML. */
export const YAMLEditor = forwardRef<SDK.CodeEditorRef, Props>((props, ref) => (
  <Editor {...props} language={props.language ?? Language.yaml} ref={ref} />
)) as unknown as typeof SDK.YAMLEditor;
(YAMLEditor as { displayName?: string }).displayName = 'YAMLEditor';
