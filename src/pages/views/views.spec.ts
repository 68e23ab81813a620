import { signatureMatrix } from './agreement.view.js';
import { formErrors } from './form-errors.js';
import { expiryWarning, listView, signatureProgress } from './list.view.js';
import type { ListItemData, PartyStatusData, SignatureData } from './page-data.js';
import { dateDe, valueDe } from './words.js';

const status = (over: Partial<ListItemData['status']>): ListItemData['status'] => ({
  state: 'IN_FORCE',
  validUntil: '2025-12-31',
  daysUntilExpiry: 400,
  successorId: null,
  successorState: null,
  signatures: [],
  missing: [],
  parties: [],
  ...over,
});

const signature = (over: Partial<SignatureData>): SignatureData => ({
  id: '1',
  party: 'neukoelln',
  role: 'soziales',
  personName: 'Erika Beispiel',
  office: null,
  signedOn: '2022-01-12',
  version: 1,
  level: 'UNKNOWN',
  carriedOverFrom: null,
  evidence: null,
  withdrawal: null,
  ...over,
});

describe('the list', () => {
  it('warns 180 days before the end of validity, and after it while no follow-up is in force', () => {
    expect(expiryWarning(status({ daysUntilExpiry: 181 }))).toBeNull();
    expect(expiryWarning(status({ daysUntilExpiry: 180 }))).toBe('Läuft in 180 Tagen ab (am 31.12.2025).');
    expect(expiryWarning(status({ state: 'EXPIRED', daysUntilExpiry: null }))).toBe('Abgelaufen; keine Folgezielvereinbarung in Kraft.');
    expect(expiryWarning(status({ state: 'EXPIRED', successorId: 'nachfolger', successorState: 'DRAFT' }))).toBe(
      'Abgelaufen; die Folgezielvereinbarung ist noch nicht in Kraft (Entwurf).',
    );
    expect(expiryWarning(status({ state: 'EXPIRED', successorId: 'nachfolger', successorState: 'IN_FORCE' }))).toBeNull();
  });

  it("counts signatures of all parties, or of the chosen party's", () => {
    const s = status({ signatures: [{ party: 'neukoelln' }], missing: [{ party: 'mitte' }, { party: 'neukoelln' }] });
    expect(signatureProgress(s, null)).toBe('1 von 3');
    expect(signatureProgress(s, 'neukoelln')).toBe('1 von 2');
    expect(signatureProgress(status({}), null)).toBe('0 (erforderliche Unterschriften unbekannt)');
  });

  it('escapes every value and says "unbekannt" for what is not known', () => {
    const items: ListItemData[] = [{ id: 'x', title: '<script>alert(1)</script>', leadDepartment: null, status: status({ validUntil: null }) }];
    const { body } = listView({ today: '2024-06-01', items, parties: [], party: null });
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).not.toContain('<script>');
    expect(body).toContain('<td>unbekannt</td>');
    expect(dateDe(null)).toBe('unbekannt');
    expect(valueDe('')).toContain('unbekannt');
  });
});

describe('the signature matrix', () => {
  const party = (over: Partial<PartyStatusData>): PartyStatusData => ({
    party: 'neukoelln',
    partyName: 'Bezirksamt Neukölln',
    partyNameCertain: true,
    kind: 'DISTRICT',
    version: 1,
    complete: false,
    boundSince: null,
    rolesKnown: true,
    signingRecorded: true,
    signatures: [],
    missing: [],
    ...over,
  });

  it('says signed, missing, withdrawn and unknown in words', () => {
    const withdrawn = signature({ party: 'mitte', role: 'finanzen', withdrawal: { withdrawnOn: '2024-02-01', reason: 'Versehen', actor: 'x' } });
    const html = signatureMatrix(
      [
        party({ signatures: [signature({})], missing: [{ party: 'neukoelln', role: 'finanzen', roleTitle: 'Finanzen' }] }),
        party({ party: 'mitte', partyName: 'Bezirksamt Mitte', missing: [{ party: 'mitte', role: 'finanzen', roleTitle: 'Finanzen' }] }),
        party({ party: 'senfin', partyName: 'Senatsverwaltung für Finanzen', rolesKnown: false }),
      ],
      [withdrawn],
      '2024-06-01',
    );
    expect(html).toContain('<th scope="col">Finanzen</th>');
    expect(html).toContain('✓ unterschrieben</strong> am 12.01.2022 von Erika Beispiel auf Fassung 1');
    expect(html).toContain('✗ fehlt');
    expect(html).toContain('zurückgezogen am 01.02.2024 (Unterschrift vom 12.01.2022, Erika Beispiel): Versehen');
    expect(html).toContain('Unterzeichnende unbekannt');
  });
});

describe('the signature matrix of one party', () => {
  it('names the roles by their titles even when the party misses none', () => {
    const complete: PartyStatusData = {
      party: 'neukoelln',
      partyName: 'Bezirksamt Neukölln',
      partyNameCertain: true,
      kind: 'DISTRICT',
      version: 2,
      complete: true,
      boundSince: '2022-01-12',
      rolesKnown: true,
      signingRecorded: true,
      signatures: [signature({})],
      missing: [],
    };
    const html = signatureMatrix([complete], [], '2024-06-01', [{ role: 'soziales', roleTitle: 'Für Soziales zuständiges Bezirksamtsmitglied' }]);
    expect(html).toContain('<th scope="col">Für Soziales zuständiges Bezirksamtsmitglied</th>');
    expect(html).toContain('Form: unbekannt');
  });
});

describe('errors of a refused form', () => {
  const fields = ['party', 'signedOn', 'version'];

  it('puts each error next to its field, and the rest above the form', () => {
    const e = formErrors(
      [
        { message: "you may not record signatures for 'neukoelln'", extensions: { code: 'FORBIDDEN' } },
        {
          message: 'x',
          extensions: { code: 'BAD_INPUT', violations: [{ message: 'signed before the freeze', field: 'signedOn' }, { message: 'other' }] },
        },
        { message: 'Variable "$input" got invalid value "x" at "input.version"; Int cannot represent it', extensions: { code: 'BAD_INPUT' } },
      ],
      fields,
      'party',
    );
    expect(e.fields).toEqual({
      party: ["FORBIDDEN: you may not record signatures for 'neukoelln'"],
      signedOn: ['BAD_INPUT: signed before the freeze'],
      version: ['BAD_INPUT: Variable "$input" got invalid value "x" at "input.version"; Int cannot represent it'],
    });
    expect(e.general).toEqual(['BAD_INPUT: other']);
  });
});
