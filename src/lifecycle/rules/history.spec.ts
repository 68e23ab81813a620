import { buildValidityExtension } from './content-rules.js';
import { effectiveSignatures, freezeDate, isActiveOn, knownSince, signaturesOfVersion, versionsKnownBy } from './history.js';
import type { AgreementHistory, Amendment } from './lifecycle.types.js';
import { history, signature, smallContent, version } from '../../../test/fixtures/lifecycle-fixtures.js';

const content = smallContent();
const amendment = (type: Amendment['type'], baseVersion: number, newVersion: number, on: string): Amendment => ({
  id: `a${newVersion}`,
  type,
  baseVersion,
  newVersion,
  source: 'Schreiben',
  decidedOn: on,
  effectiveOn: on,
  actor: 'senias',
});

const s1 = signature(1, 'mitte', 'soziales', '2022-01-12');
const s2 = signature(2, 'mitte', 'finanzen', '2024-01-10');
const s3 = signature(3, 'neukoelln', 'soziales', '2024-02-10');
const s4 = signature(4, 'neukoelln', 'finanzen', '2024-05-10');

/** 1 → 2 extension → 3 extension → 4 content amendment. */
const chain: AgreementHistory = history('klein', {
  versions: [
    version(1, content, '2021-12-01'),
    version(2, buildValidityExtension(content, '2026-12-31'), '2023-11-21'),
    version(3, buildValidityExtension(content, '2027-12-31'), '2024-02-01'),
    version(4, smallContent({ title: 'Neu' }), '2024-04-01'),
  ],
  freezes: [{ version: 1, frozenOn: '2022-01-10', actor: 'senias' }],
  signatures: [s1, s2, s3, s4],
  amendments: [
    amendment('validityExtension', 1, 2, '2023-11-21'),
    amendment('validityExtension', 2, 3, '2024-02-01'),
    amendment('contentAmendment', 3, 4, '2024-04-01'),
  ],
});

describe('effectiveSignatures', () => {
  it('are a version’s own signatures for an original version', () => {
    expect(effectiveSignatures(chain, 1)).toEqual([s1]);
  });

  it('carry over through validity extensions, transitively', () => {
    expect(effectiveSignatures(chain, 2)).toEqual([s2, s1]);
    expect(effectiveSignatures(chain, 3)).toEqual([s3, s2, s1]);
  });

  it('start afresh with a content amendment', () => {
    expect(effectiveSignatures(chain, 4)).toEqual([s4]);
  });

  it('include withdrawn signatures, which isActiveOn tells apart', () => {
    const withdrawn = signature(1, 'mitte', 'finanzen', '2022-01-12', {
      withdrawal: { withdrawnOn: '2022-03-01', reason: 'Irrtum', actor: 'a' },
    });
    const h = { ...chain, signatures: [withdrawn] };
    expect(effectiveSignatures(h, 2)).toEqual([withdrawn]);
    expect(isActiveOn(withdrawn, '2022-01-11')).toBe(false);
    expect(isActiveOn(withdrawn, '2022-02-28')).toBe(true);
    expect(isActiveOn(withdrawn, '2022-03-01')).toBe(false);
  });
});

describe('signaturesOfVersion', () => {
  const listed = (n: number) => signaturesOfVersion(chain, n).map((s) => [s.id, s.version, s.carriedOverFrom]);

  it('lists a version’s own signatures unmarked', () => {
    expect(listed(1)).toEqual([[s1.id, 1, null]]);
    expect(listed(4)).toEqual([[s4.id, 4, null]]);
  });

  it('lists the signatures an extension carried over on the extended version, marked with the version signed, oldest first', () => {
    expect(listed(2)).toEqual([
      [s1.id, 1, 1],
      [s2.id, 2, null],
    ]);
    expect(listed(3)).toEqual([
      [s1.id, 1, 1],
      [s2.id, 2, 2],
      [s3.id, 3, null],
    ]);
  });
});

describe('freezeDate and knownSince', () => {
  it('takes a freeze record, or the decision of an extension or content amendment', () => {
    expect(freezeDate(chain, 1)).toBe('2022-01-10');
    expect(freezeDate(chain, 2)).toBe('2023-11-21');
    expect(freezeDate(chain, 4)).toBe('2024-04-01');
  });

  it('leaves the result of a correction a draft until it is frozen', () => {
    const h = { ...chain, amendments: [amendment('correction', 1, 2, '2022-01-05')] };
    expect(freezeDate(h, 2)).toBeNull();
  });

  it('dates a version by the earliest record of it, not by when it was entered', () => {
    const late = history('klein', {
      versions: [version(1, content, '2026-03-01')],
      freezes: [{ version: 1, frozenOn: '2022-01-10', actor: 'import' }],
      signatures: [signature(1, 'mitte', 'soziales', '2022-01-09')],
    });
    expect(knownSince(late, late.versions[0])).toBe('2022-01-09');
    expect(versionsKnownBy(late, '2022-01-09').map((v) => v.number)).toEqual([1]);
    expect(versionsKnownBy(late, '2022-01-08')).toEqual([]);
  });
});
