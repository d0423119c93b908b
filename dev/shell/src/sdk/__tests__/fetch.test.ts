/**
 * @jest-environment jsdom
 */
/**
 * consoleFetch as the console's (console-shared's console-fetch and its utils): the earlier
 * stand-in neither retried a 429, nor reacted to a 401, nor sent the CSRF header.
 */
import { HttpError } from '@openshift-console/dynamic-plugin-sdk/lib/utils/error/http-error';
import { consoleFetch, consoleFetchJSON } from '../fetch';

const response = (status: number, json: unknown = {}) =>
  ({
    ok: status >= 200 && status < 300,
    status,
    statusText: String(status),
    headers: {
      get: (name: string) => (name.toLowerCase() === 'content-type' ? 'application/json' : null),
    },
    json: () => Promise.resolve(json),
    text: () => Promise.resolve(JSON.stringify(json)),
  }) as unknown as Response;

const fetchMock = jest.fn<Promise<Response>, [string, RequestInit]>();

beforeEach(() => {
  fetchMock.mockReset();
  (globalThis as { fetch: unknown }).fetch = fetchMock;
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  document.cookie = 'csrf-token=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
});
afterEach(() => jest.restoreAllMocks());

describe('consoleFetch', () => {
  it('retries a 429 at once, three attempts in all', async () => {
    fetchMock.mockResolvedValue(response(429, { message: 'too many requests' }));
    await expect(consoleFetch('/api/kubernetes/api/v1/nodes')).rejects.toBeInstanceOf(HttpError);
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it('succeeds when a retry does', async () => {
    fetchMock
      .mockResolvedValueOnce(response(429))
      .mockResolvedValueOnce(response(200, { kind: 'NodeList', items: [] }));
    await expect(consoleFetchJSON('/api/kubernetes/api/v1/nodes')).resolves.toEqual({
      kind: 'NodeList',
      items: [],
    });
  });

  it('logs the user out on a 401 from the API server, not from a proxied service', async () => {
    fetchMock.mockResolvedValue(response(401, { message: 'Unauthorized' }));
    await expect(consoleFetch('/api/kubernetes/api/v1/nodes')).rejects.toMatchObject({ code: 401 });
    expect(console.error).toHaveBeenCalledTimes(1);
    await expect(
      consoleFetch('/api/kubernetes/api/v1/namespaces/ns/services/svc/proxy/x'),
    ).rejects.toMatchObject({ code: 401 });
    expect(console.error).toHaveBeenCalledTimes(1);
  });

  it('sends the CSRF token with writes to the console, not with reads', async () => {
    document.cookie = 'csrf-token=abc123';
    fetchMock.mockResolvedValue(response(200, {}));
    await consoleFetchJSON('/api/kubernetes/api/v1/nodes');
    await consoleFetchJSON.post('/api/kubernetes/api/v1/nodes', { kind: 'Node' });
    const [[, read], [, write]] = fetchMock.mock.calls;
    expect((read.headers as Record<string, string>)['X-CSRFToken']).toBeUndefined();
    expect((write.headers as Record<string, string>)['X-CSRFToken']).toBe('abc123');
  });
});
