import { entryHash, recordHash, type FieldValue } from './register-log.js';
import { MAX_FINDINGS, verifyRegisterLog, type StoredLogEntry } from './verify-register-log.js';

interface Rec {
  kind: string;
  agreementId: string | null;
  ref: string;
  fields: FieldValue[];
  boundVersionHash?: string | null;
}

const HASH_1 = '1'.repeat(64);
const SIGNATURE_ID = '5c1e0a2b-0000-4000-8000-000000000001';
const signatureFields = (contentHash: string): FieldValue[] => [
  SIGNATURE_ID,
  'a',
  '1',
  contentHash,
  'mitte',
  'finanzen',
  'Moritz Mitte',
  null,
  '2024-03-05',
  'handwrittenScan',
  null,
  null,
  'Nils (district-signatory mitte)',
  '2024-03-05T10:00:00.000000Z',
];

const records = (): Rec[] => [
  { kind: 'version', agreementId: 'a', ref: '1', fields: ['a', '1', 'c'.repeat(64)] },
  { kind: 'freeze', agreementId: 'a', ref: '1', fields: ['a', '1', '2024-03-01', 'Erika', '2024-03-01T09:00:00.000000Z'] },
  { kind: 'signature', agreementId: 'a', ref: SIGNATURE_ID, fields: signatureFields(HASH_1), boundVersionHash: HASH_1 },
  {
    kind: 'withdrawal',
    agreementId: 'a',
    ref: SIGNATURE_ID,
    fields: [SIGNATURE_ID, '2024-03-06', 'Falsche Fassung', 'Nils', '2024-03-06T08:00:00.000000Z'],
  },
  {
    kind: 'audit',
    agreementId: 'a',
    ref: '4',
    fields: ['4', '2024-03-06T08:00:00.000001Z', 's', 'Nils', ['district-signatory'], 'mitte', 'withdrawSignature', 'a', '1', 'd'.repeat(64), 'ok'],
  },
];

/** A log as the database writes it: each entry hashed and linked to the one before. */
function logOf(recs: Rec[]): StoredLogEntry[] {
  let previousHash: string | null = null;
  return recs.map((r, i) => {
    const entry = { seq: i + 1, kind: r.kind, agreementId: r.agreementId, ref: r.ref, recordHash: recordHash(r.fields), previousHash };
    const hash = entryHash(entry);
    previousHash = hash;
    return { ...entry, hash, fields: r.fields, boundVersionHash: r.boundVersionHash ?? null };
  });
}

