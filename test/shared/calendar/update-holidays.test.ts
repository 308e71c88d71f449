import { bankHolidays, type BankHolidayEvent } from '../../../shared/calendar';
import {
  formatBankHolidays,
  GOV_UK_URL,
  mergeBankHolidays,
  parseBankHolidays,
  updateHolidays,
  type UpdateIo,
} from '../../../scripts/update-holidays';

const event = (date: string, title: string, notes = ''): BankHolidayEvent => ({
  title,
  date,
  notes,
  bunting: true,
});
const inYears = (from: number, to: number) =>
  bankHolidays.filter((e) => Number(e.date.slice(0, 4)) >= from && Number(e.date.slice(0, 4)) <= to);

describe('mergeBankHolidays', () => {
  it('changes nothing when gov.uk agrees with the bundle', () => {
    const result = mergeBankHolidays(bankHolidays, inYears(2019, 2027));
    expect(result.events).toEqual(bankHolidays);
    expect([result.added, result.removed, result.changed]).toEqual([[], [], []]);
    expect(result.coverage.after).toEqual({ from: '2014-01-01', to: '2028-12-31' });
  });

  it('keeps bundled years gov.uk no longer publishes, and gov.uk wins for the years it lists', () => {
    const published = [
      ...inYears(2026, 2026).filter((e) => e.date !== '2026-05-25'),
      event('2026-06-01', 'Spring bank holiday'), // moved
      event('2026-06-05', 'A new one-off bank holiday'),
      ...inYears(2027, 2027).map((e) => (e.date === '2027-01-01' ? { ...e, bunting: false } : e)),
    ];
    const result = mergeBankHolidays(bankHolidays, published.reverse());
    const dates = result.events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates).toContain('2014-01-01');
    expect(dates).toContain('2025-12-26');
    expect(dates).toContain('2028-12-26');
    expect(dates).not.toContain('2026-05-25');
    expect(result.added.map((e) => e.date)).toEqual(['2026-06-01', '2026-06-05']);
    expect(result.removed.map((e) => e.date)).toEqual(['2026-05-25']);
    expect(result.changed).toEqual([
      {
        before: expect.objectContaining({ date: '2027-01-01', bunting: true }),
        after: expect.objectContaining({ bunting: false }),
      },
    ]);
    expect(result.events).toHaveLength(bankHolidays.length + 1);
  });

  it('extends the covered range with a new year', () => {
    const result = mergeBankHolidays(bankHolidays, [
      ...inYears(2027, 2028),
      event('2029-01-01', 'New Year’s Day'),
    ]);
    expect(result.coverage).toEqual({
      before: { from: '2014-01-01', to: '2028-12-31' },
      after: { from: '2014-01-01', to: '2029-12-31' },
    });
    expect(result.added).toEqual([event('2029-01-01', 'New Year’s Day')]);
  });

  it('refuses a merge that leaves a year without data', () => {
    expect(() => mergeBankHolidays(bankHolidays, [event('2030-01-01', 'New Year’s Day')])).toThrow(
      /no events for 2029/,
    );
  });

  it('does not share objects with its inputs', () => {
    const result = mergeBankHolidays(bankHolidays, []);
    expect(result.events).toEqual(bankHolidays);
    expect(result.events[0]).not.toBe(bankHolidays[0]);
  });
});

describe('parseBankHolidays', () => {
  const valid = { 'england-and-wales': { division: 'england-and-wales', events: inYears(2026, 2026) } };

  it('keeps England and Wales and ignores other divisions', () => {
    const other = { division: 'scotland', events: [event('2026-01-02', '2nd January')] };
    expect(parseBankHolidays({ ...valid, scotland: other }, 'x')).toEqual(inYears(2026, 2026));
  });

  it.each([
    [{ scotland: {} }, /england-and-wales/],
    [{ 'england-and-wales': { division: 'england-and-wales', events: [] } }, /events/],
    [
      { 'england-and-wales': { division: 'england-and-wales', events: [event('2026-02-30', 'x')] } },
      /events\[0\]\.date/,
    ],
    [{ 'england-and-wales': { division: 'england-and-wales', events: [{ date: '2026-01-01' }] } }, /title/],
    ['<html>', /format/],
  ])('names what is wrong in %j', (json, pattern) => {
    expect(() => parseBankHolidays(json, GOV_UK_URL)).toThrow(pattern);
    expect(() => parseBankHolidays(json, GOV_UK_URL)).toThrow(GOV_UK_URL);
  });
});

describe('updateHolidays', () => {
  function fakeIo(answer: () => Promise<Response>) {
    const io = {
      fetch: jest.fn(answer),
      readFile: jest.fn(async () => formatBankHolidays(bankHolidays)),
      writeFile: jest.fn(async (_file: string, _text: string) => {}),
      log: jest.fn(),
      error: jest.fn(),
      file: '/tmp/bank-holidays.json',
    };
    return io satisfies UpdateIo;
  }
  const json = (body: unknown, status = 200) =>
    Promise.resolve(
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
    );

  it('fails in one clear line, without writing, when gov.uk cannot be reached', async () => {
    const io = fakeIo(() => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } })));
    expect(await updateHolidays(io)).toBe(1);
    expect(io.fetch).toHaveBeenCalledWith(GOV_UK_URL, expect.anything());
    expect(io.error).toHaveBeenCalledTimes(1);
    const line = io.error.mock.calls[0]![0] as string;
    expect(line).not.toContain('\n');
    expect(line).toContain(GOV_UK_URL);
    expect(line).toContain('ENOTFOUND');
    expect(io.writeFile).not.toHaveBeenCalled();
  });

  it('fails on an HTTP error', async () => {
    const io = fakeIo(() => json({}, 503));
    expect(await updateHolidays(io)).toBe(1);
    expect(io.error.mock.calls[0]![0]).toMatch(/HTTP 503/);
    expect(io.writeFile).not.toHaveBeenCalled();
  });

  it('fails on a body in the wrong shape', async () => {
    const io = fakeIo(() => json({ 'england-and-wales': { division: 'england-and-wales' } }));
    expect(await updateHolidays(io)).toBe(1);
    expect(io.error.mock.calls[0]![0]).toMatch(/events/);
    expect(io.writeFile).not.toHaveBeenCalled();
  });

  it('does not rewrite the file when nothing changed', async () => {
    const io = fakeIo(() =>
      json({ 'england-and-wales': { division: 'england-and-wales', events: inYears(2020, 2027) } }),
    );
    expect(await updateHolidays(io)).toBe(0);
    expect(io.writeFile).not.toHaveBeenCalled();
    expect(io.log).toHaveBeenCalledWith(
      expect.stringMatching(/already up to date.*2014-01-01 to 2028-12-31/),
    );
  });

  it('writes the merged file and reports what changed', async () => {
    const published = [...inYears(2027, 2028), event('2029-01-01', 'New Year’s Day')];
    const io = fakeIo(() =>
      json({ 'england-and-wales': { division: 'england-and-wales', events: published } }),
    );
    expect(await updateHolidays(io)).toBe(0);
    expect(io.writeFile).toHaveBeenCalledWith(
      io.file,
      formatBankHolidays([...bankHolidays, event('2029-01-01', 'New Year’s Day')]),
    );
    const output = io.log.mock.calls.map((c) => c[0] as string).join('\n');
    expect(output).toContain('added    2029-01-01 New Year’s Day');
    expect(output).toContain('2014-01-01 to 2029-12-31 (was 2014-01-01 to 2028-12-31)');
  });
});
