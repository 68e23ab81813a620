import type { IsoDate } from '../../common/dates.js';
import { badInput, type LifecycleViolation } from '../../lifecycle/rules/errors.js';
import { ConsultationKind, type ConsultationFacts, type PaperFacts } from './paper.types.js';

/**
 * OParl 1.1 (https://oparl.org/spezifikation/) as a council information system serves it, mapped to the register's
 * papers and consultations. Pure: the caller parses nothing, looks nothing up and passes the register's body id,
 * because an OParl body is a URL the register cannot name.
 *
 * - A Paper's `id` (a URL) is its key, never its `reference`; `name` is the subject, `paperType` the type.
 * - In OParl a Consultation has no date and no result: its Meeting's `start` gives the date and its AgendaItem's
 *   `result` the result, when those objects are part of the import. A referenced object that is not is kept as its
 *   URL: a consultation only referenced stays a consultation with that id and nothing else known; a meeting only
 *   referenced stays its URL as the meeting's name.
 * - Problems name the place in the input as a JSON Pointer (`/data/0/consultation/1/meeting`).
 */
export const OPARL_TYPE = {
  paper: 'https://schema.oparl.org/1.1/Paper',
  consultation: 'https://schema.oparl.org/1.1/Consultation',
  meeting: 'https://schema.oparl.org/1.1/Meeting',
  agendaItem: 'https://schema.oparl.org/1.1/AgendaItem',
} as const;

/** OParl 1.1 types an import may carry besides the four it uses; they are read past. */
const OTHER_TYPES = ['System', 'Body', 'LegislativeTerm', 'Organization', 'Person', 'Membership', 'File', 'Location'].map(
  (t) => `https://schema.oparl.org/1.1/${t}`,
);

/** One paper of an import, ready for the register. */
export interface OParlPaper {
  oparlId: string;
  /** JSON Pointer of the Paper in the import. */
  path: string;
  /** OParl `modified`, as given (an ISO date-time), or null. */
  modified: string | null;
  deleted: boolean;
  facts: PaperFacts;
  consultations: OParlStep[];
}

/** A consultation of an import: its facts, and what OParl says of the objects they were drawn from. */
export interface OParlStep extends ConsultationFacts {
  oparlId: string;
  /**
   * The latest `modified` of the Consultation, its Meeting and its AgendaItem, those of them in the import: a meeting's
   * date or an agenda item's result changes without the consultation itself changing.
   */
  modified: string | null;
  /** The Consultation is marked deleted. */
  deleted: boolean;
}

export type OParlReading = { ok: true; papers: OParlPaper[] } | { ok: false; problems: LifecycleViolation[] };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Found {
  object: JsonObject;
  path: string;
}

const URL_SHAPE = /^https?:\/\/\S+$/;
const DATE_SHAPE = /^(\d{4}-\d{2}-\d{2})$/;
const DATE_TIME_SHAPE = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads an import's text: one OParl object, a list of them, or a list page (`{ "data": [...] }`). */
export function readOParl(text: string, body: string): OParlReading {
  let json: Json;
  try {
    json = JSON.parse(text) as Json;
  } catch (e) {
    return { ok: false, problems: [badInput('OPARL_NOT_JSON', `the import is not JSON: ${(e as Error).message}`, { path: '' })] };
  }
  return mapOParl(json, body);
}

/** Maps parsed OParl JSON; every problem is collected, and with any problem nothing is returned to store. */
export function mapOParl(json: unknown, body: string): OParlReading {
  return mapOParlSources([{ source: '', json }], body);
}

/**
 * Maps several parsed sources (the files of a folder) as one import; a problem's path starts with its source's name
 * (`a.json#/data/0/id`).
 */
