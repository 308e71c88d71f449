import { ConcurrencyError, type CaseRecord, type CaseLog } from '../../bot/store/case-log';
import { formatReference, normalizeReference, caseNumber } from '../../bot/store/references';
import { withRetry } from '../../bot/store/with-retry';
import { ev } from './simple-projector';

const record = (version: number) => ({ projection: { version }, events: [] }) as unknown as CaseRecord;

describe('withRetry', () => {
  it('re-reads and decides again after a ConcurrencyError, a bounded number of times', async () => {
    let version = 1;
    let appends = 0;
    const store = {
      getCase: async () => record(version),
      append: async (_id: string, expected: number) => {
        appends++;
        if (appends < 3) {
          version++;
          throw new ConcurrencyError('c', expected, version);
        }
        return { version: expected + 1, appended: true };
      },
    } as unknown as CaseLog;
    const seen: number[] = [];
    const result = await withRetry(
      store,
      'c',
      (current) => {
        seen.push(current.projection.version);
        return { events: [ev('x')] };
      },
      { sleep: async () => undefined },
    );
    expect(seen).toEqual([1, 2, 3]);
    expect(result).toEqual({ version: 4, appended: true });

    appends = -100;
    await expect(
      withRetry(store, 'c', () => ({ events: [ev('x')] }), { attempts: 3, sleep: async () => undefined }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('decides first on the case the caller has just read, reading again only after a conflict', async () => {
    let version = 5;
    const getCase = jest.fn(async () => record(version));
    const append = jest.fn(async (_id: string, expected: number) => {
      if (expected !== version) throw new ConcurrencyError('c', expected, version);
      return { version: expected + 1, appended: true };
    });
    const store = { getCase, append } as unknown as CaseLog;
    expect(await withRetry(store, 'c', () => ({ events: [ev('x')] }), { current: record(5) })).toEqual({
      version: 6,
      appended: true,
    });
    expect(getCase).not.toHaveBeenCalled();
    version = 7; // someone else appended since the caller's read
    const seen: number[] = [];
    await withRetry(
      store,
      'c',
      (current) => {
        seen.push(current.projection.version);
        return { events: [ev('y')] };
      },
      { current: record(5), sleep: async () => undefined },
    );
    expect(seen).toEqual([5, 7]);
    expect(getCase).toHaveBeenCalledTimes(1);
    expect(getCase).toHaveBeenCalledWith('c', { forAppend: true });
  });

  it('appends nothing when the decision is that there is nothing to do', async () => {
    const store = { getCase: async () => record(7), append: jest.fn() } as unknown as CaseLog;
    expect(await withRetry(store, 'c', () => null)).toEqual({ version: 7, appended: false });
    expect(store.append).not.toHaveBeenCalled();
  });
});

describe('case references', () => {
  it('pads the sequence to four digits and grows past it', () => {
    expect(formatReference(2026, 7)).toBe('CT-2026-0007');
    expect(formatReference(2026, 12345)).toBe('CT-2026-12345');
    expect(caseNumber(2026, 12345)).toBeGreaterThan(caseNumber(2026, 9999));
    expect(caseNumber(2027, 1)).toBeGreaterThan(caseNumber(2026, 99999));
  });

  it('reads what an officer types', () => {
    for (const typed of ['CT-2026-0007', 'ct-2026-7', ' CT 2026 0007 ', '2026/7', '2026-0007'])
      expect(normalizeReference(typed)).toBe('CT-2026-0007');
    for (const typed of ['', 'CT-2026', '2026-0', "CT-2026-1' or '1'='1", 'abc'])
      expect(normalizeReference(typed)).toBeNull();
  });
});
