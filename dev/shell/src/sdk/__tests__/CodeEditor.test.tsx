/**
 * @jest-environment jsdom
 */
/**
 * The shell's CodeEditor hands PatternFly's CodeEditor (Monaco) what the console's does: the
 * earlier stand-in was a textarea that sized itself, so a plugin that left the console's editor
 * a few pixels tall looked fine in the shell.
 */
import { render, waitFor } from '@testing-library/react';
import { CodeEditor } from '../components/CodeEditor';

const received: Record<string, unknown>[] = [];

jest.mock('@patternfly/react-code-editor', () => ({
  Language: { yaml: 'yaml', json: 'json' },
  CodeEditor: (props: Record<string, unknown>) => {
    received.push(props);
    return <div data-testid="pf-code-editor" />;
  },
}));
jest.mock('../components/editor/monaco', () => ({ configureMonaco: () => Promise.resolve() }));

beforeEach(() => {
  received.length = 0;
});

const lastProps = async () => {
  await waitFor(() => expect(received.length).toBeGreaterThan(0));
  return received[received.length - 1];
};

describe('the shell’s CodeEditor, as the console’s', () => {
  it('fills its container’s height unless told otherwise (isFullHeight defaults to true)', async () => {
    render(<CodeEditor value="a: 1" />);
    expect(await lastProps()).toMatchObject({ isFullHeight: true, code: 'a: 1', language: 'yaml' });
  });

  it('puts minHeight in a style, which PatternFly’s editor does not read', async () => {
    render(<CodeEditor value="" minHeight="480px" />);
    const props = await lastProps();
    expect(props.style).toEqual({ minHeight: '480px' });
    expect(props.height).toBeUndefined();
  });

  it('passes a height and isFullHeight={false} through', async () => {
    render(<CodeEditor value="" isFullHeight={false} height="30rem" />);
    expect(await lastProps()).toMatchObject({ isFullHeight: false, height: '30rem' });
  });

  it('merges options over the console’s editor options', async () => {
    render(<CodeEditor value="" options={{ readOnly: true }} />);
    expect((await lastProps()).options).toEqual({ readOnly: true, scrollBeyondLastLine: false });
  });
});
