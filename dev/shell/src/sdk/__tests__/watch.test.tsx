/**
 * @jest-environment jsdom
 */
/**
 * The shell's watches against the console's: each test states a behaviour of console 4.22's
 * k8s actions, reducer, WSFactory and useK8sWatchResource that the shell's earlier stand-in did
 * otherwise (it reported `undefined` for no error, `{}` for an object not read, resumed watches
 * from the last event, re-listed on a 410, kept every buffered event).
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { act, renderHook } from '@testing-library/react';
import { NodeModel } from '../../../../../src/views/shared/models';
import { k8sGetRaw, k8sListRaw } from '../k8s-resource';
import { stopK8sWatch, watchK8sList, watchK8sObject } from '../watch/actions';
import { getEntry, readData } from '../watch/store';
import { makeQuery, makeWatchId, useK8sWatchResource } from '../watch';

jest.mock('../k8s-resource', () => ({
  ...jest.requireActual<object>('../k8s-resource'),
  k8sListRaw: jest.fn(),
  k8sGetRaw: jest.fn(),
}));
jest.mock('../models', () => ({
  findModel: (ref: { kind?: string } | string | undefined) =>
    (typeof ref === 'string' ? ref : ref?.kind) === 'Node' ? NODE_MODEL : undefined,
}));

/** The plugin's Node model, with the verbs discovery adds. */
const NODE_MODEL: SDK.K8sModel = { ...NodeModel, verbs: ['get', 'list', 'watch'] };

/** A WebSocket the test drives: it records every instance and lets the test send and close. */
class FakeSocket {
  static all: FakeSocket[] = [];
  static readonly OPEN = 1;
  readyState = 0;
  onopen: (() => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  send(event: unknown) {
    this.onmessage?.({ data: JSON.stringify(event) });
  }
  close(code = 1000) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code });
  }
  static last() {
    return FakeSocket.all[FakeSocket.all.length - 1];
  }
}

const node = (name: string, rv: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name,
    uid: `uid-${name}`,
    resourceVersion: rv,
    creationTimestamp: '2026-01-01T00:00:00Z',
  },
  ...extra,
});

const list = (items: unknown[], resourceVersion: string, next = '') => ({
  items,
  metadata: { resourceVersion, ...(next ? { continue: next } : {}) },
});

const flushPromises = async () => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

let id = 0;
const nextId = () => `test-watch-${(id += 1)}`;

