import {
  financialYear,
  getPolicy,
  publishedStatistics,
  reduceCase,
  statisticalFacts,
  statisticsForFinancialYear,
} from '../../../shared';
import { CaseBuilder, member } from '../../support/case-builder';

const policy = getPolicy('erewash');
const agencies = ['erewash-bc', 'derbyshire-police', 'icb'];
const panel = agencies.map((a) => member(a));

function reviewed(prefix: string, receivedOn: string, heldOn: string, recommendations: number) {
  const b = new CaseBuilder(prefix).received(receivedOn, agencies, [receivedOn]).decided(receivedOn);
  b.add('review-held', heldOn, {
    heldOn,
    attendees: panel,
    victimParticipation: 'none',
    recommendations: Array.from({ length: recommendations }, (_, i) => ({ id: `r${i}`, text: 'Do more' })),
    actions: [],
  });
  return b;
}

describe('published statistics', () => {
  const notMet = new CaseBuilder('a')
    .received('2025-04-10', agencies, ['2025-04-01'])
    .decided('2025-04-20', 'not-met');
  notMet.add('appeal-lodged', '2025-05-01', {
    appealId: 'ap',
    receivedOn: '2025-05-01',
    against: 'threshold-decision',
    grounds: ['other'],
  });
  const ineligible = new CaseBuilder('b')
    .received('2025-06-02', agencies, ['2025-05-20'])
    .decided('2025-06-03', 'ineligible');
  const withRecs = reviewed('c', '2025-09-01', '2025-10-06', 2);
  const noRecs = reviewed('d', '2025-11-03', '2025-12-01', 0);
  // Received in March 2026 (this year), reviewed in April 2026 (next year).
  const straddles = reviewed('e', '2026-03-16', '2026-04-20', 1);
  const cases = [
    { reference: 'CT-2025-0001', state: reduceCase(notMet.events, policy) },
    { reference: 'CT-2025-0002', state: reduceCase(ineligible.events, policy) },
    { reference: 'CT-2025-0003', state: reduceCase(withRecs.events, policy) },
    { reference: 'CT-2025-0004', state: reduceCase(noRecs.events, policy) },
    { reference: 'CT-2026-0001', state: reduceCase(straddles.events, policy) },
  ];

  it('counts the financial year April to March, with the cases behind each number', () => {
    const s = statisticsForFinancialYear(cases, '2025-12-31');
    expect([s.from, s.to]).toEqual(['2025-04-01', '2026-03-31']);
    expect(s.applications).toEqual({ count: 5, references: cases.map((c) => c.reference) });
    expect(s.thresholdNotMet).toEqual({ count: 2, references: ['CT-2025-0001', 'CT-2025-0002'] });
    expect(s.reviewsCarriedOut).toEqual({ count: 2, references: ['CT-2025-0003', 'CT-2025-0004'] });
    expect(s.reviewsWithRecommendations).toEqual({ count: 1, references: ['CT-2025-0003'] });
    expect(s.appealsReceived).toEqual({ count: 1, references: ['CT-2025-0001'] });
  });

  it('counts the same from the facts a purge keeps (no personal data) as from the whole case', () => {
    const facts = cases.map((c) => ({ reference: c.reference, state: statisticalFacts(c.state) }));
    // Stored as JSON in the purge log: what comes back is what was written.
    const stored = JSON.parse(JSON.stringify(facts)) as typeof facts;
    for (const [from, to] of [
      ['2025-04-01', '2026-03-31'],
      ['2026-04-01', '2027-03-31'],
      ['2025-05-01', '2025-05-31'],
    ] as const)
      expect(publishedStatistics(stored, from, to)).toEqual(publishedStatistics(cases, from, to));
    expect(Object.keys(stored[0]!.state).sort()).toEqual(['appeals', 'decisions', 'receivedOn', 'reviews']);
  });

  it('counts a review in the year it was held, not the year of the application', () => {
    const next = statisticsForFinancialYear(cases, '2026-04-01');
    expect(next.applications.count).toBe(0);
    expect(next.reviewsCarriedOut.references).toEqual(['CT-2026-0001']);
  });

  it('breaks the year down by month for the chart, and the months add up to the year', () => {
    const s = publishedStatistics(cases, '2025-04-01', '2026-03-31');
    expect(s.byMonth.map((m) => m.month)).toHaveLength(12);
    expect(s.byMonth[0]).toMatchObject({ month: '2025-04', applications: 1, thresholdNotMet: 1 });
    const sum = s.byMonth.reduce((n, m) => n + m.applications, 0);
    expect(sum).toBe(s.applications.count);
  });

  it('works for any period, and refuses one that ends before it starts', () => {
    expect(publishedStatistics(cases, '2025-10-01', '2025-10-31').reviewsCarriedOut.count).toBe(1);
    expect(() => publishedStatistics(cases, '2026-01-01', '2025-01-01')).toThrow(
      /starts \(2026-01-01\) after it ends/,
    );
  });

  it('financialYear labels the year', () => {
    expect(financialYear('2026-03-31')).toEqual({ from: '2025-04-01', to: '2026-03-31', label: '2025-26' });
    expect(financialYear('2026-04-01').label).toBe('2026-27');
  });
});