describe('verifyRegisterLog', () => {
  it('accepts an intact log and gives the last entry hash as head', async () => {
    const log = logOf(records());
    const report = await verifyRegisterLog(log);
    expect(report).toMatchObject({ ok: true, records: 5, head: log[4].hash, findings: [], findingCount: 0, expected: null });
    expect(report.byKind).toEqual({
      version: 1,
      followUp: 0,
      freeze: 1,
      signature: 1,
      withdrawal: 1,
      amendment: 0,
      paper: 0,
      consultation: 0,
      paperRevision: 0,
      consultationRevision: 0,
      audit: 1,
    });
  });

  it('names a deleted council paper and an altered step of it', async () => {
    const paperId = '7a000000-0000-4000-8000-000000000001';
    const stepId = '7b000000-0000-4000-8000-000000000002';
    const paperFields: FieldValue[] = [
      paperId,
      'bvv-neukoelln',
      '1265/XXI',
      'Vorlage zur Kenntnisnahme',
      null,
      '2024-01-09',
      'BA/SozGes',
      'true',
      '§ 15 BezVG',
      'a',
      '1',
      'extension',
      null,
      null,
      'system',
      '2024-01-10T08:00:00.000000Z',
    ];
    const stepFields: FieldValue[] = [
      stepId,
      paperId,
      'councilConsultation',
      'bvv-neukoelln',
      '2024-04-17',
      'öffentliche Sitzung',
      '30',
      'Kenntnisnahme',
      'zur Kenntnis genommen',
      'true',
      null,
      null,
      'system',
      '2024-04-18T08:00:00.000000Z',
    ];
    const log = logOf([
      ...records(),
      { kind: 'paper', agreementId: 'a', ref: paperId, fields: paperFields },
      { kind: 'consultation', agreementId: 'a', ref: stepId, fields: stepFields },
    ]);
    expect((await verifyRegisterLog(log)).byKind).toMatchObject({ paper: 1, consultation: 1 });
    log[5].fields = null;
    log[6].fields = stepFields.map((f, i) => (i === 8 ? 'abgelehnt' : f));
    expect((await verifyRegisterLog(log)).findings).toEqual([
      { subject: `council paper ${paperId} of a (log entry 6)`, reason: 'the record was deleted' },
      { subject: `consultation ${stepId} of a (log entry 7)`, reason: 'the record was altered after it was stored' },
    ]);
  });

  it('names a deleted record: its entry stays behind', async () => {
    const log = logOf(records());
    log[3].fields = null;
    const report = await verifyRegisterLog(log);
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([{ subject: `withdrawal of signature ${SIGNATURE_ID} of a (log entry 4)`, reason: 'the record was deleted' }]);
  });

  it('names an altered record', async () => {
    const log = logOf(records());
    log[1].fields = ['a', '1', '2024-02-01', 'Erika', '2024-03-01T09:00:00.000000Z'];
    expect((await verifyRegisterLog(log)).findings).toEqual([
      { subject: 'freeze of version 1 of a (log entry 2)', reason: 'the record was altered after it was stored' },
    ]);
  });

  it('names entries deleted from the log once, not again at the broken link after them', async () => {
    const log = logOf(records());
    const report = await verifyRegisterLog([log[0], log[3], log[4]]);
    expect(report.findings).toEqual([{ subject: 'register log', reason: 'entries 2 to 3 are missing (deleted from the log)' }]);
    expect((await verifyRegisterLog(log.slice(1))).findings).toEqual([
      { subject: 'register log', reason: 'entry 1 is missing (deleted from the log)' },
    ]);
  });

  it('names reordered and rewritten entries', async () => {
    const log = logOf(records());
    // Two entries swap places, renumbered so that the numbering still looks complete.
    const swapped = [log[0], { ...log[2], seq: 2 }, { ...log[1], seq: 3 }, log[3], log[4]];
    const report = await verifyRegisterLog(swapped);
    expect(report.findings.map((f) => f.subject)).toEqual([
      `signature ${SIGNATURE_ID} of a (log entry 2)`,
      'freeze of version 1 of a (log entry 3)',
      `withdrawal of signature ${SIGNATURE_ID} of a (log entry 4)`,
    ]);
    expect(report.findings[0].reason).toBe(
      'does not link to the log entry before it (entries were reordered or rewritten); the log entry was rewritten',
    );
    expect(report.findings[2].reason).toBe('does not link to the log entry before it (entries were reordered or rewritten)');
  });

  it('names a signature that no longer binds the content of the version it names', async () => {
    const otherVersion = records();
    otherVersion[2].boundVersionHash = '2'.repeat(64);
    expect((await verifyRegisterLog(logOf(otherVersion))).findings).toEqual([
      { subject: `signature ${SIGNATURE_ID} of a (log entry 3)`, reason: `it binds content hash ${HASH_1}, but version 1 has ${'2'.repeat(64)}` },
    ]);
    const gone = records();
    gone[2].boundVersionHash = null;
    expect((await verifyRegisterLog(logOf(gone))).findings[0].reason).toBe('it names version 1, which is not stored');
  });

  it('names records that are not in the log', async () => {
    const report = await verifyRegisterLog(logOf(records()), { unlogged: [{ kind: 'signature', agreementId: 'b', ref: 'f0e1' }] });
    expect(report.findings).toEqual([{ subject: 'signature f0e1 of b', reason: "not in the register log: it was stored behind the service's back" }]);
  });

  it('accepts a head kept earlier while the log grew after it, and refuses one that is not in it', async () => {
    const log = logOf(records());
    const earlier = log[2].hash;
    expect(await verifyRegisterLog(log, { expect: earlier })).toMatchObject({ ok: true, expected: { head: earlier, foundAt: 3 } });
    const unknown = await verifyRegisterLog(log, { expect: 'e'.repeat(64) });
    expect(unknown).toMatchObject({ ok: false, findingCount: 0, expected: { head: 'e'.repeat(64), foundAt: null } });
    // An emptied register is told from a new one only by the head kept outside it.
    expect(await verifyRegisterLog([])).toMatchObject({ ok: true, records: 0, head: null });
    expect(await verifyRegisterLog([], { expect: earlier })).toMatchObject({ ok: false, expected: { foundAt: null } });
  });

  it(`keeps the first ${MAX_FINDINGS} findings and counts them all`, async () => {
    const many = Array.from({ length: MAX_FINDINGS + 5 }, (_, i): Rec => ({
      kind: 'audit',
      agreementId: null,
      ref: String(i + 1),
      fields: [String(i + 1)],
    }));
    const log = logOf(many).map((e) => ({ ...e, fields: null }));
    const report = await verifyRegisterLog(log);
    expect(report.findings).toHaveLength(MAX_FINDINGS);
    expect(report.findingCount).toBe(MAX_FINDINGS + 5);
  });
});
