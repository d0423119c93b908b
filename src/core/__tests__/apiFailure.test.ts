import { readApiFailure } from '../apiFailure';

describe('readApiFailure', () => {
  it('reads the Status of an HTTP error, causes included', () => {
    const err = Object.assign(new Error('Unprocessable Entity'), {
      code: 422,
      json: {
        kind: 'Status',
        status: 'Failure',
        code: 422,
        reason: 'Invalid',
        message:
          'ContainerRuntimeConfig.machineconfiguration.openshift.io "x" is invalid: spec.containerRuntimeConfig.additionalLayerStores[0].path: Invalid value',
        details: {
          causes: [
            {
              reason: 'FieldValueInvalid',
              field: 'spec.containerRuntimeConfig.additionalLayerStores[0].path',
              message: 'Invalid value',
            },
          ],
        },
      },
    });
    expect(readApiFailure(err)).toEqual({
      code: 422,
      reason: 'Invalid',
      message: expect.stringContaining('is invalid'),
      causes: [
        {
          reason: 'FieldValueInvalid',
          field: 'spec.containerRuntimeConfig.additionalLayerStores[0].path',
          message: 'Invalid value',
        },
      ],
      conflict: false,
      alreadyExists: false,
      unreachable: false,
    });
  });

  it('tells a stale-version conflict from an existing name', () => {
    expect(
      readApiFailure({
        code: 409,
        json: { reason: 'Conflict', message: 'the object has been modified' },
      }),
    ).toMatchObject({
      conflict: true,
      alreadyExists: false,
    });
    expect(
      readApiFailure({ json: { code: 409, reason: 'AlreadyExists', message: 'already exists' } }),
    ).toMatchObject({
      conflict: false,
      alreadyExists: true,
    });
  });

  it('falls back to the error message, the response status, or the value itself', () => {
    expect(readApiFailure(new Error('Something else'))).toMatchObject({
      message: 'Something else',
      causes: [],
      unreachable: false,
    });
    expect(readApiFailure({ response: { status: 503 } })).toMatchObject({
      code: 503,
      message: 'HTTP 503',
    });
    expect(readApiFailure('boom').message).toBe('boom');
  });

  describe('no answer from the API server', () => {
    it('is what fetch rejects with when the network fails, in each browser', async () => {
      // Node's own fetch rejects the same way for a port nobody listens on.
      const failed = await fetch('http://127.0.0.1:1/').catch((e: unknown) => e);
      expect(readApiFailure(failed)).toMatchObject({ unreachable: true, code: undefined });
      for (const message of [
        'Failed to fetch',
        'NetworkError when attempting to fetch resource.',
        'Load failed',
      ]) {
        expect(readApiFailure(new TypeError(message)).unreachable).toBe(true);
      }
    });

    it('is the console fetch timing out', () => {
      // As the SDK's TimeoutError builds itself (its class name may not survive minifying).
      const timeout = Object.assign(
        new Error('Call to /api/kubernetes/apis/x timed out after 60000ms.'),
        { url: '/api/kubernetes/apis/x', ms: 60000 },
      );
      expect(readApiFailure(timeout).unreachable).toBe(true);
    });

    it('is a gateway error without a Status: the console proxy could not reach the server', () => {
      // The console's proxy is Go's httputil.ReverseProxy: 502 with an empty body; the SDK's
      // fetch then throws HttpError(statusText, code, response) without json.
      expect(
        readApiFailure(Object.assign(new Error('Bad Gateway'), { code: 502, response: {} })),
      ).toMatchObject({ unreachable: true, code: 502 });
      expect(readApiFailure({ response: { status: 504 } }).unreachable).toBe(true);
    });

    it('is not an answer of the API server, however unwelcome', () => {
      const unavailable = {
        code: 503,
        json: { kind: 'Status', code: 503, reason: 'ServiceUnavailable', message: 'etcd' },
      };
      expect(readApiFailure(unavailable).unreachable).toBe(false);
      expect(readApiFailure({ code: 403, json: { message: 'forbidden' } }).unreachable).toBe(false);
      // A programming error is not a network failure.
      expect(readApiFailure(new TypeError('x is undefined')).unreachable).toBe(false);
    });
  });
});
