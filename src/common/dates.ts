/** A calendar date written YYYY-MM-DD (Berlin calendar days; no time, no zone). */
export type IsoDate = string;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD; such strings order correctly when compared as strings. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (match === null) return false;
  return toIso(toUtcMs(value)) === value;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return toIso(toUtcMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** The latest of the given dates; nulls mean "no bound" and are skipped. */
export function maxDate(dates: readonly (IsoDate | null | undefined)[]): IsoDate | null {
  return dates.reduce<IsoDate | null>((max, d) => (d != null && (max === null || d > max) ? d : max), null);
}

export function minDate(dates: readonly (IsoDate | null | undefined)[]): IsoDate | null {
  return dates.reduce<IsoDate | null>((min, d) => (d != null && (min === null || d < min) ? d : min), null);
}

/** 31.12.2025, as dates are written in German texts. */
export function germanDate(date: IsoDate): string {
  const [year, month, day] = date.split('-');
  return `${day}.${month}.${year}`;
}

function toUtcMs(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number);
  // setUTCFullYear, unlike Date.UTC, does not map the years 0–99 to 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

function toIso(ms: number): IsoDate {
  const d = new Date(ms);
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  const month = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/**
 * A date known only as precisely as its source states it: YYYY, YYYY-MM or YYYY-MM-DD ("Entwurf Juni 2021" is
 * '2021-06'). Only descriptive facts (drafting, negotiation, timetables) may be partial; dates that decide legal
 * state (validity, freeze, signature, decision) are always an IsoDate.
 */
export type PartialDate = string;

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2}))?$/;

export function isPartialDate(value: unknown): value is PartialDate {
  if (isIsoDate(value)) return true;
  if (typeof value !== 'string') return false;
  const match = PARTIAL_DATE.exec(value);
  if (match === null) return false;
  const month = match[2] === undefined ? 1 : Number(match[2]);
  return month >= 1 && month <= 12;
}

/** The first and the last day a partial date may stand for: '2023' is 2023-01-01 … 2023-12-31. */
export function partialDateRange(date: PartialDate): { first: IsoDate; last: IsoDate } {
  if (isExact(date)) return { first: date, last: date };
  const [year, month] = date.split('-');
  if (month === undefined) return { first: `${year}-01-01`, last: `${year}-12-31` };
  const first = `${year}-${month}-01`;
  const nextMonth = Number(month) === 12 ? `${Number(year) + 1}-01-01` : `${year}-${String(Number(month) + 1).padStart(2, '0')}-01`;
  return { first, last: addDays(nextMonth, -1) };
}

/** Juni 2021, 2023 or 31.12.2025: a partial date as German texts write it. */
export function germanPartialDate(date: PartialDate): string {
  if (isExact(date)) return germanDate(date);
  const [year, month] = date.split('-');
  if (month === undefined) return year;
  const months = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
  return `${months[Number(month) - 1]} ${year}`;
}

/** isIsoDate without narrowing: a PartialDate is a string too, so the type guard would leave `never` behind. */
function isExact(date: string): boolean {
  return isIsoDate(date);
}
