import { buildValidityExtension } from './content-rules.js';
import { LifecycleError } from './errors.js';
import type { AgreementHistory, Amendment, Signature } from './lifecycle.types.js';
import { agreementStatus, expiringAgreements } from './status.js';
import { history, signAll, signature, smallContent, version, wohnhilfenContent } from '../../../test/fixtures/lifecycle-fixtures.js';

const content = smallContent(); // allParties: senias (leitung), mitte and neukoelln (soziales, finanzen); until 2025-12-31
const FROZEN = { version: 1, frozenOn: '2024-02-01', actor: 'senias' };

/** Five signatures, the last one on 01.03.2024. */
function signatures(): Signature[] {
  return [
    signature(1, 'senias', 'leitung', '2024-02-05'),
    signature(1, 'mitte', 'soziales', '2024-02-10'),
    signature(1, 'mitte', 'finanzen', '2024-02-15'),
    signature(1, 'neukoelln', 'soziales', '2024-02-20'),
    signature(1, 'neukoelln', 'finanzen', '2024-03-01'),
  ];
}

const signed = (parts: Partial<AgreementHistory> = {}): AgreementHistory =>
  history('klein', { versions: [version(1, content, '2024-01-01')], freezes: [FROZEN], signatures: signatures(), ...parts });

const amendment = (type: Amendment['type'], baseVersion: number, newVersion: number, decidedOn: string, effectiveOn = decidedOn): Amendment => ({
  id: `a${newVersion}`,
  type,
  baseVersion,
  newVersion,
  source: `Beschluss ${newVersion}`,
  decidedOn,
  effectiveOn,
  actor: 'senias',
});