export function mapOParlSources(sources: readonly { source: string; json: unknown }[], body: string): OParlReading {
  const problems: LifecycleViolation[] = [];
  const problem = (path: string, rule: string, message: string) => problems.push(badInput(rule, `${path || '/'}: ${message}`, { path }));

  const byType = { paper: [] as Found[], consultation: [] as Found[], meeting: [] as Found[], agendaItem: [] as Found[] };
  const collect = (value: Json, path: string): void => {
    if (!isObject(value)) {
      problem(path, 'OPARL_SHAPE', 'expected an OParl object');
      return;
    }
    const kind = kindOf(value, path, problem);
    if (kind === null) return;
    byType[kind].push({ object: value, path });
    // Objects embedded in others are imported like top-level ones.
    if (kind === 'paper') embedded(value.consultation, `${path}/consultation`, collect);
    if (kind === 'meeting') embedded(value.agendaItem, `${path}/agendaItem`, collect);
  };
  for (const { source, json } of sources) {
    const prefix = source === '' ? '' : `${source}#`;
    const top = topLevel(json as Json);
    if (top === null) problem(prefix, 'OPARL_SHAPE', 'expected an OParl object, a list of them or a list page with "data"');
    else if (top.single) collect(top.items[0], prefix);
    else top.items.forEach((item, i) => collect(item, `${prefix}${top.base}/${i}`));
  }

  const index = new Map<string, Found>();
  for (const found of Object.values(byType).flat()) {
    const id = found.object.id;
    const seen = typeof id === 'string' ? index.get(id) : undefined;
    if (seen && !sameJson(seen.object, found.object))
      problem(`${found.path}/id`, 'OPARL_DUPLICATE', `'${show(id)}' appears twice with different content`);
    else if (typeof id === 'string') index.set(id, found);
  }
  const lookup = (url: string, type: string): JsonObject | null => {
    const found = index.get(url);
    return found && found.object.type === type ? found.object : null;
  };

  const papers: OParlPaper[] = [];
  for (const { object: p, path } of byType.paper) {
    const reference = requiredText(p, 'reference', path, problem);
    const date = optionalDate(p, 'date', path, problem);
    const modified = optionalDateTime(p, 'modified', path, problem);
    const deleted = optionalBoolean(p, 'deleted', path, problem) ?? false;
    const name = optionalText(p, 'name', path, problem);
    const paperType = optionalText(p, 'paperType', path, problem);

    const consultationIds: { id: string; path: string }[] = [];
    if (p.consultation !== undefined && p.consultation !== null) {
      if (!Array.isArray(p.consultation)) problem(`${path}/consultation`, 'OPARL_SHAPE', 'expected a list of consultations');
      else
        p.consultation.forEach((c, i) => {
          const at = `${path}/consultation/${i}`;
          const id = isObject(c) ? c.id : c;
          if (typeof id === 'string' && URL_SHAPE.test(id)) consultationIds.push({ id, path: at });
          else if (!isObject(c)) problem(at, 'OPARL_REFERENCE', 'expected a consultation object or its URL');
        });
    }
    // Consultations served on their own name their paper.
    for (const c of byType.consultation) {
      const id = c.object.id;
      if (c.object.paper === p.id && typeof id === 'string' && !consultationIds.some((k) => k.id === id)) consultationIds.push({ id, path: c.path });
    }

    const consultations = consultationIds.map(({ id, path: at }) => consultationFacts(id, at, body, lookup, problem));
    if (typeof p.id !== 'string' || reference === null) continue;
    papers.push({
      oparlId: p.id,
      path,
      modified,
      deleted,
      facts: {
        body,
        reference,
        type: paperType,
        subject: name,
        date,
        originator: null,
        public: null,
        legalGround: null,
        agreementId: null,
        agreementVersion: null,
        concerns: null,
        oparlId: p.id,
        note: null,
      },
      consultations,
    });
  }
  if (problems.length === 0 && papers.length === 0) problem('', 'OPARL_NO_PAPER', 'the import holds no Paper');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, papers };
}

type Problem = (path: string, rule: string, message: string) => void;

