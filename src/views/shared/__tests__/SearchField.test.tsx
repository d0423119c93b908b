/** @jest-environment jsdom */
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { SearchField } from '../SearchField';

/**
 * The field's parent, holding its value: given back at once, or `lagMs` later (as a URL kept by
 * a router that updates in a transition). A button changes the value from elsewhere.
 */
const Field = ({
  initial = '',
  onChange,
  lagMs = 0,
}: {
  initial?: string;
  onChange: (v: string) => void;
  lagMs?: number;
}) => {
  const [value, setValue] = useState(initial);
  return (
    <>
      <SearchField
        label="Search nodes"
        value={value}
        onChange={(next) => {
          onChange(next);
          if (lagMs === 0) setValue(next);
          else setTimeout(() => setValue(next), lagMs);
        }}
      />
      <button type="button" onClick={() => setValue('')}>
        Clear elsewhere
      </button>
    </>
  );
};

describe('SearchField', () => {
  it('is a named text box that reports each change', async () => {
    const user = userEvent.setup();
    const onChange = jest.fn();
    render(<Field initial="" onChange={onChange} />);
    const box = screen.getByRole('textbox', { name: 'Search nodes' });
    expect(box).toHaveAttribute('placeholder', 'Search nodes');
    // Nothing to clear yet.
    expect(screen.queryByRole('button', { name: 'Clear search' })).toBeNull();
    await user.type(box, 'gpu');
    expect(onChange.mock.calls.map(([v]) => v)).toEqual(['g', 'gp', 'gpu']);
    expect(box).toHaveValue('gpu');
  });

  it('clears by its button and keeps the focus in the field', async () => {
    const user = userEvent.setup();
    const onChange = jest.fn();
    render(<Field initial="worker" onChange={onChange} />);
    await user.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(onChange).toHaveBeenLastCalledWith('');
    const box = screen.getByRole('textbox', { name: 'Search nodes' });
    expect(box).toHaveValue('');
    expect(box).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Clear search' })).toBeNull();
  });

  it('clears on Escape, and Escape in an empty field is left to the page', async () => {
    const user = userEvent.setup();
    const onChange = jest.fn();
    const onPageKey = jest.fn();
    render(
      <div onKeyDown={(e) => onPageKey(e.key)}>
        <Field initial="gpu-1" onChange={onChange} />
      </div>,
    );
    await user.click(screen.getByRole('textbox', { name: 'Search nodes' }));
    await user.keyboard('{Escape}');
    expect(onChange).toHaveBeenLastCalledWith('');
    expect(onPageKey).not.toHaveBeenCalledWith('Escape');
    await user.keyboard('{Escape}');
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onPageKey).toHaveBeenCalledWith('Escape');
  });
});

describe('SearchField with a value that comes back late', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());
  // Keystrokes 10 ms apart on the fake clock: each value comes back three keystrokes later.
  const typist = () => userEvent.setup({ delay: 10, advanceTimers: jest.advanceTimersByTime });

  it('keeps every keystroke typed before the previous one came back', async () => {
    const user = typist();
    const onChange = jest.fn();
    render(<Field onChange={onChange} lagMs={30} />);
    const box = screen.getByRole('textbox', { name: 'Search nodes' });
    await user.type(box, 'gpu-node-7');
    expect(box).toHaveValue('gpu-node-7');
    expect(onChange).toHaveBeenLastCalledWith('gpu-node-7');
    // Once all the late values have come back, the field still shows what was typed.
    act(() => jest.advanceTimersByTime(100));
    expect(box).toHaveValue('gpu-node-7');
  });

  it('shows a change made elsewhere', async () => {
    const user = typist();
    render(<Field onChange={jest.fn()} lagMs={30} />);
    const box = screen.getByRole('textbox', { name: 'Search nodes' });
    await user.type(box, 'worker');
    act(() => jest.advanceTimersByTime(100));
    expect(box).toHaveValue('worker');
    await user.click(screen.getByRole('button', { name: 'Clear elsewhere' }));
    expect(box).toHaveValue('');
  });
});
