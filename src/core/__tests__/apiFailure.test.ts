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
    expect(readApiFailure(new Error('Failed to fetch'))).toMatchObject({
      message: 'Failed to fetch',
      causes: [],
    });
    expect(readApiFailure({ response: { status: 503 } })).toMatchObject({
      code: 503,
      message: 'HTTP 503',
    });
    expect(readApiFailure('boom').message).toBe('boom');
  });
});