function consultationFacts(
  id: string,
  path: string,
  body: string,
  lookup: (url: string, type: string) => JsonObject | null,
  problem: Problem,
): OParlStep {
  const facts: OParlStep = {
    kind: ConsultationKind.COUNCIL_CONSULTATION,
    body,
    date: null,
    meeting: null,
    meetingNumber: null,
    role: null,
    result: null,
    finished: null,
    oparlId: id,
    note: null,
    modified: null,
    deleted: false,
  };
  const c = lookup(id, OPARL_TYPE.consultation);
  if (c === null) return { ...facts, note: `OParl consultation not in the import: ${id}` };
  facts.role = optionalText(c, 'role', path, problem);
  facts.deleted = optionalBoolean(c, 'deleted', path, problem) ?? false;
  const modified = [optionalDateTime(c, 'modified', path, problem)];
  const agendaItemUrl = optionalUrl(c, 'agendaItem', path, problem);
  const agendaItem = agendaItemUrl === null ? null : lookup(agendaItemUrl, OPARL_TYPE.agendaItem);
  const meetingUrl = optionalUrl(c, 'meeting', path, problem) ?? (agendaItem && typeof agendaItem.meeting === 'string' ? agendaItem.meeting : null);
  const meeting = meetingUrl === null ? null : lookup(meetingUrl, OPARL_TYPE.meeting);
  // A meeting's or agenda item's own problems are reported once, where it stands in the import.
  const quiet: Problem = () => undefined;
  if (meeting !== null) modified.push(optionalDateTime(meeting, 'modified', path, quiet));
  if (agendaItem !== null) modified.push(optionalDateTime(agendaItem, 'modified', path, quiet));
  facts.modified = latest(modified);
  const missing: string[] = [];
  if (meetingUrl !== null) {
    if (meeting === null) {
      facts.meeting = meetingUrl;
      missing.push(`meeting ${meetingUrl}`);
    } else {
      facts.meeting = typeof meeting.name === 'string' && meeting.name.trim() !== '' ? meeting.name : meetingUrl;
      const start = typeof meeting.start === 'string' ? DATE_TIME_SHAPE.exec(meeting.start) : null;
      if (meeting.start !== undefined && start === null)
        problem(`${path}/meeting`, 'OPARL_DATE', `the meeting's start '${show(meeting.start)}' is not an ISO date-time`);
      // The day as the council information system gives it, in its own (Berlin) offset.
      facts.date = start === null ? null : start[1];
    }
  }
  if (agendaItemUrl !== null) {
    if (agendaItem === null) missing.push(`agenda item ${agendaItemUrl}`);
    else {
      const result = typeof agendaItem.result === 'string' && agendaItem.result.trim() !== '' ? agendaItem.result : null;
      facts.result = result;
      if (result !== null) facts.finished = true;
    }
  }
  if (missing.length > 0) facts.note = `OParl objects not in the import: ${missing.join(', ')}`;
  return facts;
}

/** The latest of some ISO date-times, as given; null when none is known. */
function latest(times: readonly (string | null)[]): string | null {
  let found: string | null = null;
  for (const t of times) if (t !== null && (found === null || Date.parse(t) > Date.parse(found))) found = t;
  return found;
}

function topLevel(json: Json): { items: Json[]; base: string; single: boolean } | null {
  if (Array.isArray(json)) return { items: json, base: '', single: false };
  if (!isObject(json)) return null;
  if (json.type === undefined && Array.isArray(json.data)) return { items: json.data, base: '/data', single: false };
  return { items: [json], base: '', single: true };
}

function kindOf(value: JsonObject, path: string, problem: Problem): keyof typeof OPARL_TYPE | null {
  const at = path;
  if (typeof value.id !== 'string' || !URL_SHAPE.test(value.id)) {
    problem(`${at}/id`, 'OPARL_ID', 'an OParl object has an id, the URL it is served under');
  }
  const type = value.type;
  for (const [kind, url] of Object.entries(OPARL_TYPE)) if (type === url) return kind as keyof typeof OPARL_TYPE;
  if (typeof type === 'string' && OTHER_TYPES.includes(type)) return null;
  problem(`${at}/type`, 'OPARL_TYPE', `'${show(type)}' is not an OParl 1.1 type (https://schema.oparl.org/1.1/…)`);
  return null;
}

