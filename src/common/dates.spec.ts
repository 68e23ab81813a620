import { addDays, daysBetween, germanDate, isIsoDate, maxDate, minDate } from './dates.js';

describe('dates', () => {
  it('recognises real calendar days only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('2023-1-01')).toBe(false);
    expect(isIsoDate('2023-01-01T00:00:00Z')).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });

  it('adds days across months, leap days and years', () => {
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it('counts whole days, ignoring daylight saving time', () => {
    expect(daysBetween('2024-03-30', '2024-04-01')).toBe(2);
    expect(daysBetween('2024-06-01', '2025-12-31')).toBe(578);
    expect(daysBetween('2025-12-31', '2024-06-01')).toBe(-578);
  });

  it('takes the latest and earliest date, skipping open bounds', () => {
    expect(maxDate([null, '2022-01-12', undefined, '2021-12-01'])).toBe('2022-01-12');
    expect(minDate(['2022-01-12', null, '2021-12-01'])).toBe('2021-12-01');
    expect(maxDate([null])).toBeNull();
  });

  it('writes dates the German way', () => {
    expect(germanDate('2025-12-31')).toBe('31.12.2025');
  });
});
