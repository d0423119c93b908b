import fc from 'fast-check';
import { STORE_FIELDS } from '../../model/types';
import { blockingErrors, validateContainerRuntimeConfig } from '..';

const FIELD_PATH =
  /^(spec\.containerRuntimeConfig\.additional(Layer|Image|Artifact)Stores(\[\d+\](\.path)?)?|<nil>)$/;

/** Strings that exercise the rules: mostly path-like, sometimes anything at all. */
const pathLike = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(
      fc.constantFrom('/', 'a', 'Z', '9', '.', '_', '-', ':', ' ', '//', 'ü', '\u0000', '\n', '"'),
      {
        maxLength: 60,
      },
    )
    .map((parts) => parts.join('')),
);

describe('validation properties', () => {
  it('any string in any path field yields success or field-path errors, never an exception', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STORE_FIELDS),
        fc.array(pathLike, { minLength: 1, maxLength: 12 }),
        (field, paths) => {
          const obj = {
            apiVersion: 'machineconfiguration.openshift.io/v1',
            kind: 'ContainerRuntimeConfig',
            metadata: { name: 'p' },
            spec: { containerRuntimeConfig: { [field]: paths.map((path) => ({ path })) } },
          };
          const errors = blockingErrors(validateContainerRuntimeConfig(obj, { gateEnabled: true }));
          for (const e of errors) {
            expect(e.field).toMatch(FIELD_PATH);
            expect(e.message.length).toBeGreaterThan(0);
          }
          // A path the schema accepts is never reported; one it refuses always is, except that
          // the CEL rules (pattern, //) are not run when the list has too many items.
          const rulesRun = !errors.some((e) => e.field === '<nil>');
          paths.forEach((p, i) => {
            const ok =
              (!rulesRun || (/^\/[a-zA-Z0-9/._-]+$/.test(p) && !p.includes('//'))) &&
              p !== '' &&
              // maxLength counts code points, as the API server does.
              // eslint-disable-next-line @typescript-eslint/no-misused-spread
              [...p].length <= 256;
            const reported = errors.some(
              (e) => e.field === `spec.containerRuntimeConfig.${field}[${i}].path`,
            );
            expect(reported).toBe(!ok);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('any JSON value anywhere in the configuration is judged without throwing', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 25 }), fc.jsonValue({ maxDepth: 3 })),
        fc.jsonValue({ maxDepth: 2 }),
        (cfg, selector) => {
          const obj = {
            kind: 'ContainerRuntimeConfig',
            metadata: { name: 'p' },
            spec: { machineConfigPoolSelector: selector, containerRuntimeConfig: cfg },
          };
          expect(() => validateContainerRuntimeConfig(obj, { gateEnabled: true })).not.toThrow();
          expect(() => validateContainerRuntimeConfig(obj, { gateEnabled: false })).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });
});