function embedded(value: Json | undefined, path: string, collect: (value: Json, path: string) => void): void {
  if (!Array.isArray(value)) return;
  value.forEach((item, i) => {
    if (isObject(item)) collect(item, `${path}/${i}`);
  });
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalText(o: JsonObject, key: string, path: string, problem: Problem): string | null {
  const value = o[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    problem(`${path}/${key}`, 'OPARL_FIELD', 'expected text');
    return null;
  }
  return value.trim() === '' ? null : value.trim();
}

function requiredText(o: JsonObject, key: string, path: string, problem: Problem): string | null {
  if (o[key] === undefined || o[key] === null) {
    problem(`${path}/${key}`, 'OPARL_FIELD', `the register needs the paper's ${key}`);
    return null;
  }
  const value = optionalText(o, key, path, problem);
  if (value === null && typeof o[key] === 'string') problem(`${path}/${key}`, 'OPARL_FIELD', `${key} is empty`);
  return value;
}

function optionalUrl(o: JsonObject, key: string, path: string, problem: Problem): string | null {
  const value = o[key];
  if (value === undefined || value === null) return null;
  const url = isObject(value) ? value.id : value;
  if (typeof url !== 'string' || !URL_SHAPE.test(url)) {
    problem(`${path}/${key}`, 'OPARL_REFERENCE', 'expected the URL of an OParl object');
    return null;
  }
  return url;
}

function optionalDate(o: JsonObject, key: string, path: string, problem: Problem): IsoDate | null {
  const value = o[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !DATE_SHAPE.test(value) || Number.isNaN(Date.parse(value))) {
    problem(`${path}/${key}`, 'OPARL_DATE', `'${show(value)}' is not a date (YYYY-MM-DD)`);
    return null;
  }
  return value;
}

function optionalDateTime(o: JsonObject, key: string, path: string, problem: Problem): string | null {
  const value = o[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !DATE_TIME_SHAPE.test(value) || Number.isNaN(Date.parse(value))) {
    problem(`${path}/${key}`, 'OPARL_DATE', `'${show(value)}' is not an ISO date-time`);
    return null;
  }
  return value;
}

function optionalBoolean(o: JsonObject, key: string, path: string, problem: Problem): boolean | null {
  const value = o[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') {
    problem(`${path}/${key}`, 'OPARL_FIELD', 'expected true or false');
    return null;
  }
  return value;
}

/** A value as it stands in the input, for a message. */
function show(value: Json | undefined): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'nothing');
}

function sameJson(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What an import does with a paper the register may already hold: store it, revise it, or leave it. */
export type OParlDecision = 'new' | 'revise' | 'unchanged';

/** What the register holds of an imported paper or consultation, and what an import brings of it. */
export interface OParlState {
  /** OParl's `modified`, as given, or null. */
  modified: string | null;
  /** A fingerprint of the mapped content (oparlFingerprint, stepFingerprint); null for one recorded by hand. */
  fingerprint: string | null;
}

/**
 * New when not stored; unchanged when the same content comes again or the incoming `modified` is not later than the
 * stored one; otherwise a revision. Papers and consultations are decided alike, each on its own.
 */
export function oparlDecision(stored: OParlState | null, incoming: OParlState): OParlDecision {
  if (stored === null) return 'new';
  if (stored.fingerprint === incoming.fingerprint) return 'unchanged';
  if (stored.modified !== null && incoming.modified !== null && Date.parse(incoming.modified) <= Date.parse(stored.modified)) return 'unchanged';
  if (stored.modified !== null && incoming.modified === null) return 'unchanged';
  return 'revise';
}

/**
 * The mapped content of a paper (without its consultations, which are decided each on its own) in a stable form, to
 * tell a repeated import from a changed one.
 */
export function oparlFingerprint(p: OParlPaper): string {
  const { body, reference, type, subject, date } = p.facts;
  return JSON.stringify([p.oparlId, p.modified, p.deleted, body, reference, type, subject, date]);
}

/** The mapped content of a consultation in a stable form. */
export function stepFingerprint(c: OParlStep): string {
  return JSON.stringify([c.oparlId, c.modified, c.deleted, c.body, c.date, c.meeting, c.role, c.result, c.finished, c.note]);
}

/** The OParl field a register field of a paper comes from, for located problems. */
export const OPARL_PAPER_FIELDS: Readonly<Record<string, string>> = {
  reference: 'reference',
  subject: 'name',
  type: 'paperType',
  date: 'date',
  oparlId: 'id',
};

/** Agreement ids the paper's name names as a whole word, of the ids given; the import links only when exactly one. */
export function agreementIdsNamed(text: string | null, agreementIds: readonly string[]): string[] {
  if (text === null) return [];
  return agreementIds.filter((id) => new RegExp(`(^|[^a-z0-9-])${id.replace(/[-]/g, '\\-')}($|[^a-z0-9-])`, 'i').test(text));
}
