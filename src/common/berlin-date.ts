/** Dates in the register are Berlin calendar dates: a signature at 00:30 in Berlin is on that Berlin day. */
const BERLIN = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

export function berlinDate(at: Date): string {
  return BERLIN.format(at); // en-CA formats as YYYY-MM-DD
}

export function berlinToday(): string {
  return berlinDate(new Date());
}
