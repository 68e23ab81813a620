import { startTestApp, type TestApp, type Untyped } from './support/test-app.js';

const PARTIES = `query($asOf: Date) { parties(asOf: $asOf) { id kind name abbreviation nameCertain names { name abbreviation since source } } }`;

const SENIAS = 'Senatsverwaltung für Integration, Arbeit und Soziales';
const SENASGIVA = 'Senatsverwaltung für Arbeit, Soziales, Gleichstellung, Integration, Vielfalt und Antidiskriminierung';

describe("Berlin's parties over GraphQL", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOAD_AGREEMENTS: 'false' });
    t.defaultToken = await t.token({ name: 'Lea Leser', roles: ['reader'] });
  });
  afterAll(async () => {
    await t.close();
  });

  const parties = async (asOf: string | null): Promise<Untyped[]> => {
    const res = await t.gql(PARTIES, { asOf });
    expect(res.errors).toBeUndefined();
    return res.data!.parties;
  };
  const party = (list: Untyped[], id: string): Untyped => list.find((p: Untyped) => p.id === id);

  it('names the lead of Soziale Wohnhilfen as on the day Neukölln signed: SenIAS', async () => {
    const list = await parties('2022-01-12');
    expect(list).toHaveLength(14);
    expect(list.filter((p: Untyped) => p.kind === 'DISTRICT')).toHaveLength(12);
    expect(party(list, 'senias')).toEqual({
      id: 'senias',
      kind: 'SENATE_DEPARTMENT',
      name: SENIAS,
      abbreviation: 'SenIAS',
      nameCertain: true,
      names: [
        { name: SENIAS, abbreviation: 'SenIAS', since: null, source: expect.stringContaining('Drucksache 1265/XXI') },
        { name: SENASGIVA, abbreviation: 'SenASGIVA', since: '2023', source: expect.stringContaining('Party names change') },
      ],
    });
    expect(party(list, 'neukoelln')).toMatchObject({ kind: 'DISTRICT', name: 'Bezirksamt Neukölln', abbreviation: null, nameCertain: true });
  });

  it('names it SenASGIVA in June 2024, under the same id, and the districts as before', async () => {
    const list = await parties('2024-06-01');
    expect(party(list, 'senias')).toMatchObject({ name: SENASGIVA, abbreviation: 'SenASGIVA', nameCertain: true });
    expect(party(list, 'senfin')).toMatchObject({ name: 'Senatsverwaltung für Finanzen', abbreviation: 'SenFin', nameCertain: true });
    expect(party(list, 'neukoelln').name).toBe('Bezirksamt Neukölln');
    expect(list.map((p: Untyped) => p.id)).toEqual((await parties('2022-01-12')).map((p: Untyped) => p.id));
  });

  it('says the name is not certain during 2023, when the rename is dated only by its year', async () => {
    expect(party(await parties('2023-06-01'), 'senias')).toMatchObject({ name: SENIAS, nameCertain: false });
  });

  it('gives the current names without a date', async () => {
    expect(party(await parties(null), 'senias')).toMatchObject({ name: SENASGIVA, nameCertain: true });
  });

  it('refuses a day that does not exist, and a caller without a token', async () => {
    const bad = await t.gql(PARTIES, { asOf: '2023-02-30' });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_INPUT');
    const anonymous = await t.gql(PARTIES, { asOf: '2024-06-01' }, { as: null });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data ?? null).toBeNull();
  });
});
