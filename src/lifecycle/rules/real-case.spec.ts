import { buildFollowUp, buildValidityExtension } from './transitions.js';
import { agreementStatus } from './status.js';
import { lifecycleEvents } from './events.js';
import { DISTRICTS, history, signature, version, wohnhilfenContent } from '../../../test/fixtures/lifecycle-fixtures.js';

/**
 * Soziale Wohnhilfen as it happened (Drucksache 1265/XXI, Neukölln): signed for Neukölln on
 * 12.01.2022, valid until 31.12.2023, extended to 31.12.2025 by the letter of SenASGIVA of
 * 21.11.2023, follow-up drafted in 2026. Only Neukölln's signatures are known.
 */
const v1 = wohnhilfenContent();
const EXTENSION_SOURCE = 'Schreiben SenASGIVA vom 21.11.2023';

const wohnhilfen = history('soziale-wohnhilfen', {
  versions: [
    // The draft existed when the district office informed the council (26.10.2021).
    version(1, v1, '2021-10-26'),
    version(2, buildValidityExtension(v1, '2025-12-31'), '2023-11-21'),
  ],
  freezes: [{ version: 1, frozenOn: '2022-01-12', actor: 'senasgiva' }],
  signatures: [
    signature(1, 'neukoelln', 'soziales', '2022-01-12', { personName: 'Bezirksamtsmitglied Soziales Neukölln', level: 'unknown' }),
    signature(1, 'neukoelln', 'finanzen', '2022-01-12', { personName: 'Bezirksamtsmitglied Finanzen Neukölln', level: 'unknown' }),
  ],
  amendments: [
    {
      id: 'verlaengerung-2025',
      type: 'validityExtension',
      baseVersion: 1,
      newVersion: 2,
      source: EXTENSION_SOURCE,
      decidedOn: '2023-11-21',
      effectiveOn: '2023-11-21',
      actor: 'senasgiva',
    },
  ],
});

const followUp = history('soziale-wohnhilfen-2026', {
  versions: [version(1, buildFollowUp(v1, { id: 'soziale-wohnhilfen-2026', title: 'Folgezielvereinbarung Soziale Wohnhilfen' }), '2026-01-10')],
});

const DATES = ['2021-12-01', '2022-06-30', '2023-06-30', '2024-06-01', '2026-01-15'];
const status = (asOf: string, party?: string) => agreementStatus(wohnhilfen, asOf, { party, successor: followUp });

describe('Soziale Wohnhilfen for Neukölln', () => {
  it('was not in force before it was signed', () => {
    const s = status('2021-12-01', 'neukoelln');
    expect(s.state).not.toBe('IN_FORCE');
    expect(s.state).toBe('DRAFT');
    expect(s.versionInForce).toBeNull();
    expect(s.successorId).toBeNull();
  });

  it.each(['2022-06-30', '2023-06-30'])('was in force on %s in version 1 until 31.12.2023', (asOf) => {
    const s = status(asOf, 'neukoelln');
    expect(s).toMatchObject({ state: 'IN_FORCE', versionInForce: 1, validUntil: '2023-12-31', inForceSince: '2022-01-12' });
    expect(s.parties).toEqual([expect.objectContaining({ party: 'neukoelln', complete: true, boundSince: '2022-01-12' })]);
    expect(s.signatures.map((sig) => sig.role).sort()).toEqual(['finanzen', 'soziales']);
    expect(s.missing).toEqual([]);
    expect(s.amendmentsApplied).toEqual([]);
  });

  it('was in force on 01.06.2024 in the extended version 2 until 31.12.2025', () => {
    const s = status('2024-06-01', 'neukoelln');
    expect(s).toMatchObject({ state: 'IN_FORCE', versionInForce: 2, validUntil: '2025-12-31', latestVersion: 2 });
    expect(s.amendmentsApplied[0].source).toBe(EXTENSION_SOURCE);
    // The extension is backed by the 2022 signatures: Neukölln is bound since then, without signing again.
    expect(s.parties[0]).toMatchObject({ boundSince: '2022-01-12', complete: true, version: 2 });
    expect(s.signatures.every((sig) => sig.version === 1)).toBe(true);
    expect(s.daysUntilExpiry).toBe(578);
  });

  it('still had version 1 in force the day before the extension was decided', () => {
    const s = status('2023-11-20', 'neukoelln');
    expect(s).toMatchObject({ state: 'IN_FORCE', versionInForce: 1, validUntil: '2023-12-31', amendmentsApplied: [] });
  });

  it('expired after 31.12.2025 while the follow-up is only a draft', () => {
    const s = status('2026-01-15', 'neukoelln');
    expect(s).toMatchObject({
      state: 'EXPIRED',
      versionInForce: null,
      validUntil: '2025-12-31',
      successorId: 'soziale-wohnhilfen-2026',
      successorState: 'DRAFT',
      daysUntilExpiry: null,
    });
  });
});

