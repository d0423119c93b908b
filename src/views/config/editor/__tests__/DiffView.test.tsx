/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { DiffView } from '../DiffView';

describe('DiffView', () => {
  it('shows changed lines with their numbers and marks, and says so when none changed', () => {
    const { rerender } = render(<DiffView before={'a\nb\n'} after={'a\nc\n'} label="changes" />);
    expect(screen.getByText('Added lines: 1. Removed lines: 1.')).toBeInTheDocument();
    const lines = [...screen.getByLabelText('changes').querySelectorAll('[data-diff]')].map(
      (l) => `${l.getAttribute('data-diff')}|${l.textContent}`,
    );
    expect(lines).toEqual(['context|1 a', 'remove|2-b', 'add|2+c']);
    rerender(<DiffView before={'a\n'} after={'a\n'} label="changes" />);
    expect(screen.getByText('No changes.')).toBeInTheDocument();
  });

  it('says which side lost its final line break, which otherwise reads as no change', () => {
    render(<DiffView before={'a\nb\n'} after={'a\nb'} label="changes" />);
    const added = screen.getByLabelText('changes').querySelector('[data-diff="add"]');
    expect(added?.textContent).toBe('2+b (no line break at the end of the file)');
    const removed = screen.getByLabelText('changes').querySelector('[data-diff="remove"]');
    expect(removed?.textContent).toBe('2-b');
  });
});
