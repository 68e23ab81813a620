import { isDeepStrictEqual } from 'node:util';
import { Lexer, stringify } from 'yaml';
import type { IsoDate } from '../common/dates.js';
import { BERLIN_DISTRICTS, findParty, partyNameOn } from '../parties/berlin-parties.js';
import type { AgreementDocument, Indicator, Party } from './agreement.types.js';
import type { AgreementDocumentV2, DistrictParties, Fact, IndicatorV2, Missing, SenateParty } from './agreement-v2.types.js';

/**
 * Format 1 → format 2, losing nothing. Pure. Format 1's null meant "not known" and "still to be agreed" alike,
 * so a null becomes `{ missing: unknown }`: whoever knows better corrects it in the new draft. Keys format 2
 * names differently move (description, notes → note); what format 1 had no place for is marked as not recorded.
 * Party names that differ from the name format 2 reads from Berlin's party list are kept as the names in the document.
 */
export type MigrationResult = { ok: true; document: AgreementDocumentV2 } | { ok: false; problems: MigrationProblem[] };

export interface MigrationProblem {
  path: string;
  message: string;
}

const UNKNOWN: Missing = { missing: 'unknown' };
const NOT_RECORDED: Missing = { missing: 'unknown', note: 'In Formatversion 1 nicht erfasst.' };

function fact<T>(value: T | null): Fact<T> {
  return value === null ? { ...UNKNOWN } : value;
}

export function migrateToFormat2(doc: AgreementDocument): MigrationResult {
  const problems: MigrationProblem[] = [];
  const parties = migrateParties(doc.parties, doc.validity.from, problems);
  if (problems.length > 0) return { ok: false, problems };
  const document: AgreementDocumentV2 = {
    formatVersion: 2,
    id: doc.id,
    title: doc.title,
    legalBasis: fact(doc.legalBasis),
    policyArea: fact(doc.policyArea),
    leadDepartment: doc.leadDepartment,
    entryIntoForce: doc.entryIntoForce,
    validity: { from: fact(doc.validity.from), until: fact(doc.validity.until) },
    parties,
    steeringFields: doc.steeringFields.map((field) => ({
      id: field.id,
      title: field.title,
      focus: field.focus,
      ...note(field.description),
      qualityStandards: field.qualityStandards.map((standard) => ({
        id: standard.id,
        title: standard.title,
        ...note(standard.description),
        indicators: standard.indicators.map(migrateIndicator),
      })),
    })),
    servicePromises: [],
    timetable: [],
    resources: [],
    attainmentCheck: { ...NOT_RECORDED },
    measurePackages: doc.measurePackages.map((mp) => ({
      id: mp.id,
      title: mp.title,
      responsible: { ...NOT_RECORDED },
      due: { ...NOT_RECORDED },
      statusHistory: [{ status: mp.status, asOf: { ...UNKNOWN } }],
      ...note(mp.description),
    })),
    sources: [],
    predecessor: doc.predecessor,
    ...note(doc.notes),
  };
  return { ok: true, document };
}

/**
 * A format-1 document as format 2 reads it, for a comparison with a format-2 version: what migrateToFormat2 writes,
 * without the places it fills in because format 1 had none (service promises, timetable, resources, attainment
 * check, sources; an indicator's kind, scope and baseline; a measure package's responsible and due). Compared with
 * the migrated version, those show as added — what the migration added — while what format 1 said in other words
 * (null as { missing: unknown }, parties by id, description as note) shows as unchanged. Null when the document
 * cannot be migrated.
 */
export function format1InFormat2Terms(doc: AgreementDocument): Record<string, unknown> | null {
  const migrated = migrateToFormat2(doc);
  if (!migrated.ok) return null;
  const { servicePromises: _p, timetable: _t, resources: _r, attainmentCheck: _a, sources: _s, ...rest } = migrated.document;
  return {
    ...rest,
    steeringFields: rest.steeringFields.map((field) => ({
      ...field,
      qualityStandards: field.qualityStandards.map((standard) => ({
        ...standard,
        indicators: standard.indicators.map(({ kind: _k, scope: _sc, baseline: _b, ...indicator }) => indicator),
      })),
    })),
    measurePackages: Array.isArray(rest.measurePackages)
      ? rest.measurePackages.map(({ responsible: _re, due: _d, ...mp }) => mp)
      : rest.measurePackages,
  };
}

function note(text: string | null | undefined): { note?: string } {
  return text == null ? {} : { note: text };
}

function migrateIndicator(ind: Indicator): IndicatorV2 {
  return {
    id: ind.id,
    title: fact(ind.title),
    published: ind.published,
    kind: { ...NOT_RECORDED },
    unit: fact(ind.unit),
    // Format 1 defined the minimum as the floor every district must reach: values per district, one for all.
    scope: 'perDistrict',
    direction: fact(ind.direction),
    definition: fact(ind.definition),
    dataSource: fact(ind.dataSource),
    periodicity: fact(ind.periodicity),
    baseline: { ...NOT_RECORDED },
    minimumValue: fact(ind.minimumValue),
    targetValue: fact(ind.targetValue),
    ...note(ind.note),
  };
}

