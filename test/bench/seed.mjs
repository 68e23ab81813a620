// Deterministic register data for the benchmark, stored with bulk SQL in the shape the services write:
// hash-chained versions (content hash and chain hash as src/versions computes them), freezes, signatures,
// withdrawals, amendments, follow-up links, council papers with consultations. The register log is written
// by the database's own triggers, so `verify` holds on the result.
import { stringify } from 'yaml';
import { chainHash, contentHash } from '../../dist/src/documents/canonical.js';
import { parseAgreement } from '../../dist/src/documents/parse-agreement.js';
import { BERLIN_DISTRICTS } from '../../dist/src/parties/berlin-parties.js';

// Berlin's twelve districts, from the register's own party list.
export const DISTRICTS = [...BERLIN_DISTRICTS];
export const SENATE = ['senias', 'senfin'];
export const PARTIES = [...SENATE, ...DISTRICTS];
const DISTRICT_ROLES = ['soziales', 'finanzen'];
const AUTHOR = 'system:bench';

/** mulberry32: small, fast and the same on every machine. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function agreementId(i) {
  return `za-${String(i).padStart(6, '0')}`;
}

/** Every twentieth agreement follows up the one before it. */
export function predecessorOf(i) {
  return i % 20 === 19 ? agreementId(i - 1) : null;
}

