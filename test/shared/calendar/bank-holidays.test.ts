import { readFileSync } from 'node:fs';
import path from 'node:path';
import Holidays from 'date-holidays';
import { dayOfWeek } from '../../../shared/dates';
import { bankHolidays, calendarCoverage, coverageOf } from '../../../shared/calendar';
import { formatBankHolidays, parseBankHolidays } from '../../../scripts/update-holidays';

const FILE = path.join(__dirname, '../../../shared/calendar/bank-holidays.json');

describe('bundled bank holidays', () => {
  it('is in the gov.uk format and exactly as the update script writes it', () => {
    const text = readFileSync(FILE, 'utf8');
    expect(parseBankHolidays(JSON.parse(text), FILE)).toEqual(bankHolidays);
    expect(formatBankHolidays(bankHolidays)).toBe(text);
  });

  it('is sorted, without duplicates, all on Monday to Friday', () => {
    const dates = bankHolidays.map((e) => e.date);
    expect(dates).toEqual([...new Set(dates)].sort());
    expect(dates.filter((date) => dayOfWeek(date) === 0 || dayOfWeek(date) === 6)).toEqual([]);
    expect(new Set(bankHolidays.map((e) => e.notes))).toEqual(new Set(['', 'Substitute day']));
  });

  it('covers 2014 to at least 2027, derived from the data', () => {
    expect(coverageOf(bankHolidays)).toEqual(calendarCoverage);
    expect(calendarCoverage.from <= '2014-01-01').toBe(true);
    expect(calendarCoverage.to >= '2027-12-31').toBe(true);
  });

  it('has the one-off and moved days with gov.uk titles', () => {
    const title = (date: string) => bankHolidays.find((e) => e.date === date)?.title;
    expect(title('2020-05-08')).toBe('Early May bank holiday (VE day)');
    expect(title('2022-06-02')).toBe('Spring bank holiday');
    expect(title('2022-06-03')).toBe('Platinum Jubilee bank holiday');
    expect(title('2022-09-19')).toBe('Bank Holiday for the State Funeral of Queen Elizabeth II');
    expect(title('2023-05-08')).toBe('Bank holiday for the coronation of King Charles III');
    expect(bankHolidays.find((e) => e.date === '2020-12-28')).toMatchObject({
      title: 'Boxing Day',
      notes: 'Substitute day',
    });
    expect(title('2020-05-04')).toBeUndefined();
    expect(title('2022-05-30')).toBeUndefined();
  });
});

describe('cross-check with date-holidays', () => {
  const hd = new Holidays('GB', 'ENG');
  const firstYear = Number(calendarCoverage.from.slice(0, 4));
  const lastYear = Number(calendarCoverage.to.slice(0, 4));
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);

  // Checked year by year against gov.uk's list (2014-2027) and the statutory rules (2028): no date
  // disagrees, substitutes and the 2020, 2022 and 2023 one-offs included. Only titles differ, which this
  // test does not compare.
  it.each(years)('%i has the same weekday public holidays', (year) => {
    const expected = hd
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => h.date.slice(0, 10))
      .filter((date) => dayOfWeek(date) !== 0 && dayOfWeek(date) !== 6)
      .sort();
    const bundled = bankHolidays.map((e) => e.date).filter((date) => date.startsWith(`${year}-`));
    expect(bundled).toEqual(expected);
  });
});
