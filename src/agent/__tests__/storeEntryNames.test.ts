import { decodeImageRefDirName, isLayerDirName } from '../probe/storeEntryNames';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const b64url = (text: string) => Buffer.from(text).toString('base64url');

describe('decodeImageRefDirName', () => {
  // This reference encodes to a standard-alphabet name with "/" and "+"... replaced in URL-safe.
  const tricky = 'registry.example.com/team/app:v1~?>';

  it.each([
    ['standard, padded', b64('quay.io/a/b:1'), 'quay.io/a/b:1'],
    ['URL-safe, unpadded', b64url('quay.io/a/b:1'), 'quay.io/a/b:1'],
    ['standard with + and /', b64(tricky), tricky],
    ['URL-safe with - and _', b64url(tricky), tricky],
    ['standard, padding stripped', b64('ab').replace(/=+$/, ''), 'ab'],
    [
      'a digest reference',
      b64url(`quay.io/a/b@sha256:${'0'.repeat(64)}`),
      `quay.io/a/b@sha256:${'0'.repeat(64)}`,
    ],
  ])('decodes %s', (_name, dirName, ref) => {
    expect(b64(tricky)).toMatch(/[+/]/);
    expect(b64url(tricky)).toMatch(/[-_]/);
    expect(decodeImageRefDirName(dirName)).toBe(ref);
  });

  it.each([
    ['empty', ''],
    ['mixed alphabets', `${b64(tricky).replace('/', '_')}+`],
    ['a length no base64 has', 'abcde'],
    ['bad padding', 'YQ='],
    ['padding in the middle', 'YQ==YQ=='],
    ['non-canonical trailing bits', 'YR=='],
    ['not base64 at all', 'sha256:abc'],
    ['dots', 'lost+found.d'],
    ['decodes to invalid UTF-8', Buffer.from([0xff, 0xfe, 0xfd]).toString('base64')],
    ['decodes to control characters', b64('quay.io/a\n')],
    ['decodes to spaces', b64('quay.io/a b')],
    ['decodes to non-ASCII', b64('quay.io/é')],
  ])('refuses %s', (_name, dirName) => {
    expect(decodeImageRefDirName(dirName)).toBeUndefined();
  });
});

describe('isLayerDirName', () => {
  it.each([
    [`sha256:${'a'.repeat(64)}`, true],
    ['sha512:abc', true],
    ['multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8', true],
    ['diff', false],
    ['sha256', false],
    ['SHA256:abc', false],
    [':abc', false],
  ])('%s → %s', (name, expected) => {
    expect(isLayerDirName(name)).toBe(expected);
  });
});