/**
 * The document's name for a party is kept unless format 2 reads the same name from the party list (for the day the
 * validity starts, or today's name when that is not known; see termsOf). Dropping every name the list has ever had
 * lost the name a document signed in 2022 gave SenIAS: read in format 2, it became today's SenASGIVA.
 */
function nameInDocument(party: Party, validFrom: IsoDate | null): string | undefined {
  return partyNameOn(party.id, validFrom)?.name === party.name ? undefined : party.name;
}

function migrateParties(parties: Party[], validFrom: IsoDate | null, problems: MigrationProblem[]): AgreementDocumentV2['parties'] {
  parties.forEach((p, i) => {
    const known = findParty(p.id);
    if (known === undefined)
      problems.push({ path: `/parties/${i}/id`, message: `party '${p.id}' is not in Berlin's party list; format 2 refers to parties by those ids` });
    else if (known.kind !== p.kind)
      problems.push({ path: `/parties/${i}/kind`, message: `party '${p.id}' is a ${known.kind} in Berlin's party list, not a ${p.kind}` });
  });
  const senateDepartments: SenateParty[] = parties
    .filter((p) => p.kind === 'senateDepartment')
    .map((p) => {
      const name = nameInDocument(p, validFrom);
      return { party: p.id, signatoryRoles: p.signatoryRoles, ...(name !== undefined && { nameInDocument: name }) };
    });
  const districtList = parties.filter((p) => p.kind === 'district');
  if (districtList.length === 0) return { senateDepartments, districts: { missing: 'notApplicable' } };
  const roles = districtList[0].signatoryRoles;
  const differing = districtList.findIndex((p) => !isDeepStrictEqual(p.signatoryRoles, roles));
  if (differing >= 0) {
    const at = parties.indexOf(districtList[differing]);
    problems.push({
      path: `/parties/${at}/signatoryRoles`,
      message: `the districts have different signatory roles ('${districtList[differing].id}' differs from '${districtList[0].id}'); format 2 names one set of roles for all districts`,
    });
  }
  const ids = districtList.map((p) => p.id);
  const all = ids.length === BERLIN_DISTRICTS.length && BERLIN_DISTRICTS.every((d) => ids.includes(d));
  const names = Object.fromEntries(districtList.flatMap((p) => (nameInDocument(p, validFrom) === undefined ? [] : [[p.id, p.name]])));
  const districts: DistrictParties = {
    which: all && isDeepStrictEqual(ids, [...BERLIN_DISTRICTS]) ? 'all' : ids,
    signatoryRoles: roles,
    ...(Object.keys(names).length > 0 && { namesInDocument: names }),
  };
  return { senateDepartments, districts };
}

const MODELINE_V2 = '# yaml-language-server: $schema=../schema/agreement-v2.schema.json';

/**
 * The YAML text of a migrated document. Format 1 kept its sources and explanations in comments, which a
 * conversion of the parsed content would drop: they are carried over as the new file's opening comment, in their
 * order, so the editor can move each to its place (a source, a note) and nothing is lost on the way.
 */
export function migratedYaml(originalText: string, document: AgreementDocumentV2, origin: string): string {
  const comments = commentsOf(originalText)
    .filter(({ text }) => !text.startsWith('# yaml-language-server:'))
    .map(({ text, after }) => {
      const comment = text.replace(/^#\s?/, '');
      return after === '' ? comment : `${comment} (zu: ${after})`;
    });
  const header = [
    MODELINE_V2,
    '#',
    `# In Formatversion 2 überführt aus ${origin}. Was Formatversion 1 als null schrieb, steht hier als`,
    '# { missing: unknown }; wo es "noch zu vereinbaren" oder "entfällt" heißt, bitte toBeAgreed oder',
    '# notApplicable eintragen und Quellen unter sources nennen.',
    ...(comments.length > 0 ? ['#', '# Kommentare der Fassung in Formatversion 1:', ...comments.map((c) => `#   ${c}`.trimEnd())] : []),
  ];
  return `${header.join('\n')}\n${stringify(document, { lineWidth: 0 })}`;
}

/**
 * The comments of a YAML text, in order, with what stands before each on its line (empty for a comment line of its
 * own). Read with the YAML lexer, not line by line: a comment behind a value ('until: 2023-12-31 # verlängert') is
 * a comment too, and a line of a block scalar that starts with '#' is text, not a comment.
 */
function commentsOf(text: string): { text: string; after: string }[] {
  const found: { text: string; after: string }[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // The lexer's markers for a document, a flow collection's end and a scalar take no room in the text.
    if (token === '\x02' || token === '\x18' || token === '\x1f') continue;
    if (token.startsWith('#')) {
      const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
      found.push({ text: token, after: text.slice(lineStart, offset).trim() });
    }
    offset += token.length;
  }
  return found;
}
