import { describeRecord, encodeField, entryHash, recordHash } from './register-log.js';

// The migration's SQL functions (zv_field, zv_list, zv_sha256) write this same form; the end-to-end
// tests check that both sides agree on every kind of record.
describe('register log text form', () => {
  it('writes each field as its length in characters and its text, null as -', () => {
    expect(encodeField(null)).toBe('-');
    expect(encodeField('')).toBe('0:');
    expect(encodeField('Bürger')).toBe('6:Bürger');
    // Code points, as PostgreSQL counts: not UTF-16 units, not bytes.
    expect(encodeField('Nils 👍')).toBe('6:Nils 👍');
    expect(encodeField('a:b-c')).toBe('5:a:b-c');
  });

  it('writes a list as one field holding its encoded items', () => {
    expect(encodeField(['admin', 'reader'])).toBe('15:5:admin6:reader');
    expect(encodeField([])).toBe('0:');
  });

  it('hashes the concatenated fields with SHA-256', () => {
    expect(recordHash(['a', null])).toBe('90f1254ff827d6590e7801f3633736f7ae68c37fd9392ced9c449bc6825320b8');
    expect(recordHash([['admin', 'reader']])).toBe('38ea54cb899b7286d4158fd2b8fac9d9736d4516d8ff14892f5e3c25397547da');
    // Field boundaries count: moving text from one field to the next changes the hash.
    expect(recordHash(['ab', 'c'])).not.toBe(recordHash(['a', 'bc']));
    expect(recordHash([null])).not.toBe(recordHash(['-']));
  });

  it('links an entry to its number, kind, reference, record and the entry before', () => {
    const entry = { seq: 2, kind: 'freeze', agreementId: 'a', ref: '1', recordHash: 'r'.repeat(64), previousHash: 'p'.repeat(64) };
    const hash = entryHash(entry);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash({ ...entry, seq: 3 })).not.toBe(hash);
    expect(entryHash({ ...entry, previousHash: null })).not.toBe(hash);
    expect(entryHash({ ...entry, agreementId: null })).not.toBe(hash);
  });

  it('names records the way people look for them', () => {
    expect(describeRecord('freeze', 'soziale-wohnhilfen', '1')).toBe('freeze of version 1 of soziale-wohnhilfen');
    expect(describeRecord('withdrawal', 'a', 'f0e1')).toBe('withdrawal of signature f0e1 of a');
    expect(describeRecord('audit', null, '17')).toBe('audit entry 17');
    expect(describeRecord('followUp', 'soziale-wohnhilfen-2026', 'soziale-wohnhilfen-2026')).toBe('follow-up link of soziale-wohnhilfen-2026');
  });
});