beforeEach(() => {
  jest.useFakeTimers();
  FakeSocket.all = [];
  (globalThis as { WebSocket: unknown }).WebSocket = FakeSocket;
  jest.mocked(k8sListRaw).mockReset();
  jest.mocked(k8sGetRaw).mockReset();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('a list watch', () => {
  it("says no error with '' from the start, and after loading", async () => {
    jest.mocked(k8sListRaw).mockResolvedValue(list([node('a', '5')], '5'));
    const watch = nextId();
    watchK8sList(watch, {}, NODE_MODEL);
    expect(getEntry(watch)).toMatchObject({ loaded: false, loadError: '' });
    await act(flushPromises);
    expect(getEntry(watch)).toMatchObject({ loaded: true, loadError: '' });
    stopK8sWatch(watch);
  });

  it('reads pages of 250, loaded after the first, with the metadata-only header', async () => {
    let releaseSecond: () => void = () => undefined;
    jest
      .mocked(k8sListRaw)
      .mockResolvedValueOnce(list([node('a', '5')], '5', 'next'))
      .mockImplementationOnce(
        () =>
          new Promise((resolve) => (releaseSecond = () => resolve(list([node('b', '6')], '6')))),
      );
    const watch = nextId();
    watchK8sList(watch, {}, NODE_MODEL, true);
    await act(flushPromises);
    const [query, , init] = jest.mocked(k8sListRaw).mock.calls[0].slice(1);
    expect(query).toEqual({ limit: 250 });
    expect(init).toEqual({
      headers: {
        Accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json',
      },
    });
    expect(getEntry(watch)?.loaded).toBe(true);
    expect(readData(getEntry(watch)?.data, true)).toHaveLength(1);
    releaseSecond();
    await act(flushPromises);
    expect(readData(getEntry(watch)?.data, true)).toHaveLength(2);
    expect(FakeSocket.last().url).toMatch(/\/api\/v1\/nodes\?watch=true&resourceVersion=6$/);
    stopK8sWatch(watch);
  });

  it('applies events every 500 ms, keeping the newest 1,000 of a burst', async () => {
    jest.mocked(k8sListRaw).mockResolvedValue(list([], '1'));
    const watch = nextId();
    watchK8sList(watch, {}, NODE_MODEL);
    await act(flushPromises);
    const socket = FakeSocket.last();
    socket.open();
    for (let i = 0; i < 1200; i += 1)
      socket.send({ type: 'ADDED', object: node(`n${i}`, String(10 + i)) });
    expect(readData(getEntry(watch)?.data, true)).toHaveLength(0);
    act(() => jest.advanceTimersByTime(500));
    const names = (readData(getEntry(watch)?.data, true) as { metadata: { name: string } }[]).map(
      (n) => n.metadata.name,
    );
    expect(names).toHaveLength(1000);
    expect(names).not.toContain('n199');
    expect(names).toContain('n200');
    stopK8sWatch(watch);
  });

  it('replaces a metadata-only item with the whole object an event carries', async () => {
    const partial = { ...node('a', '5'), kind: 'PartialObjectMetadata' };
    jest.mocked(k8sListRaw).mockResolvedValue(list([partial], '5'));
    const watch = nextId();
    watchK8sList(watch, {}, NODE_MODEL, true);
    await act(flushPromises);
    FakeSocket.last().open();
    FakeSocket.last().send({
      type: 'MODIFIED',
      object: node('a', '7', { status: { capacity: {} } }),
    });
    act(() => jest.advanceTimersByTime(500));
    expect(readData(getEntry(watch)?.data, true)).toEqual([
      node('a', '7', { status: { capacity: {} } }),
    ]);
    stopK8sWatch(watch);
  });

  it('keeps the same array when an event changes only the resourceVersion', async () => {
    jest.mocked(k8sListRaw).mockResolvedValue(list([node('a', '5')], '5'));
    const watch = nextId();
    watchK8sList(watch, {}, NODE_MODEL);
    await act(flushPromises);
    const before = readData(getEntry(watch)?.data, true);
    FakeSocket.last().open();
    FakeSocket.last().send({ type: 'MODIFIED', object: node('a', '9') });
    act(() => jest.advanceTimersByTime(500));
    expect(readData(getEntry(watch)?.data, true)).toBe(before);
    stopK8sWatch(watch);
  });

  it('reconnects a closed socket at the first list’s resourceVersion, not the last event’s', async () => {
    jest.mocked(k8sListRaw).mockResolvedValue(list([node('a', '5')], '5'));
    const watch = nextId();
    watchK8sList(watch, {}, NODE_MODEL);
    await act(flushPromises);
    const first = FakeSocket.last();
    first.open();
    first.send({ type: 'MODIFIED', object: node('a', '8', { spec: {} }) });
    act(() => jest.advanceTimersByTime(500));
    first.close(1000);
    act(() => jest.advanceTimersByTime(1000));
    expect(FakeSocket.all).toHaveLength(2);
    expect(FakeSocket.last().url).toMatch(/resourceVersion=5$/);
    expect(k8sListRaw).toHaveBeenCalledTimes(1);
    stopK8sWatch(watch);
  });

  it('only logs an ERROR event (410 Gone too), and does not list again', async () => {
    jest.mocked(k8sListRaw).mockResolvedValue(list([node('a', '5')], '5'));
    const watch = nextId();
    watchK8sList(watch, {}, NODE_MODEL);
    await act(flushPromises);
    FakeSocket.last().open();
    FakeSocket.last().send({ type: 'ERROR', object: { kind: 'Status', code: 410 } });
    act(() => jest.advanceTimersByTime(20_000));
    await act(flushPromises);
    expect(console.warn).toHaveBeenCalledWith('unknown websocket action: ERROR');
    expect(k8sListRaw).toHaveBeenCalledTimes(1);
    expect(readData(getEntry(watch)?.data, true)).toHaveLength(1);
    stopK8sWatch(watch);
  });

  it('lists again 15 s after an abnormal close (1006), not before', async () => {
    jest.mocked(k8sListRaw).mockResolvedValue(list([node('a', '5')], '5'));
    const watch = nextId();
    watchK8sList(watch, {}, NODE_MODEL);
    await act(flushPromises);
    FakeSocket.last().open();
    FakeSocket.last().close(1006);
    act(() => jest.advanceTimersByTime(14_999));
    expect(k8sListRaw).toHaveBeenCalledTimes(1);
    act(() => jest.advanceTimersByTime(1));
    await act(flushPromises);
    expect(k8sListRaw).toHaveBeenCalledTimes(2);
    stopK8sWatch(watch);
  });

  it('keeps its data when a later list fails, and tries again 15 s later', async () => {
    const forbidden = Object.assign(new Error('nodes is forbidden'), { code: 403 });
    jest
      .mocked(k8sListRaw)
      .mockResolvedValueOnce(list([node('a', '5')], '5'))
      .mockRejectedValueOnce(forbidden)
      .mockResolvedValue(list([node('a', '5')], '5'));
    const watch = nextId();
    watchK8sList(watch, {}, NODE_MODEL);
    await act(flushPromises);
    FakeSocket.last().open();
    FakeSocket.last().close(1006);
    act(() => jest.advanceTimersByTime(15_000));
    await act(flushPromises);
    expect(getEntry(watch)).toMatchObject({ loaded: true, loadError: forbidden });
    expect(readData(getEntry(watch)?.data, true)).toHaveLength(1);
    act(() => jest.advanceTimersByTime(15_000));
    await act(flushPromises);
    expect(k8sListRaw).toHaveBeenCalledTimes(3);
    stopK8sWatch(watch);
  });
});

describe('an object watch', () => {
  it("reads null until the object is read, with no error as ''", async () => {
    let resolve: (o: unknown) => void = () => undefined;
    jest.mocked(k8sGetRaw).mockReturnValue(new Promise((r) => (resolve = r)));
    const watch = nextId();
    watchK8sObject(watch, 'a', undefined, { name: 'a' }, NODE_MODEL);
    expect(readData(getEntry(watch)?.data, false)).toBeNull();
    expect(getEntry(watch)).toMatchObject({ loaded: false, loadError: '' });
    resolve(node('a', '5'));
    await act(flushPromises);
    expect(readData(getEntry(watch)?.data, false)).toEqual(node('a', '5'));
    expect(FakeSocket.last().url).toMatch(/fieldSelector=metadata.name%3Da$/);
    stopK8sWatch(watch);
  });
});

describe('useK8sWatchResource', () => {
  it("answers as the console: empty and not loaded, then the data with the error ''", async () => {
    jest.mocked(k8sListRaw).mockResolvedValue(list([node('a', '5')], '5'));
    const { result, unmount } = renderHook(() =>
      useK8sWatchResource<SDK.K8sResourceCommon[]>({ kind: 'Node', isList: true }),
    );
    expect(result.current[1]).toBe(false);
    expect(result.current[2]).toBe('');
    await act(flushPromises);
    expect(result.current).toEqual([[node('a', '5')], true, '']);
    unmount();
  });

  it('shares one watch whether or not partialMetadata is asked for', () => {
    const model = NODE_MODEL;
    const plain = makeWatchId(model, makeQuery({ kind: 'Node', isList: true }));
    const partial = makeWatchId(
      model,
      makeQuery({ kind: 'Node', isList: true, partialMetadata: true }),
    );
    expect(plain).toBe('core~v1~Node');
    expect(partial).toBe(plain);
  });
});
