import { buildValidityExtension } from './content-rules.js';
import { lifecycleEvents } from './events.js';
import { history, signAll, signature, smallContent, version, wohnhilfenContent } from '../../../test/fixtures/lifecycle-fixtures.js';

const content = smallContent(); // allParties, until 2025-12-31
const last = signature(1, 'neukoelln', 'finanzen', '2024-03-01', {
  withdrawal: { withdrawnOn: '2024-05-01', reason: 'ohne Vollmacht', actor: 'neukoelln' },
});
const h = history('klein', {
  versions: [version(1, content, '2024-01-01'), version(2, buildValidityExtension(content, '2026-12-31'), '2024-09-01')],
  freezes: [{ version: 1, frozenOn: '2024-02-01', actor: 'senias' }],
  signatures: [
    ...signAll(1, content, '2024-02-20').filter((s) => !(s.party === 'neukoelln' && s.role === 'finanzen')),
    last,
    signature(1, 'neukoelln', 'finanzen', '2024-05-10', { recordedBy: 'buero-neukoelln', personName: 'Max Muster' }),
  ],
  amendments: [
    {
      id: 'v',
      type: 'validityExtension',
      baseVersion: 1,
      newVersion: 2,
      source: 'Schreiben vom 01.09.2024',
      decidedOn: '2024-09-01',
      effectiveOn: '2024-09-01',
      actor: 'senias',
    },
  ],
});
const successorContent = smallContent({ id: 'klein-2', predecessor: 'klein', validity: { from: '2026-07-01', until: '2028-12-31' } });
const successor = history('klein-2', {
  versions: [version(1, successorContent, '2026-02-01')],
  freezes: [{ version: 1, frozenOn: '2026-03-01', actor: 'senias' }],
  signatures: signAll(1, successorContent, '2026-04-01'),
});