describe('agreementStatus of an allParties agreement', () => {
  const h = signed();

  it('is a draft before the freeze and frozen before the first signature', () => {
    expect(agreementStatus(h, '2024-01-01')).toMatchObject({ state: 'DRAFT', latestVersion: 1 });
    expect(agreementStatus(h, '2024-01-15')).toMatchObject({ state: 'DRAFT', latestVersion: 1 });
    expect(agreementStatus(h, '2024-02-02')).toMatchObject({ state: 'FROZEN', signatures: [] });
  });

  it('is not yet recorded, not a draft, before its first version was created', () => {
    for (const asOf of ['1999-01-01', '2023-12-31']) {
      expect(agreementStatus(h, asOf)).toMatchObject({ state: 'NOT_YET_RECORDED', latestVersion: null, validUntil: null, parties: [], missing: [] });
      expect(agreementStatus(h, asOf, { party: 'mitte' })).toMatchObject({ state: 'NOT_YET_RECORDED', parties: [], missing: [] });
    }
  });

  it('counts a version as existing from its earliest dated fact, not from the day it was stored', () => {
    // Signed in 2024, entered into the register only in 2026.
    const late = signed({ versions: [version(1, content, '2026-05-04')] });
    expect(agreementStatus(late, '2024-01-31').state).toBe('NOT_YET_RECORDED');
    expect(agreementStatus(late, '2024-02-01')).toMatchObject({ state: 'FROZEN', latestVersion: 1 });
    expect(agreementStatus(late, '2024-03-01').state).toBe('IN_FORCE');
  });

  it('is not in force while one signature is missing', () => {
    const s = agreementStatus(h, '2024-02-29');
    expect(s).toMatchObject({ state: 'SIGNING', versionInForce: null, inForceSince: null, daysUntilExpiry: null });
    expect(s.missing).toEqual([
      { party: 'neukoelln', partyName: 'Bezirksamt Neukölln', role: 'finanzen', roleTitle: 'Für Finanzen zuständiges Bezirksamtsmitglied' },
    ]);
    expect(s.signatures).toHaveLength(4);
    expect(s.parties.map((p) => [p.party, p.complete, p.boundSince])).toEqual([
      ['senias', true, null],
      ['mitte', true, null],
      ['neukoelln', false, null],
    ]);
  });

  it('is in force for everyone from the day of the last signature', () => {
    const s = agreementStatus(h, '2024-03-01');
    expect(s).toMatchObject({ state: 'IN_FORCE', versionInForce: 1, inForceSince: '2024-03-01', validUntil: '2025-12-31', missing: [] });
    expect(s.parties.every((p) => p.boundSince === '2024-03-01')).toBe(true);
    expect(agreementStatus(h, '2024-03-01', { party: 'mitte' })).toMatchObject({ state: 'IN_FORCE', inForceSince: '2024-03-01' });
    expect(s.daysUntilExpiry).toBe(670);
  });

  it('is not in force before its validity starts, even when fully signed', () => {
    const later = signed({ versions: [version(1, smallContent({ validity: { from: '2024-04-01', until: '2025-12-31' } }), '2024-01-01')] });
    expect(agreementStatus(later, '2024-03-15')).toMatchObject({ state: 'SIGNING', versionInForce: null, validFrom: '2024-04-01' });
    expect(agreementStatus(later, '2024-04-01')).toMatchObject({ state: 'IN_FORCE', inForceSince: '2024-04-01' });
  });

  it('expires after its end date', () => {
    expect(agreementStatus(h, '2025-12-31').state).toBe('IN_FORCE');
    expect(agreementStatus(h, '2025-12-31').daysUntilExpiry).toBe(0);
    expect(agreementStatus(h, '2026-01-01')).toMatchObject({ state: 'EXPIRED', versionInForce: null, validUntil: '2025-12-31' });
  });

  it('is expired, not signing, when it never came into force and its period is over', () => {
    const incomplete = signed({ signatures: signatures().slice(0, 4) });
    expect(agreementStatus(incomplete, '2025-12-31').state).toBe('SIGNING');
    expect(agreementStatus(incomplete, '2026-01-01').state).toBe('EXPIRED');
  });

  it('refuses an unknown party and a malformed date', () => {
    expect(() => agreementStatus(h, '2024-03-01', { party: 'spandau' })).toThrow(LifecycleError);
    expect(() => agreementStatus(h, '2024-03-01', { party: 'spandau' })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => agreementStatus(h, '01.03.2024')).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});

/**
 * A withdrawn signature counts as valid up to the day before withdrawnOn. Withdrawn after entry
 * into force, it takes the agreement out of force from withdrawnOn on (back to SIGNING, the role
 * listed as missing) until the role signs again; the status of earlier dates does not change.
 */
describe('withdrawal of a signature after entry into force', () => {
  const withdraw = (sigs: Signature[], withdrawnOn: string) =>
    sigs.map((s) =>
      s.party === 'mitte' && s.role === 'finanzen' ? { ...s, withdrawal: { withdrawnOn, reason: 'Unterschrift ohne Vollmacht', actor: 'mitte' } } : s,
    );

  it('leaves the status before the withdrawal unchanged', () => {
    const h = signed({ signatures: withdraw(signatures(), '2024-05-01') });
    expect(agreementStatus(h, '2024-04-30')).toMatchObject({ state: 'IN_FORCE', inForceSince: '2024-03-01' });
    expect(agreementStatus(h, '2024-04-30').signatures).toHaveLength(5);
  });

  it('takes the agreement out of force from the withdrawal on', () => {
    const h = signed({ signatures: withdraw(signatures(), '2024-05-01') });
    const s = agreementStatus(h, '2024-05-01');
    expect(s).toMatchObject({ state: 'SIGNING', versionInForce: null, inForceSince: null });
    expect(s.missing.map((m) => [m.party, m.role])).toEqual([['mitte', 'finanzen']]);
    expect(s.parties.find((p) => p.party === 'mitte')?.signingRecorded).toBe(true);
  });

  it('brings it back into force when the role signs again', () => {
    const h = signed({ signatures: [...withdraw(signatures(), '2024-05-01'), signature(1, 'mitte', 'finanzen', '2024-05-10')] });
    expect(agreementStatus(h, '2024-05-09').state).toBe('SIGNING');
    expect(agreementStatus(h, '2024-05-10')).toMatchObject({ state: 'IN_FORCE', inForceSince: '2024-05-10' });
  });

  it('cannot undo a period that had already ended', () => {
    const h = signed({ signatures: withdraw(signatures(), '2026-02-01') });
    expect(agreementStatus(h, '2026-03-01').state).toBe('EXPIRED');
  });
});

describe('validity extension', () => {
  const extendedContent = buildValidityExtension(content, '2027-12-31');
  const h = signed({
    versions: [version(1, content, '2024-01-01'), version(2, extendedContent, '2025-11-01')],
    amendments: [amendment('validityExtension', 1, 2, '2025-11-01', '2026-01-15')],
  });

  it('keeps the base version in force with the old end date before it takes effect', () => {
    const s = agreementStatus(h, '2025-12-01');
    expect(s).toMatchObject({ state: 'IN_FORCE', versionInForce: 1, validUntil: '2025-12-31', latestVersion: 2, amendmentsApplied: [] });
  });

  it('leaves a gap when it takes effect only after the old end date', () => {
    expect(agreementStatus(h, '2026-01-05')).toMatchObject({ state: 'EXPIRED', versionInForce: null });
  });

  it('puts the new version in force with the carried-over signatures once effective', () => {
    const s = agreementStatus(h, '2026-01-15');
    expect(s).toMatchObject({ state: 'IN_FORCE', versionInForce: 2, validUntil: '2027-12-31', inForceSince: '2024-03-01' });
    expect(s.amendmentsApplied.map((a) => a.id)).toEqual(['a2']);
    expect(s.signatures).toHaveLength(5);
    expect(s.parties.every((p) => p.version === 2 && p.complete)).toBe(true);
    // Listed for version 2, each names the version actually signed.
    expect(s.parties.flatMap((p) => p.signatures).every((sig) => sig.version === 1 && sig.carriedOverFrom === 1)).toBe(true);
    expect(agreementStatus(h, '2025-12-01').signatures.every((sig) => sig.carriedOverFrom === null)).toBe(true);
  });
});

describe('content amendment', () => {
  const amended = smallContent({ title: 'Geänderte Fassung' });
  const base = signed();
  const h = (effectiveOn = '2024-06-01', extra: Signature[] = []) =>
    signed({
      versions: [...base.versions, version(2, amended, '2024-06-01')],
      amendments: [amendment('contentAmendment', 1, 2, '2024-06-01', effectiveOn)],
      signatures: [...signatures(), ...signAll(2, amended, '2024-06-10').slice(0, 4), ...extra],
    });

  it('keeps the previous signed version in force while the new one is signed', () => {
    const s = agreementStatus(h(), '2024-06-15');
    expect(s).toMatchObject({ state: 'IN_FORCE', versionInForce: 1, inForceSince: '2024-03-01', latestVersion: 2 });
    expect(s.amendmentsApplied).toHaveLength(1);
  });

  it('puts the new version in force when its own signatures are complete', () => {
    const complete = h('2024-06-01', [signature(2, 'neukoelln', 'finanzen', '2024-07-01')]);
    expect(agreementStatus(complete, '2024-06-30').versionInForce).toBe(1);
    expect(agreementStatus(complete, '2024-07-01')).toMatchObject({ state: 'IN_FORCE', versionInForce: 2, inForceSince: '2024-07-01' });
  });

  it('does not apply before it takes effect, even when signed earlier', () => {
    const complete = h('2024-08-01', [signature(2, 'neukoelln', 'finanzen', '2024-07-01')]);
    expect(agreementStatus(complete, '2024-07-15').versionInForce).toBe(1);
    expect(agreementStatus(complete, '2024-08-01')).toMatchObject({ versionInForce: 2, inForceSince: '2024-08-01' });
  });
});

describe('perDistrict agreement', () => {
  const districtsContent = wohnhilfenContent({ validity: { from: null, until: '2025-12-31' } });
  const base = history('soziale-wohnhilfen', {
    versions: [version(1, districtsContent, '2024-01-01')],
    freezes: [FROZEN],
    signatures: [
      signature(1, 'neukoelln', 'soziales', '2024-02-05'),
      signature(1, 'neukoelln', 'finanzen', '2024-02-07'),
      signature(1, 'mitte', 'soziales', '2024-02-10'),
      signature(1, 'senias', 'leitung', '2024-02-12'),
    ],
  });

  it('binds each district from its own last signature, regardless of the Senate', () => {
    expect(agreementStatus(base, '2024-02-06').state).toBe('SIGNING');
    const s = agreementStatus(base, '2024-02-07', { party: 'neukoelln' });
    expect(s).toMatchObject({ state: 'IN_FORCE', inForceSince: '2024-02-07' });
    expect(agreementStatus(base, '2024-02-07')).toMatchObject({ state: 'IN_FORCE', inForceSince: '2024-02-07' });
  });

  it('shows a district that signed partly as signing, with its missing role', () => {
    const s = agreementStatus(base, '2024-03-01', { party: 'mitte' });
    expect(s).toMatchObject({ state: 'SIGNING', versionInForce: null, inForceSince: null });
    expect(s.parties[0]).toMatchObject({ signingRecorded: true, complete: false });
    expect(s.missing.map((m) => m.role)).toEqual(['finanzen']);
  });

  it('binds a Senate department once its own roles have signed', () => {
    expect(agreementStatus(base, '2024-02-12', { party: 'senias' })).toMatchObject({ state: 'IN_FORCE', inForceSince: '2024-02-12' });
    expect(agreementStatus(base, '2024-02-12', { party: 'senfin' })).toMatchObject({
      state: 'SIGNING',
      missing: [expect.objectContaining({ role: 'leitung' })],
    });
  });

  it('binds each district by the version it has signed after a content amendment', () => {
    const amended = wohnhilfenContent({ title: 'Geändert', validity: { from: null, until: '2025-12-31' } });
    const h: AgreementHistory = {
      ...base,
      versions: [...base.versions, version(2, amended, '2024-06-01')],
      amendments: [amendment('contentAmendment', 1, 2, '2024-06-01')],
      signatures: [...base.signatures, signature(2, 'neukoelln', 'soziales', '2024-06-10'), signature(2, 'neukoelln', 'finanzen', '2024-06-11')],
    };
    const s = agreementStatus(h, '2024-07-01');
    expect(s).toMatchObject({ state: 'IN_FORCE', versionInForce: 2, inForceSince: '2024-06-11' });
    expect(s.parties.find((p) => p.party === 'neukoelln')).toMatchObject({ version: 2, boundSince: '2024-06-11' });
    expect(s.parties.find((p) => p.party === 'mitte')).toMatchObject({ version: 2, boundSince: null, complete: false });
    expect(agreementStatus(h, '2024-06-10', { party: 'neukoelln' })).toMatchObject({ versionInForce: 1, inForceSince: '2024-02-07' });
  });
});

describe('successor and predecessor', () => {
  const own = signed();
  const successorContent = smallContent({ id: 'klein-2', predecessor: 'klein', validity: { from: '2025-07-01', until: '2027-12-31' } });
  const successor = history('klein-2', {
    versions: [version(1, successorContent, '2025-03-01')],
    freezes: [{ version: 1, frozenOn: '2025-04-01', actor: 'senias' }],
    signatures: signAll(1, successorContent, '2025-05-01'),
  });

  it('knows no successor before the successor existed', () => {
    expect(agreementStatus(own, '2025-01-01', { successor })).toMatchObject({ successorId: null, successorState: null, state: 'IN_FORCE' });
  });

  it('reports the successor’s own state', () => {
    expect(agreementStatus(own, '2025-03-15', { successor })).toMatchObject({
      successorId: 'klein-2',
      successorState: 'DRAFT',
      state: 'IN_FORCE',
    });
    expect(agreementStatus(own, '2025-05-15', { successor })).toMatchObject({ successorState: 'SIGNING', state: 'IN_FORCE' });
  });

  it('is superseded once the successor is in force, even before its own end date', () => {
    const s = agreementStatus(own, '2025-07-01', { successor, party: 'mitte' });
    expect(s).toMatchObject({ state: 'SUPERSEDED', successorState: 'IN_FORCE', versionInForce: null, daysUntilExpiry: null });
    expect(agreementStatus(own, '2026-06-01', { successor }).state).toBe('SUPERSEDED');
  });

  it('reads as expired again once the successor’s own period is over (superseded only while the successor is in force)', () => {
    expect(agreementStatus(own, '2027-12-31', { successor }).state).toBe('SUPERSEDED');
    expect(agreementStatus(own, '2028-01-01', { successor })).toMatchObject({ state: 'EXPIRED', successorState: 'EXPIRED' });
  });

  it('names its predecessor from the document, or as told', () => {
    expect(agreementStatus(successor, '2025-05-15').predecessorId).toBe('klein');
    expect(agreementStatus(own, '2025-05-15').predecessorId).toBeNull();
    expect(agreementStatus(own, '2025-05-15', { predecessorId: 'alt' }).predecessorId).toBe('alt');
  });
});

describe('expiringAgreements', () => {
  const withUntil = (id: string, until: string) => {
    const c = smallContent({ id, validity: { from: null, until } });
    return history(id, { versions: [version(1, c, '2024-01-01')], freezes: [FROZEN], signatures: signAll(1, c, '2024-02-10') });
  };
  const soon = withUntil('bald', '2025-03-31');
  const sooner = withUntil('eher', '2025-02-28');
  const later = withUntil('spaeter', '2025-12-31');
  const over = withUntil('vorbei', '2025-01-15');
  const replacedContent = smallContent({ id: 'abgeloest', validity: { from: null, until: '2025-03-01' } });
  const replaced = history('abgeloest', {
    versions: [version(1, replacedContent, '2024-01-01')],
    freezes: [FROZEN],
    signatures: signAll(1, replacedContent, '2024-02-10'),
  });
  const nextContent = smallContent({ id: 'nachfolger', predecessor: 'abgeloest', validity: { from: null, until: '2028-12-31' } });
  const next = history('nachfolger', {
    versions: [version(1, nextContent, '2024-06-01')],
    freezes: [{ ...FROZEN, frozenOn: '2024-06-01' }],
    signatures: signAll(1, nextContent, '2024-07-01'),
  });

  it('lists agreements in force whose end date falls within the window, soonest first', () => {
    const result = expiringAgreements([later, soon, over, sooner, replaced, next], 90, '2025-02-01');
    expect(result.map((s) => [s.agreementId, s.validUntil, s.daysUntilExpiry])).toEqual([
      ['eher', '2025-02-28', 27],
      ['bald', '2025-03-31', 58],
    ]);
  });

  it('includes an agreement ending on the last day of the window or today', () => {
    expect(expiringAgreements([soon], 58, '2025-02-01')).toHaveLength(1);
    expect(expiringAgreements([soon], 57, '2025-02-01')).toHaveLength(0);
    expect(expiringAgreements([soon], 0, '2025-03-31')).toHaveLength(1);
  });

  it('refuses a negative window', () => {
    expect(() => expiringAgreements([soon], -1, '2025-02-01')).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});