describe('Soziale Wohnhilfen for Mitte (no signatures recorded)', () => {
  it.each(DATES)('is not in force on %s and both roles are missing', (asOf) => {
    const s = status(asOf, 'mitte');
    expect(s.state).not.toBe('IN_FORCE');
    expect(s.versionInForce).toBeNull();
    expect(s.parties[0].signingRecorded).toBe(false);
    expect(s.missing.map((m) => [m.party, m.role])).toEqual([
      ['mitte', 'soziales'],
      ['mitte', 'finanzen'],
    ]);
    expect(s.missing[0]).toMatchObject({ partyName: 'Bezirksamt Mitte', roleTitle: 'Für Soziales zuständiges Bezirksamtsmitglied' });
  });

  it('is still signing while Neukölln is bound, and expired with the agreement', () => {
    expect(status('2022-06-30', 'mitte').state).toBe('SIGNING');
    expect(status('2024-06-01', 'mitte').state).toBe('SIGNING');
    expect(status('2026-01-15', 'mitte').state).toBe('EXPIRED');
  });
});

describe('Soziale Wohnhilfen as a whole', () => {
  it('was in force on 30.06.2022 because one district was bound', () => {
    const s = status('2022-06-30');
    expect(s).toMatchObject({ state: 'IN_FORCE', party: null, versionInForce: 1, inForceSince: '2022-01-12' });
    const districts = s.parties.filter((p) => p.kind === 'district');
    expect(districts).toHaveLength(12);
    expect(districts.find((p) => p.party === 'neukoelln')).toMatchObject({ complete: true, boundSince: '2022-01-12' });
    const others = districts.filter((p) => p.party !== 'neukoelln');
    expect(others).toHaveLength(11);
    expect(others.every((p) => !p.complete && p.boundSince === null && !p.signingRecorded)).toBe(true);
  });

  it('lists every missing role, the Senate departments included', () => {
    const s = status('2022-06-30');
    // 2 Senate departments × 1 role + 11 districts × 2 roles
    expect(s.missing).toHaveLength(24);
    expect(s.missing.filter((m) => m.party === 'senias' || m.party === 'senfin').map((m) => m.role)).toEqual(['leitung', 'leitung']);
    expect(s.missing.some((m) => m.party === 'neukoelln')).toBe(false);
    expect(s.parties.map((p) => p.party)).toEqual(['senias', 'senfin', ...DISTRICTS.map(([id]) => id)]);
  });

  it('was not on record before its draft of 26.10.2021, then a draft until it was frozen and signed on 12.01.2022', () => {
    expect(status('2021-10-25').state).toBe('NOT_YET_RECORDED');
    expect(status('2021-10-26').state).toBe('DRAFT');
    expect(status('2022-01-11').state).toBe('DRAFT');
    expect(status('2022-01-12').state).toBe('IN_FORCE');
  });

  it('tells its story in order', () => {
    const events = lifecycleEvents(wohnhilfen, { successor: followUp });
    expect(events.map((e) => [e.date, e.kind, e.party])).toEqual([
      ['2021-10-26', 'CREATED', null],
      ['2022-01-12', 'FROZEN', null],
      ['2022-01-12', 'SIGNED', 'neukoelln'],
      ['2022-01-12', 'SIGNED', 'neukoelln'],
      ['2022-01-12', 'ENTERED_INTO_FORCE', 'neukoelln'],
      ['2023-11-21', 'AMENDED', null],
      ['2026-01-01', 'EXPIRED', null],
      ['2026-01-10', 'FOLLOW_UP_CREATED', null],
    ]);
    expect(events.find((e) => e.kind === 'AMENDED')?.detail).toBe(
      `Verlängerung bis 31.12.2025 (${EXTENSION_SOURCE}), Fassung 2, wirksam ab 21.11.2023`,
    );
  });
});
