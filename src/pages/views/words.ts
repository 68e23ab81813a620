import { germanDate, isIsoDate } from '../../common/dates.js';
import { STATE_DE } from '../../reports/rules/index.js';
import { esc, type Html } from './html.js';

/** What the pages show for a value the register does not know: always said, never left out. */
export const UNKNOWN = 'unbekannt';

export const unknown: Html = `<span class="unknown">${UNKNOWN}</span>`;

/** 17.04.2024, or "unbekannt". */
export function dateDe(date: string | null | undefined): string {
  return date && isIsoDate(date) ? germanDate(date) : UNKNOWN;
}

/** Escaped text, or "unbekannt" for null and empty text. */
export function valueDe(value: string | number | null | undefined): Html {
  if (value === null || value === undefined || value === '') return unknown;
  return esc(String(value));
}

export function stateDe(state: string | null | undefined): string {
  return state && Object.hasOwn(STATE_DE, state) ? STATE_DE[state as keyof typeof STATE_DE] : UNKNOWN;
}

export const LEVEL_DE: Record<string, string> = {
  HANDWRITTEN_SCAN: 'handschriftlich (Scan)',
  SIMPLE_ELECTRONIC: 'einfache elektronische Signatur',
  ADVANCED_ELECTRONIC: 'fortgeschrittene elektronische Signatur',
  QUALIFIED_ELECTRONIC: 'qualifizierte elektronische Signatur',
  UNKNOWN: 'unbekannt',
};

export const AMENDMENT_TYPE_DE: Record<string, string> = {
  VALIDITY_EXTENSION: 'Verlängerung der Geltungsdauer',
  CONTENT_AMENDMENT: 'Inhaltliche Änderung',
  CORRECTION: 'Berichtigung',
};

export const EVENT_DE: Record<string, string> = {
  CREATED: 'Fassung angelegt',
  FROZEN: 'Zur Unterzeichnung eingefroren',
  SIGNED: 'Unterschrift',
  SIGNATURE_WITHDRAWN: 'Unterschrift zurückgezogen',
  AMENDED: 'Änderung',
  ENTERED_INTO_FORCE: 'In Kraft getreten',
  EXPIRED: 'Abgelaufen',
  SUPERSEDED: 'Abgelöst',
  FOLLOW_UP_CREATED: 'Folgezielvereinbarung begonnen',
  PAPER: 'Drucksache',
  CONSULTATION: 'Beratung',
};

export const CHANGE_DE: Record<string, string> = { ADDED: 'hinzugefügt', CHANGED: 'geändert', REMOVED: 'entfernt' };

export const CONCERNS_DE: Record<string, string> = {
  DRAFT_BEFORE_SIGNATURE: 'Entwurf vor der Unterzeichnung',
  SIGNATURE: 'Unterzeichnung',
  EXTENSION: 'Verlängerung',
  AMENDMENT: 'Änderung',
  FOLLOW_UP: 'Folgevereinbarung',
  OTHER: 'Sonstiges',
};

export const STEP_DE: Record<string, string> = {
  DISTRICT_OFFICE_DECISION: 'Beschluss des Bezirksamts',
  COUNCIL_CONSULTATION: 'Beratung eines Gremiums',
};

export const MISSING_REASON_DE: Record<string, string> = {
  UNKNOWN: 'unbekannt',
  TO_BE_AGREED: 'noch zu vereinbaren',
  NOT_APPLICABLE: 'entfällt',
};

/** A word from one of the lists above, or the value itself, or "unbekannt". */
export function wordDe(words: Record<string, string>, value: string | null | undefined): string {
  if (value === null || value === undefined) return UNKNOWN;
  return Object.hasOwn(words, value) ? words[value] : value;
}
