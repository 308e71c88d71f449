import type { EmailSnapshot } from './email-to-application';

/**
 * Local mode has no Outlook: these stand in for the open email so the task pane can be seen and tested in a
 * browser. Invented people and places.
 */
export const sampleEmails: EmailSnapshot[] = [
  {
    itemId: 'sample-victim-noise',
    subject: 'Loud music and threats from the flat above',
    from: { displayName: 'Jo Sample', emailAddress: 'jo.sample@example.org' },
    receivedAt: '2026-11-16T08:12:00Z',
    body: [
      'Dear Community Safety team,',
      '',
      'I want to ask for a case review. Since September the tenant above plays loud music most nights until 3am',
      'and shouted threats at me on the stairs. I reported it to the police on 12 September and 3 October, and to',
      'my housing association on 20 October. Nothing has changed and I am not sleeping.',
      '',
      'Jo',
    ].join('\n'),
    attachments: [
      { id: 'sample-att-1', name: 'noise-diary.pdf', size: 48_213, contentType: 'application/pdf' },
    ],
  },
  {
    itemId: 'sample-councillor',
    subject: 'Case review request for a resident',
    from: { displayName: 'Cllr Sam Example', emailAddress: 'cllr.example@council.gov.uk' },
    receivedAt: '2026-11-18T14:40:00Z',
    body: [
      'I am writing on behalf of my constituent, who has agreed that I contact you.',
      'Youths have gathered outside her home and damaged her car on three occasions this autumn; each was',
      'reported to the police. She is elderly and frightened. Please consider an ASB case review.',
    ].join('\n'),
    attachments: [],
  },
];
