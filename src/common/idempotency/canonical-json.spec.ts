import { canonicalJson, sha256 } from './canonical-json';

describe('canonicalJson', () => {
  it('is the same for the same content in another key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });

  it('differs when a value differs, and skips undefined like JSON does', () => {
    expect(sha256(canonicalJson({ a: 1 }))).not.toBe(sha256(canonicalJson({ a: 2 })));
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});
