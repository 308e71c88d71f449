import { getPolicy } from '../../shared';
import { chairWarnings, tallySlotAnswers, type SlotAnswer } from '../../shared/panel';

const s1 = '2026-04-14T09:00:00.000Z';
const s2 = '2026-04-15T09:00:00.000Z';
const s3 = '2026-04-16T13:00:00.000Z';

describe('tallying partners’ answers to offered slots', () => {
  const answers: SlotAnswer[] = [
    { respondent: 'police', agencyId: 'herts-police', slotStart: s1, answer: 'yes' },
    { respondent: 'housing', agencyId: 'social-housing', slotStart: s1, answer: 'no' },
    { respondent: 'police', agencyId: 'herts-police', slotStart: s2, answer: 'yes' },
    { respondent: 'housing', agencyId: 'social-housing', slotStart: s2, answer: 'if-needed' },
    { respondent: 'council', agencyId: 'ehc', slotStart: s2, answer: 'yes' },
    { respondent: 'council', agencyId: 'ehc', slotStart: s3, answer: 'yes' },
    // A changed mind: the later answer counts.
    { respondent: 'housing', agencyId: 'social-housing', slotStart: s1, answer: 'yes' },
  ];

  it('ranks slots by fewest "no", then most "yes", most "if needed", earliest; the latest answer counts', () => {
    const tally = tallySlotAnswers(answers);
    expect(tally.map((t) => t.slotStart)).toEqual([s2, s1, s3]);
    expect(tally[0]).toMatchObject({
      yes: ['council', 'police'],
      ifNeeded: ['housing'],
      no: [],
      agencies: ['ehc', 'herts-police', 'social-housing'],
    });
    expect(tally[1]).toMatchObject({ yes: ['housing', 'police'], no: [] });
  });

  it('with a policy, puts the slots that make the quorum first', () => {
    const policy = getPolicy('east-herts');
    const tally = tallySlotAnswers(
      [
        ...answers,
        { respondent: 'health', agencyId: 'icb', slotStart: s3, answer: 'yes' },
        { respondent: 'fire', agencyId: 'herts-fire', slotStart: s3, answer: 'yes' },
        { respondent: 'mh', agencyId: 'mental-health', slotStart: s3, answer: 'yes' },
      ],
      { policy },
    );
    expect(tally[0]!.slotStart).toBe(s2);
    expect(tally[0]!.quorum).toMatchObject({ met: true, required: 3 });
    const s3Tally = tally.find((t) => t.slotStart === s3)!;
    expect(s3Tally.quorum).toMatchObject({
      met: false,
      bodies: ['ehc', 'icb'],
      others: ['herts-fire', 'mental-health'],
    });
  });

  it('lists every offered slot, answered or not, and ignores answers to slots never offered', () => {
    const offered = [s1, s3, '2026-04-20T09:00:00.000Z'];
    const tally = tallySlotAnswers(answers, { slots: offered });
    expect(tally.map((t) => t.slotStart).sort()).toEqual([...offered].sort());
    expect(tally.find((t) => t.slotStart === '2026-04-20T09:00:00.000Z')).toMatchObject({
      yes: [],
      no: [],
      ifNeeded: [],
    });
  });
});

describe('the chair', () => {
  it('warns (does not refuse) when the chair is not independent, as the policy prefers', () => {
    const eh = getPolicy('east-herts');
    expect(chairWarnings({ name: 'J', organisation: 'North Herts Council', independent: true }, eh)).toEqual(
      [],
    );
    expect(
      chairWarnings({ name: 'J', organisation: 'East Herts District Council', independent: false }, eh)[0],
    ).toMatch(/not independent.*neighbouring authority/);
    expect(
      chairWarnings({ name: 'J', organisation: 'Hertfordshire Constabulary', independent: true }, eh)[0],
    ).toMatch(/marked independent but comes from Hertfordshire Constabulary/);
  });

  // East Herts s.12: "The Chair of the Case Review which will be from a neighbouring Local Authority where
  // possible; should this not be practicable then the EHC Community Safety & ASB Manager or Community
  // WellBeing & Partnerships Manager will be the Chair."
  it("names the policy's neighbouring authorities, and takes the fallback chair without a warning", () => {
    const eh = getPolicy('east-herts');
    expect(
      chairWarnings({ name: 'J', organisation: 'Stevenage Borough Council', independent: true }, eh),
    ).toEqual([]);
    expect(
      chairWarnings({ name: 'J', organisation: 'Bedford Borough Council', independent: true }, eh)[0],
    ).toMatch(/not one of the neighbouring authorities .*\(North Herts Council, Stevenage Borough Council/);
    expect(
      chairWarnings(
        {
          name: 'R',
          organisation: 'Community Safety & ASB Manager, East Herts District Council',
          independent: false,
        },
        eh,
      ),
    ).toEqual([]);
  });
});
