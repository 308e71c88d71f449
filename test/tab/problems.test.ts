import {
  ProblemIndex,
  ancestors,
  fieldId,
  isUnder,
  normalisePath,
  stillWrong,
} from '../../tab/src/lib/problems';

describe('normalisePath', () => {
  it.each([
    ['application.incidents[2].reports[0].reportedOn', 'application.incidents[2].reports[0].reportedOn'],
    ['application.incidents.2.reports.0.reportedOn', 'application.incidents[2].reports[0].reportedOn'],
    ['/application/incidents/2/reports/0/reportedOn', 'application.incidents[2].reports[0].reportedOn'],
    ['$.application["incidents"][2]', 'application.incidents[2]'],
    ['members[1].name', 'members[1].name'],
    ['', ''],
  ])('%s -> %s', (input, expected) => {
    expect(normalisePath(input)).toBe(expected);
  });
});

describe('ancestors and isUnder', () => {
  it('lists the path and each parent', () => {
    expect(ancestors('application.incidents[2].reports[0].reportedOn')).toEqual([
      'application.incidents[2].reports[0].reportedOn',
      'application.incidents[2].reports[0]',
      'application.incidents[2].reports',
      'application.incidents[2]',
      'application.incidents',
      'application',
    ]);
  });

  it('knows what lies under a group, and not a sibling with a longer name', () => {
    expect(isUnder('application.incidents[2].occurredOn', 'application.incidents[2]')).toBe(true);
    expect(isUnder('application.incidents[20].occurredOn', 'application.incidents[2]')).toBe(false);
    expect(isUnder('titleX', 'title')).toBe(false);
    expect(isUnder('anything', '')).toBe(true);
  });
});

describe('ProblemIndex', () => {
  const problems = [
    { path: 'application.incidents.2.reports.0.reportedOn', message: 'Enter the date of the report.' },
    { path: 'application.incidents[2].reports[0].reportedOn', message: 'Enter the date of the report.' },
    { path: 'application.incidents[2].occurredOn', message: 'Enter the date the incident happened.' },
    { path: 'receivedVia', message: 'Choose how it arrived.' },
    { path: '', message: 'The request is not valid.' },
  ];

  it('puts each problem at its field, once, whatever the path spelling', () => {
    const index = new ProblemIndex(problems);
    expect(index.at('application.incidents[2].reports[0].reportedOn')).toBe('Enter the date of the report.');
    expect(index.at('receivedVia')).toBe('Choose how it arrived.');
    expect(index.at('title')).toBeUndefined();
    expect(index.size).toBe(4);
  });

  it("gathers a group's problems", () => {
    const index = new ProblemIndex(problems);
    expect(index.under('application.incidents[2]')).toEqual([
      'Enter the date of the report.',
      'Enter the date the incident happened.',
    ]);
    expect(index.has('application.incidents[1]')).toBe(false);
  });

  it('joins several messages for one field', () => {
    const index = new ProblemIndex([
      { path: 'title', message: 'Too long.' },
      { path: 'title', message: 'Names a person.' },
    ]);
    expect(index.at('title')).toBe('Too long. Names a person.');
  });

  it("strips the prefix an event's payload problems may carry", () => {
    const index = new ProblemIndex(
      [
        { path: 'payload.decidedOn', message: 'Enter the date.' },
        { path: 'payload.members.1.name', message: 'Enter a name.' },
        { path: 'payloadish', message: 'Not a payload field.' },
      ],
      { stripPrefixes: ['payload'] },
    );
    expect(index.at('decidedOn')).toBe('Enter the date.');
    expect(index.at('members[1].name')).toBe('Enter a name.');
    expect(index.at('payloadish')).toBe('Not a payload field.');
  });

  it('places a problem at the nearest field on screen', () => {
    const fields = new Set(['application.incidents[1].reports[0]', 'application.incidents[1]', 'title']);
    expect(ProblemIndex.placeOf('application.incidents[1].reports[0].kind', fields)).toBe(
      'application.incidents[1].reports[0]',
    );
    expect(ProblemIndex.placeOf('application.incidents[1].id', fields)).toBe('application.incidents[1]');
    expect(ProblemIndex.placeOf('account', fields)).toBeUndefined();
  });
});

describe('fieldId', () => {
  it('makes a valid, stable DOM id from a path', () => {
    expect(fieldId('application.incidents[2].reports[0].reportedOn')).toBe(
      'field-application_incidents_2__reports_0__reportedOn',
    );
    expect(fieldId('')).toBe('field-form');
  });
});

describe('stillWrong: errors clear as soon as a field is fixed (issue 15)', () => {
  const shown = [
    { path: 'sentOn', message: 'Enter the date it was sent.' },
    { path: 'parties.victim.phone', message: 'Enter a UK phone number.' },
  ];
  it('drops the problem of a field that is now right and keeps the others, with their message as it is now', () => {
    const now = [{ path: 'parties.victim.phone', message: 'Enter a UK phone number, such as 01234 567890.' }];
    expect(stillWrong(shown, now)).toEqual(now);
  });
  it('shows nothing new before the next submit', () => {
    expect(stillWrong([shown[0]!], [shown[0]!, { path: 'other', message: 'x' }])).toEqual([shown[0]]);
  });
  it("keeps the server's problems until their own field changes", () => {
    const server = [{ path: 'start', message: 'a panel more than a year ahead' }];
    expect(stillWrong(server, [], server, ['location'])).toEqual(server);
    expect(stillWrong(server, [], server, ['start'])).toEqual([]);
  });
});
