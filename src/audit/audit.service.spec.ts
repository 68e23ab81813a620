import { createHash } from 'node:crypto';
import { argsDigest } from './audit.service.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('argsDigest', () => {
  it('hashes the canonical JSON of the arguments, without undefined fields', () => {
    expect(argsDigest({ yaml: 'id: x', agreementId: 'x', changeNote: undefined })).toBe(sha256('{"agreementId":"x","yaml":"id: x"}'));
  });

  it('hashes refused arguments holding a lone surrogate too, escaped, so they differ from their U+FFFD look-alike', () => {
    expect(argsDigest({ input: { personName: 'a\ud800' } })).toBe(sha256('{"input":{"personName":"a\\ud800"}}'));
    expect(argsDigest({ input: { personName: 'a\ud800' } })).not.toBe(argsDigest({ input: { personName: 'a\ufffd' } }));
  });
});
