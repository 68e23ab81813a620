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
