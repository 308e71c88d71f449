import { caseLinks } from '../../bot/app/case-links';
import { caseCard } from '../../bot/cards/case-card';
import { digestCard, reminderCard } from '../../bot/cards/reminder-cards';

/** Issue 15: every card and reminder links to its case (a Teams deep link in Teams, else the web address). */
const APP_ID = '5c8e3f4a-1b2c-4d5e-8f90-123456789abc';

describe('links to a case', () => {
  it('is the web address when the Teams app id is not configured', () => {
    const links = caseLinks({ publicUrl: 'https://asb.example.gov.uk/' });
    expect(links.teams('c1')).toBe('https://asb.example.gov.uk/#/cases/c1');
  });

  it("is a deep link to the workspace tab carrying the case's id, falling back to the web address", () => {
    const url = new URL(
      caseLinks({ publicUrl: 'https://asb.example.gov.uk', teamsAppId: APP_ID }).teams('c1'),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`https://teams.microsoft.com/l/entity/${APP_ID}/workspace`);
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ subEntityId: 'c1' });
    expect(url.searchParams.get('webUrl')).toBe('https://asb.example.gov.uk/#/cases/c1');
  });

  const opens = (card: object) =>
    ((card as { actions?: { type: string; title: string; url: string }[] }).actions ?? []).filter(
      (a) => a.type === 'Action.OpenUrl',
    );

  it('puts "Open the case" on the case card and on each reminder, and one per case on the digest', () => {
    const url = 'https://asb.example.gov.uk/#/cases/c1';
    const item = {
      reference: 'CT-2026-0001',
      label: 'Acknowledge the application',
      dueOn: '2026-03-09',
      workingDaysLeft: 0,
      kind: 'due-today' as const,
      url,
    };
    expect(opens(reminderCard(item, '2026-03-09'))).toEqual([
      expect.objectContaining({ title: 'Open the case', url }),
    ]);
    const card = caseCard({
      reference: 'CT-2026-0001',
      status: 'received',
      receivedOn: '2026-03-02',
      spocName: 'Sam Patel',
      agencies: [],
      today: '2026-03-09',
      url,
    });
    expect(opens(card)).toEqual([expect.objectContaining({ title: 'Open the case', url })]);
    const other = { ...item, reference: 'CT-2026-0002', url: `${url}2` };
    expect(opens(digestCard([item, { ...item, label: 'Decide' }, other], '2026-03-09'))).toEqual([
      expect.objectContaining({ title: 'Open CT-2026-0001', url }),
      expect.objectContaining({ title: 'Open CT-2026-0002', url: `${url}2` }),
    ]);
    // Without a link, no empty button.
    expect(opens(reminderCard({ ...item, url: undefined }, '2026-03-09'))).toEqual([]);
  });
});
