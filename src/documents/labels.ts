import { partyNameOn } from '../parties/berlin-parties.js';

/** German labels for the keys of the agreement format, as shown to the people who read a comparison. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  formatVersion: 'Formatversion',
  id: 'Kennung',
  title: 'Titel',
  legalBasis: 'Rechtsgrundlage',
  policyArea: 'Politikfeld',
  leadDepartment: 'Federführung',
  entryIntoForce: 'Inkrafttreten',
  validity: 'Geltungsdauer',
  from: 'Beginn',
  until: 'Ende',
  parties: 'Parteien',
  kind: 'Art',
  name: 'Name',
  signatoryRoles: 'Unterzeichnungsrollen',
  steeringFields: 'Steuerungsfelder',
  focus: 'Fokus',
  description: 'Beschreibung',
  qualityStandards: 'Qualitätsstandards',
  indicators: 'Indikatoren',
  published: 'Veröffentlicht',
  unit: 'Einheit',
  direction: 'Richtung',
  definition: 'Definition',
  dataSource: 'Datenquelle',
  periodicity: 'Periodizität',
  minimumValue: 'Mindestwert',
  targetValue: 'Zielwert',
  note: 'Anmerkung',
  measurePackages: 'Maßnahmenpakete',
  status: 'Status',
  predecessor: 'Vorgänger',
  notes: 'Anmerkungen',
  // Format 2
  senateDepartments: 'Senatsverwaltungen',
  districts: 'Bezirke',
  which: 'Welche',
  party: 'Partei',
  nameInDocument: 'Name im Dokument',
  namesInDocument: 'Namen im Dokument',
  value: 'Wert',
  missing: 'Fehlt',
  source: 'Quelle',
  inferred: 'Erschlossen',
  scope: 'Geltungsbereich',
  within: 'Innerhalb von',
  of: 'Bezogen auf',
  baseline: 'Ausgangswert',
  period: 'Zeitraum',
  perDistrict: 'Je Bezirk',
  servicePromises: 'Leistungsversprechen',
  text: 'Text',
  indicator: 'Indikator',
  timetable: 'Zeitplan',
  due: 'Fällig',
  responsible: 'Verantwortlich',
  resources: 'Ressourcen',
  amounts: 'Beträge',
  attainmentCheck: 'Zielerreichungskontrolle',
  method: 'Methode',
  cadence: 'Turnus',
  reportedBy: 'Berichtet von',
  statusHistory: 'Statusverlauf',
  asOf: 'Stand',
  chronology: 'Chronologie',
  date: 'Datum',
  event: 'Ereignis',
  sources: 'Quellen',
  issuer: 'Herausgeber',
  url: 'Link',
};

export const LABEL_SEPARATOR = ' › ';

export function fieldLabel(key: string): string {
  return Object.hasOwn(FIELD_LABELS, key) ? FIELD_LABELS[key] : key;
}

/** RFC 6901 reference tokens of a JSON Pointer ('' is the whole document). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON Pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function formatPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((token) => `/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * The human label of any place in a document, e.g.
 * `Klientinnen- bzw. Klientenperspektive › Begleitung Zwangsräumungen › Indikator 1 › Zielwert`.
 * Works on documents that fail validation and on pointers to places that do not exist,
 * because error messages need a name for exactly those.
 */
export function labelForPath(doc: unknown, pointer: string, options: LabelOptions = {}): string {
  const asOf = options.asOf ?? null;
  const tokens = parsePointer(pointer);
  const parts: string[] = [];
  let node = doc;
  tokens.forEach((token, i) => {
    const next = child(node, token);
    if (Array.isArray(node)) {
      parts.push(itemName(next, tokens[i - 1], Number(token), asOf));
    } else if (DISTRICT_KEYED.has(tokens[i - 1])) {
      // Format 2 keys values by district id ({ perDistrict: { neukoelln: 130 } }): shown by the district's name.
      parts.push(partyNameOn(token, asOf)?.name ?? token);
    } else if (!isNamedItemNext(next, tokens[i + 1], token)) {
      parts.push(fieldLabel(token));
    }
    node = next;
  });
  return parts.join(LABEL_SEPARATOR);
}

/** Keys whose members are district ids. */
const DISTRICT_KEYED = new Set<string | undefined>(['perDistrict', 'namesInDocument']);

/**
 * A list of named items is not mentioned itself when the path goes on into one of its items:
 * the item's own name says enough ("… › Begleitung Zwangsräumungen", not "… › Qualitätsstandards › …").
 * Items without a name or id of their own (format 2's status history, amounts, chronology) are only numbered,
 * so their list is named ("Daten › Statusverlauf › 3", not "Daten › 3").
 */
function isNamedItemNext(list: unknown, nextToken: string | undefined, listKey: string): boolean {
  if (nextToken === undefined || !Array.isArray(list) || !isIndex(nextToken)) return false;
  const item: unknown = list[Number(nextToken)];
  if (item === undefined) return true;
  if (!isObject(item)) return false;
  return listKey === 'indicators' || ownName(item) !== undefined;
}

/** A party is named as on `asOf` (SenIAS in 2022, SenASGIVA in 2024); without a date, by its latest name. */
export interface LabelOptions {
  asOf?: string | null;
}

function itemName(item: unknown, listKey: string | undefined, index: number, asOf: string | null): string {
  const record = isObject(item) ? item : {};
  const own = titleOf(record, asOf);
  if (own !== undefined) return own;
  // Indicators are numbered in the agreements themselves ("Indikator 1"), their ids are technical.
  if (listKey === 'indicators') return `Indikator ${index + 1}`;
  return isNonEmptyString(record.id) ? record.id : String(index + 1);
}

/** The title or name an item gives itself. Format 2 may write a title with its source ({ value, source }), and names a party by its id. */
function titleOf(record: Record<string, unknown>, asOf: string | null = null): string | undefined {
  const title = isObject(record.title) ? record.title.value : record.title;
  const party = isNonEmptyString(record.party) ? (partyNameOn(record.party, asOf)?.name ?? record.party) : undefined;
  return [title, record.name, party].find(isNonEmptyString);
}

/** What names an item in a label: its title or name, else its id. */
function ownName(record: Record<string, unknown>): string | undefined {
  return titleOf(record) ?? (isNonEmptyString(record.id) ? record.id : undefined);
}

function child(node: unknown, token: string): unknown {
  if (Array.isArray(node)) return isIndex(token) ? node[Number(token)] : undefined;
  return isObject(node) && Object.hasOwn(node, token) ? node[token] : undefined;
}

function isIndex(token: string): boolean {
  return /^(0|[1-9]\d*)$/.test(token);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
