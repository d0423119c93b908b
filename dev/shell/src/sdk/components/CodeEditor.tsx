/**
 * CodeEditor / YAMLEditor with the SDK's CodeEditorProps contract (value, onChange(value, event),
 * language, minHeight, isReadOnly / options.readOnly, onSave on Ctrl/Cmd+S, toolbarLinks, copy and
 * download buttons), rendered as a monospaced textarea with line numbers instead of Monaco. Like
 * Monaco, it keeps its own text while the user types and takes a new `value` when the prop changes.
 * The ref gives `{ editor, monaco }` where `editor` offers the common calls (getValue, setValue,
 * focus, layout, getModel).
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { Button, Flex, FlexItem, Label, Tooltip } from '@patternfly/react-core';
import { CopyIcon, DownloadIcon } from '@patternfly/react-icons';
import {
  forwardRef,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';

type Props = SDK.CodeEditorProps & {
  isReadOnly?: boolean;
  isCopyEnabled?: boolean;
  isDownloadEnabled?: boolean;
  isLanguageLabelVisible?: boolean;
  isLineNumbersVisible?: boolean;
  height?: string;
  options?: { readOnly?: boolean };
  headerMainContent?: string;
  customControls?: React.ReactNode;
  downloadFileName?: string;
  onEditorDidMount?: (editor: unknown, monaco: unknown) => void;
  'aria-label'?: string;
};

const EXTENSIONS: Record<string, string> = {
  yaml: 'yaml',
  json: 'json',
  plaintext: 'txt',
  shell: 'sh',
  ini: 'ini',
  toml: 'toml',
};

const Editor = forwardRef<SDK.CodeEditorRef, Props>((props, ref) => {
  const {
    value = '',
    onChange,
    language = 'plaintext',
    minHeight,
    height,
    isReadOnly,
    options,
    onSave,
    toolbarLinks,
    isCopyEnabled = true,
    isDownloadEnabled = true,
    isLanguageLabelVisible,
    isLineNumbersVisible = true,
    headerMainContent,
    customControls,
    downloadFileName,
    onEditorDidMount,
  } = props;
  const [text, setText] = useState(value);
  const textRef = useRef(text);
  textRef.current = text;
  const area = useRef<HTMLTextAreaElement>(null);
  const readOnly = !!(isReadOnly || options?.readOnly);

  useEffect(() => {
    if (value !== textRef.current) setText(value);
  }, [value]);

  const change = (next: string, event?: unknown) => {
    setText(next);
    onChange?.(next, event);
  };

  const editor = {
    getValue: () => textRef.current,
    setValue: (v: string) => change(v),
    focus: () => area.current?.focus(),
    layout: () => undefined,
    getModel: () => ({
      getValue: () => textRef.current,
      setValue: (v: string) => change(v),
      getLineCount: () => textRef.current.split('\n').length,
    }),
    onDidChangeModelContent: () => ({ dispose: () => undefined }),
    getDomNode: () => area.current,
  };
  useImperativeHandle(ref, () => ({ editor, monaco: {} }));
  useEffect(() => {
    onEditorDidMount?.(editor, {});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      onSave?.();
      return;
    }
    if (e.key === 'Tab' && !readOnly && !e.shiftKey) {
      e.preventDefault();
      const el = e.currentTarget;
      const { selectionStart, selectionEnd } = el;
      const next = `${text.slice(0, selectionStart)}  ${text.slice(selectionEnd)}`;
      change(next, e);
      requestAnimationFrame(() => el.setSelectionRange(selectionStart + 2, selectionStart + 2));
    }
  };

  const lines = text.split('\n').length;
  const download = () => {
    const blob = new Blob([text], { type: 'text/plain' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = downloadFileName ?? `download.${EXTENSIONS[language] ?? 'txt'}`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  return (
    <div className="co-code-editor" data-test="code-editor">
      <Flex
        className="co-code-editor__toolbar"
        alignItems={{ default: 'alignItemsCenter' }}
        gap={{ default: 'gapSm' }}
      >
        {headerMainContent && <FlexItem>{headerMainContent}</FlexItem>}
        {toolbarLinks?.map((link: React.ReactNode, i: number) => (
          <FlexItem key={i}>{link}</FlexItem>
        ))}
        <FlexItem align={{ default: 'alignRight' }}>
          {customControls}
          {isCopyEnabled && (
            <Tooltip content="Copy to clipboard">
              <Button
                variant="plain"
                aria-label="Copy to clipboard"
                icon={<CopyIcon />}
                onClick={() => void navigator.clipboard?.writeText(text).catch(() => undefined)}
              />
            </Tooltip>
          )}
          {isDownloadEnabled && (
            <Tooltip content="Download">
              <Button
                variant="plain"
                aria-label="Download"
                icon={<DownloadIcon />}
                onClick={download}
              />
            </Tooltip>
          )}
          {isLanguageLabelVisible && <Label isCompact>{language.toUpperCase()}</Label>}
        </FlexItem>
      </Flex>
      <div className="co-code-editor__body" style={{ minHeight: minHeight ?? '12rem', height }}>
        {isLineNumbersVisible && (
          <div className="co-code-editor__gutter" aria-hidden="true">
            {Array.from({ length: lines }, (_, i) => (
              <div key={i}>{i + 1}</div>
            ))}
          </div>
        )}
        <textarea
          ref={area}
          className="co-code-editor__textarea"
          value={text}
          rows={lines + 1}
          wrap="off"
          spellCheck={false}
          readOnly={readOnly}
          aria-label={props['aria-label'] ?? `${language} editor`}
          data-language={language}
          onChange={(e) => change(e.target.value, e)}
          onKeyDown={onKeyDown}
        />
      </div>
    </div>
  );
});
Editor.displayName = 'CodeEditor';

export const CodeEditor = Editor as unknown as typeof SDK.CodeEditor;

export const YAMLEditor = forwardRef<SDK.CodeEditorRef, Props>((props, ref) => (
  <Editor language="yaml" {...props} ref={ref} />
)) as unknown as typeof SDK.YAMLEditor;
(YAMLEditor as { displayName?: string }).displayName = 'YAMLEditor';