describe('lifecycleEvents', () => {
  const events = lifecycleEvents(h, { successor });

  it('tells the story sorted by date, cause before effect on the same day', () => {
    expect(events.map((e) => [e.date, e.kind, e.version])).toEqual([
      ['2024-01-01', 'CREATED', 1],
      ['2024-02-01', 'FROZEN', 1],
      ['2024-02-20', 'SIGNED', 1],
      ['2024-02-20', 'SIGNED', 1],
      ['2024-02-20', 'SIGNED', 1],
      ['2024-02-20', 'SIGNED', 1],
      ['2024-03-01', 'SIGNED', 1],
      ['2024-03-01', 'ENTERED_INTO_FORCE', 1],
      ['2024-05-01', 'SIGNATURE_WITHDRAWN', 1],
      ['2024-05-10', 'SIGNED', 1],
      ['2024-05-10', 'ENTERED_INTO_FORCE', 1],
      ['2024-09-01', 'AMENDED', 2],
      ['2026-02-01', 'FOLLOW_UP_CREATED', null],
      ['2026-07-01', 'SUPERSEDED', 2],
    ]);
    const dates = events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('names actors and gives short German details', () => {
    const withdrawn = events.find((e) => e.kind === 'SIGNATURE_WITHDRAWN');
    expect(withdrawn).toMatchObject({ actor: 'neukoelln', party: 'neukoelln' });
    expect(withdrawn?.detail).toBe(
      'Bezirksamt Neukölln: Unterschrift Für Finanzen zuständiges Bezirksamtsmitglied (Person neukoelln/finanzen) zurückgezogen – ohne Vollmacht',
    );
    const resigned = events.filter((e) => e.kind === 'SIGNED').at(-1);
    expect(resigned).toMatchObject({ actor: 'buero-neukoelln', date: '2024-05-10' });
    expect(resigned?.detail).toBe('Bezirksamt Neukölln: Für Finanzen zuständiges Bezirksamtsmitglied (Max Muster) hat unterzeichnet');
    expect(events.find((e) => e.kind === 'FROZEN')).toMatchObject({ actor: 'senias', detail: 'Fassung 1 zur Unterzeichnung festgeschrieben' });
    expect(events.find((e) => e.kind === 'ENTERED_INTO_FORCE')).toMatchObject({ party: null, detail: 'In Kraft für alle Parteien (Fassung 1)' });
    expect(events.find((e) => e.kind === 'SUPERSEDED')?.detail).toBe('Abgelöst durch klein-2');
    expect(events.find((e) => e.kind === 'FOLLOW_UP_CREATED')?.detail).toBe('Folgezielvereinbarung klein-2 angelegt');
  });

  it('names who stored each version it lists as created', () => {
    const drafted = history('entwurf', {
      versions: [version(1, content, '2024-01-01'), version(2, content, '2024-01-10', 'Otto Fremd (senate-editor senias)')],
    });
    const created = lifecycleEvents(drafted).filter((e) => e.kind === 'CREATED');
    expect(created.map((e) => [e.version, e.actor])).toEqual([
      [1, 'Erika Muster (senate-editor senias)'],
      [2, 'Otto Fremd (senate-editor senias)'],
    ]);
  });

  it('says the role title once where the recorded name is the role title with a remark', () => {
    const unnamed = 'Für Finanzen zuständiges Bezirksamtsmitglied (Name in der Drucksache nicht genannt)';
    const signed = signature(1, 'neukoelln', 'finanzen', '2024-03-01', {
      personName: unnamed,
      withdrawal: { withdrawnOn: '2024-05-01', reason: 'ohne Vollmacht', actor: 'neukoelln' },
    });
    const story = lifecycleEvents(history('klein', { versions: h.versions, freezes: h.freezes, signatures: [signed] }));
    expect(story.filter((e) => e.party === 'neukoelln' && e.kind !== 'ENTERED_INTO_FORCE').map((e) => e.detail)).toEqual([
      `Bezirksamt Neukölln: ${unnamed} hat unterzeichnet`,
      `Bezirksamt Neukölln: Unterschrift ${unnamed} zurückgezogen – ohne Vollmacht`,
    ]);
  });

  it('names who began a recorded follow-up and from which version, on both timelines', () => {
    const origin = {
      predecessorId: 'klein',
      predecessorVersion: 2,
      createdOn: '2026-02-01',
      source: null,
      actor: 'Erika Muster (senate-editor senias)',
    };
    const linked = { ...successor, followUpOf: origin };
    expect(lifecycleEvents(h, { successor: linked }).find((e) => e.kind === 'FOLLOW_UP_CREATED')).toEqual({
      date: '2026-02-01',
      kind: 'FOLLOW_UP_CREATED',
      actor: 'Erika Muster (senate-editor senias)',
      version: 2,
      party: null,
      detail: 'Folgezielvereinbarung klein-2 angelegt, übernommen aus Fassung 2',
    });
    expect(lifecycleEvents(linked)[0]).toMatchObject({
      kind: 'CREATED',
      version: 1,
      actor: 'Erika Muster (senate-editor senias)',
      detail: 'Fassung 1 angelegt als Folgezielvereinbarung zu klein (Fassung 2)',
    });
  });

  it('stops at `until`', () => {
    const early = lifecycleEvents(h, { successor, until: '2024-03-01' });
    expect(early.at(-1)?.kind).toBe('ENTERED_INTO_FORCE');
    expect(early.every((e) => e.date <= '2024-03-01')).toBe(true);
  });

  it('records expiry on the first day after the end date when no successor takes over', () => {
    const alone = lifecycleEvents(h);
    expect(alone.at(-1)).toMatchObject({ date: '2027-01-01', kind: 'EXPIRED', version: 2, detail: 'Geltungsdauer am 31.12.2026 abgelaufen' });
  });

  it('records entry into force per district for a perDistrict agreement', () => {
    const districts = wohnhilfenContent();
    const perDistrict = history('soziale-wohnhilfen', {
      versions: [version(1, districts, '2021-10-26')],
      freezes: [{ version: 1, frozenOn: '2022-01-12', actor: 'senias' }],
      signatures: [
        signature(1, 'neukoelln', 'soziales', '2022-01-12'),
        signature(1, 'neukoelln', 'finanzen', '2022-01-12'),
        signature(1, 'mitte', 'soziales', '2022-02-01'),
        signature(1, 'mitte', 'finanzen', '2022-02-03'),
      ],
    });
    const entries = lifecycleEvents(perDistrict).filter((e) => e.kind === 'ENTERED_INTO_FORCE');
    expect(entries.map((e) => [e.date, e.party, e.detail])).toEqual([
      ['2022-01-12', 'neukoelln', 'In Kraft für Bezirksamt Neukölln (Fassung 1)'],
      ['2022-02-03', 'mitte', 'In Kraft für Bezirksamt Mitte (Fassung 1)'],
    ]);
  });
});