function day(base, offset) {
  const d = new Date(`${base}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

/** A format-2 document like the real ones: two Senate departments, all twelve districts with two roles each. */
export function documentOf(i, version, validity) {
  const indicator = (n) => ({
    id: `indikator-${n}`,
    title: `Anteil bearbeiteter Fälle binnen ${n + 4} Arbeitstagen (Fassung ${version})`,
    published: false,
    kind: 'share',
    unit: 'Prozent',
    within: { value: n + 4, unit: 'Arbeitstage', of: 'Fälle' },
    scope: 'perDistrict',
    direction: 'higherIsBetter',
    definition: `Erzeugter Indikator ${n} der Vereinbarung ${i}`,
    dataSource: { missing: 'unknown' },
    periodicity: 'quarterly',
    baseline: { missing: 'notApplicable', note: 'Erzeugte Daten haben keinen Ausgangswert.' },
    minimumValue: 50 + n,
    targetValue: 80 + n,
  });
  return {
    formatVersion: 2,
    id: agreementId(i),
    title: `Erzeugte Zielvereinbarung ${i} (Fassung ${version})`,
    legalBasis: '§ 6a Allgemeines Zuständigkeitsgesetz (AZG)',
    policyArea: `Bereich ${typeof i === 'number' ? i % 7 : i}`,
    leadDepartment: 'senias',
    entryIntoForce: 'perDistrict',
    validity,
    parties: {
      senateDepartments: SENATE.map((party) => ({ party, signatoryRoles: [{ id: 'leitung', title: 'Leitung der Senatsverwaltung' }] })),
      districts: {
        which: 'all',
        signatoryRoles: [
          { id: 'soziales', title: 'Für Soziales zuständiges Bezirksamtsmitglied' },
          { id: 'finanzen', title: 'Für Finanzen zuständiges Bezirksamtsmitglied' },
        ],
      },
    },
    steeringFields: [
      {
        id: 'kundenperspektive',
        title: 'Kundenperspektive',
        focus: true,
        qualityStandards: [1, 2].map((q) => ({
          id: `standard-${q}`,
          title: `Qualitätsstandard ${q}`,
          indicators: [indicator(q * 2 - 1), indicator(q * 2)],
        })),
      },
    ],
    servicePromises: [{ id: 'antwort', text: 'Jede Anfrage wird zügig beantwortet.', indicator: 'indikator-1' }],
    timetable: [],
    resources: [],
    attainmentCheck: { dataSource: { missing: 'unknown' }, cadence: 'quarterly', reportedBy: ['mitte'] },
    measurePackages: [{ id: 'daten', title: 'Daten', responsible: ['senias'], due: '2024-06', statusHistory: [{ status: 'open', asOf: '2024-01' }] }],
    sources: [],
    predecessor: typeof i === 'number' ? predecessorOf(i) : null,
  };
}

export function yamlOf(doc) {
  return stringify(doc, { lineWidth: 0 });
}

/**
 * The YAML text and the content of a generated version, made from one template by replacing placeholders:
 * the YAML library takes milliseconds per document, which for a register of 20,000 versions is the
 * larger part of generating it. The same text stringify gives (checked in seed()).
 */
export function versionOf(i, version, { from, until, policySuffix = '', titleSuffix = '' }) {
  const values = {
    ZZID: agreementId(i),
    ZZI: String(i),
    ZZV: String(version),
    ZZPA: `${i % 7}${policySuffix}`,
    ZZTS: titleSuffix,
    ZZFROM: from,
    ZZUNTIL: until,
  };
  const predecessor = predecessorOf(i);
  const fill = (text) => text.replace(/ZZ(?:ID|I|V|PA|TS|FROM|UNTIL)\b/g, (token) => values[token]);
  const yaml = fill(TEMPLATE.yaml).replace('predecessor: ZZPRED', `predecessor: ${predecessor ?? 'null'}`);
  const json = fill(TEMPLATE.json).replace('"ZZPRED"', predecessor === null ? 'null' : `"${predecessor}"`);
  return { yaml, content: JSON.parse(json) };
}

const TEMPLATE = (() => {
  const doc = documentOf('ZZI', 'ZZV', { from: 'ZZFROM', until: 'ZZUNTIL' });
  Object.assign(doc, { id: 'ZZID', title: 'Erzeugte Zielvereinbarung ZZI (Fassung ZZV)ZZTS', policyArea: 'Bereich ZZPA', predecessor: 'ZZPRED' });
  return { yaml: yamlOf(doc), json: JSON.stringify(doc) };
})();

/**
 * The whole history of agreement i with `versions` versions: drafts, a freeze of the last draft, the
 * signatures of every party on it (some withdrawn), a validity extension and a correction.
 */
export function historyOf(i, versions) {
  const rnd = prng(i + 1);
  const start = day('2021-01-04', Math.floor(rnd() * 700));
  const drafts = Math.max(1, versions - 2);
  const from = day(start, 60 + drafts * 7);
  const until = day(from, 729);
  const rows = [];
  let previous = null;
  const add = (number, { yaml, content }, at, note) => {
    const link = {
      agreementId: agreementId(i),
      number,
      previousHash: previous,
      contentHash: contentHash(content),
      author: AUTHOR,
      createdAt: at,
      changeNote: note,
    };
    const row = {
      agreement_id: link.agreementId,
      number,
      yaml,
      content,
      content_hash: link.contentHash,
      previous_hash: previous,
      chain_hash: chainHash(link),
      author: AUTHOR,
      created_at: at,
      change_note: note,
    };
    previous = row.chain_hash;
    rows.push(row);
    return row;
  };
  for (let n = 1; n <= drafts; n++) add(n, versionOf(i, n, { from, until }), `${day(start, (n - 1) * 7)}T09:00:00.000Z`, `Entwurf ${n}`);
  const frozen = drafts;
  const frozenOn = day(start, drafts * 7 + 1);
  const freezes = [{ agreement_id: agreementId(i), version: frozen, frozen_on: frozenOn, actor: AUTHOR }];
  const signatures = [];
  const withdrawals = [];
  const contentHashOf = rows[frozen - 1].content_hash;
  for (const party of PARTIES) {
    const roles = SENATE.includes(party) ? ['leitung'] : DISTRICT_ROLES;
    for (const role of roles) {
      // Some districts never sign: the status then names what is missing.
      if (!SENATE.includes(party) && rnd() < 0.1) continue;
      const signedOn = day(frozenOn, 1 + Math.floor(rnd() * 80));
      const id = uuidOf(i, signatures.length);
      signatures.push({
        id,
        agreement_id: agreementId(i),
        version: frozen,
        content_hash: contentHashOf,
        party,
        role,
        person_name: `Person ${party} ${role}`,
        office: null,
        signed_on: signedOn,
        level: 'handwrittenScan',
        recorded_by: AUTHOR,
      });
      if (rnd() < 0.02) withdrawals.push({ signature_id: id, withdrawn_on: day(signedOn, 3), reason: 'falsch erfasst', actor: AUTHOR });
    }
  }
  const amendments = [];
  if (versions >= drafts + 1) {
    const decided = day(until, -40);
    const extended = day(until, 730);
    add(drafts + 1, versionOf(i, frozen, { from, until: extended }), `${decided}T10:00:00.000Z`, 'Verlängerung');
    amendments.push(amendment(i, 'validityExtension', frozen, drafts + 1, decided, decided));
    if (versions >= drafts + 2) {
      const corrected = day(decided, 90);
      add(drafts + 2, versionOf(i, frozen, { from, until: extended, policySuffix: ' (berichtigt)' }), `${corrected}T10:00:00.000Z`, 'Berichtigung');
      amendments.push(amendment(i, 'correction', drafts + 1, drafts + 2, corrected, corrected));
    }
  }
  const predecessor = predecessorOf(i);
  const followUps = predecessor
    ? [
        {
          successor_id: agreementId(i),
          predecessor_id: predecessor,
          predecessor_version: versions,
          created_on: day(start, -10),
          source: null,
          actor: AUTHOR,
        },
      ]
    : [];
  return { versions: rows, freezes, signatures, withdrawals, amendments, followUps, paper: paperOf(i, frozen, frozenOn) };
}

function amendment(i, type, base, next, decided, effective) {
  return {
    agreement_id: agreementId(i),
    type,
    base_version: base,
    new_version: next,
    source: `Schreiben ${i}`,
    decided_on: decided,
    effective_on: effective,
    actor: AUTHOR,
  };
}

function paperOf(i, version, frozenOn) {
  const body = `bvv-${DISTRICTS[i % DISTRICTS.length]}`;
  const paper = {
    id: uuidOf(i, 9000),
    body,
    reference: `${i + 1}/XXI`,
    type: 'Vorlage zur Kenntnisnahme',
    subject: `Zielvereinbarung ${i}`,
    paper_date: day(frozenOn, -5),
    originator: 'BA',
    public: true,
    legal_ground: '§ 15 BezVG',
    agreement_id: agreementId(i),
    agreement_version: version,
    concerns: 'draftBeforeSignature',
    oparl_id: null,
    note: null,
    recorded_by: AUTHOR,
  };
  const consultations = [
    {
      id: uuidOf(i, 9001),
      paper_id: paper.id,
      kind: 'districtOfficeDecision',
      body: body.replace('bvv-', 'ba-'),
      consulted_on: paper.paper_date,
      meeting: null,
      meeting_number: null,
      role: null,
      result: 'beschlossen',
      finished: true,
      oparl_id: null,
      note: null,
      recorded_by: AUTHOR,
    },
    {
      id: uuidOf(i, 9002),
      paper_id: paper.id,
      kind: 'councilConsultation',
      body,
      consulted_on: day(paper.paper_date, 21),
      meeting: 'BVV',
      meeting_number: 1 + (i % 40),
      role: 'Kenntnisnahme',
      result: 'zur Kenntnis genommen',
      finished: true,
      oparl_id: null,
      note: null,
      recorded_by: AUTHOR,
    },
  ];
  return { paper, consultations };
}

function uuidOf(i, n) {
  const hex = (i * 10000 + n).toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

const TABLES = [
  ['agreements', 'agreements'],
  ['agreement_versions', 'versions'],
  ['follow_ups', 'followUps'],
  ['version_freezes', 'freezes'],
  ['signatures', 'signatures'],
  ['signature_withdrawals', 'withdrawals'],
  ['amendments', 'amendments'],
  ['council_papers', 'papers'],
  ['council_consultations', 'consultations'],
];

/** Stores `count` agreements in batches, each batch one transaction; returns how many rows of each kind. */
export async function seed(client, { count, versions, batch = 200, onProgress = () => {} }) {
  // Documents through the real parser first: a generator drifting from the format fails here, not in a scenario.
  for (const probe of [...historyOf(0, versions).versions, ...historyOf(19, versions).versions]) {
    const parsed = parseAgreement(probe.yaml);
    if (!parsed.ok) throw new Error(`generated document is invalid: ${JSON.stringify(parsed.problems.slice(0, 3))}`);
    if (contentHash(parsed.content) !== probe.content_hash) throw new Error('generated YAML does not parse to the stored content');
    if (yamlOf(probe.content) !== probe.yaml) throw new Error('generated YAML is not what the YAML library writes');
  }
  const totals = Object.fromEntries(TABLES.map(([, key]) => [key, 0]));
  for (let first = 0; first < count; first += batch) {
    const rows = Object.fromEntries(TABLES.map(([, key]) => [key, []]));
    for (let i = first; i < Math.min(count, first + batch); i++) {
      const h = historyOf(i, versions);
      rows.agreements.push({ id: agreementId(i), created_at: h.versions[0].created_at, created_by: AUTHOR });
      for (const key of ['versions', 'followUps', 'freezes', 'signatures', 'withdrawals', 'amendments']) rows[key].push(...h[key]);
      rows.papers.push(h.paper.paper);
      rows.consultations.push(...h.paper.consultations);
    }
    await client.query('BEGIN');
    for (const [table, key] of TABLES) {
      if (rows[key].length === 0) continue;
      const columns = Object.keys(rows[key][0]);
      await client.query(
        `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM json_populate_recordset(null::${table}, $1::json)`,
        [JSON.stringify(rows[key])],
      );
      totals[key] += rows[key].length;
    }
    await client.query('COMMIT');
    onProgress(Math.min(count, first + batch));
  }
  return totals;
}
