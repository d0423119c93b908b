/** @jest-environment jsdom */
import { act, render, renderHook, screen } from '@testing-library/react';
import { LazyPart } from '../LazyPart';
import { ON_DEMAND_RETRY_MS, useOnDemand } from '../useOnDemand';

// A chunk that cannot be fetched rejects as webpack's loader does: a ChunkLoadError.
const chunkLoadError = () =>
  Object.assign(new Error('Loading chunk 7 failed.\n(error: http://localhost/7.js)'), {
    name: 'ChunkLoadError',
  });

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('useOnDemand', () => {
  it('loads nothing until wanted, then once, and tries again while the download fails', async () => {
    const load = jest
      .fn<Promise<{ answer: number }>, []>()
      .mockRejectedValueOnce(chunkLoadError())
      .mockResolvedValue({ answer: 42 });
    const { result } = renderHook(() => useOnDemand(load));
    expect(load).not.toHaveBeenCalled();
    expect(result.current.module).toBeUndefined();

    await act(async () => result.current.want());
    expect(load).toHaveBeenCalledTimes(1);
    expect(result.current.module).toBeUndefined();
    expect((result.current.error as Error).name).toBe('ChunkLoadError');

    await act(async () => jest.advanceTimersByTime(ON_DEMAND_RETRY_MS));
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.module).toEqual({ answer: 42 });
    expect(result.current.error).toBeUndefined();

    // Wanted again, or by another component: the module is there, nothing is fetched.
    await act(async () => result.current.want());
    const other = renderHook(() => useOnDemand(load));
    expect(other.result.current.module).toEqual({ answer: 42 });
    await act(async () => jest.advanceTimersByTime(10 * ON_DEMAND_RETRY_MS));
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('LazyPart', () => {
  it('holds the place while loading, says when the chunk cannot be fetched, and recovers', async () => {
    let fail = true;
    const load = jest.fn(() =>
      fail ? Promise.reject(chunkLoadError()) : Promise.resolve({ text: 'the YAML editor' }),
    );
    render(
      <LazyPart load={load} loadingLabel="Loading the YAML editor" failedTitle="Not loaded">
        {(m) => <p>{m.text}</p>}
      </LazyPart>,
    );
    expect(screen.getByText('Loading the YAML editor')).toBeInTheDocument();
    await act(async () => undefined);
    expect(screen.getByText('Not loaded')).toBeInTheDocument();
    expect(
      screen.getByText(/The page tries again by itself; nothing you typed is lost\.$/),
    ).toBeInTheDocument();

    // Try again, by hand: fetched at once, without waiting for the next retry.
    await act(async () => screen.getByRole('button', { name: 'Try again' }).click());
    expect(load).toHaveBeenCalledTimes(2);
    expect(screen.getByText('Not loaded')).toBeInTheDocument();

    fail = false;
    await act(async () => jest.advanceTimersByTime(ON_DEMAND_RETRY_MS));
    expect(load).toHaveBeenCalledTimes(3);
    expect(screen.getByText('the YAML editor')).toBeInTheDocument();
    expect(screen.queryByText('Not loaded')).toBeNull();
  });
});
