import { auditTarget } from './access.interceptor.js';

describe('auditTarget', () => {
  it('finds the agreement and version from arguments, input or result', () => {
    expect(auditTarget({ agreementId: 'a', baseVersion: 2 }, { agreementId: 'a', number: 3 })).toEqual({ agreementId: 'a', version: 3 });
    expect(auditTarget({ input: { agreementId: 'b', version: 1 } }, null)).toEqual({ agreementId: 'b', version: 1 });
    expect(auditTarget({ input: { predecessorId: 'c', id: 'c-2' } }, null)).toEqual({ agreementId: 'c', version: null });
  });

  it('takes the version an amendment made, and the version of a withdrawn signature, from the result', () => {
    const extension = { input: { agreementId: 'a', until: '2026-12-31', source: 'Schreiben', decidedOn: '2025-01-02', effectiveOn: '2025-01-02' } };
    expect(auditTarget(extension, { agreementId: 'a', baseVersion: 2, newVersion: 3 })).toEqual({ agreementId: 'a', version: 3 });
    expect(auditTarget({ input: { agreementId: 'a', baseVersion: 2 } }, { agreementId: 'a', baseVersion: 2, newVersion: 3 }).version).toBe(3);
    expect(auditTarget({ input: { signatureId: 's' } }, { agreementId: 'a', version: 1 })).toEqual({ agreementId: 'a', version: 1 });
  });

  it('passes over an id that is not text PostgreSQL can store, so the refused attempt is still recorded', () => {
    expect(auditTarget({ agreementId: 'a\u0000', input: { predecessorId: 'b' } }, null).agreementId).toBe('b');
    expect(auditTarget({ input: { agreementId: 'x\ud800', version: 1 } }, null)).toEqual({ agreementId: null, version: 1 });
  });

  it('reads the id line of a refused document without parsing it', () => {
    expect(auditTarget({ yaml: '# Kopf\nformatVersion: 1\nid: baumpflege # Kommentar\ntitle: x\n' }, null).agreementId).toBe('baumpflege');
    expect(auditTarget({ yaml: 'parties:\n  - id: mitte\n' }, null).agreementId).toBeNull();
  });
});
