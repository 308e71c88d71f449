import { emailToApplication } from '../../tab/src/outlook/email-to-application';
import {
  base64ToBytes,
  decodeHeader,
  emlToSnapshot,
  htmlToText,
  parseAddress,
  parseEml,
  snapshotToEml,
  textToBase64,
} from '../../tab/src/outlook/parse-eml';
import { sampleEmails } from '../../tab/src/outlook/sample-emails';

const crlf = (lines: string[]) => lines.join('\r\n');

/** Local mode's stand-in for the open email: an uploaded .eml, read simply. */
describe('reading an uploaded .eml', () => {
  it('reads From, Subject, Date, Message-ID and a plain text body', () => {
    const parsed = parseEml(
      crlf([
        'Received: from mx.example.org by council.example',
        'From: "Pat Resident" <pat@example.org>',
        'To: community.safety@council.example',
        'Subject: Noise from next door',
        '  again',
        'Date: Mon, 2 Mar 2026 23:30:00 +0000',
        'Message-ID: <abc.123@example.org>',
        '',
        'They play loud music every night.',
        'I reported it to the police on 1 February.',
      ]),
    );
    expect(parsed).toEqual({
      messageId: '<abc.123@example.org>',
      subject: 'Noise from next door again',
      from: { displayName: 'Pat Resident', emailAddress: 'pat@example.org' },
      date: '2026-03-02T23:30:00.000Z',
      text: 'They play loud music every night.\nI reported it to the police on 1 February.',
      attachments: [],
    });
  });

  it('decodes encoded-word headers, quoted-printable bodies and Latin-1 text', () => {
    expect(decodeHeader('=?utf-8?B?Tm9pc2Ugw6AgbGEgbWFpc29u?=')).toBe('Noise à la maison');
    expect(decodeHeader('=?iso-8859-1?Q?Caf=E9_noise?= =?utf-8?Q?_again?=')).toBe('Café noise again');
    const parsed = parseEml(
      crlf([
        'From: =?utf-8?Q?Zo=C3=AB?= <zoe@example.org>',
        'Subject: =?utf-8?B?QVNCIOKAkyBoZWxw?=',
        'Content-Type: text/plain; charset=iso-8859-1',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Le caf=E9 d=',
        'ownstairs is loud.',
      ]),
    );
    expect(parsed.from).toEqual({ displayName: 'Zoë', emailAddress: 'zoe@example.org' });
    expect(parsed.subject).toBe('ASB – help');
    expect(parsed.text).toBe('Le café downstairs is loud.');
  });

  it('takes the text part of a multipart message and lists the attachments with their sizes', () => {
    const pdf = Buffer.from('%PDF-1.4 twenty bytes').toString('base64');
    const parsed = parseEml(
      crlf([
        'From: jo@example.org',
        'Subject: Diary',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="outer"',
        '',
        'This is a multi-part message in MIME format.',
        '--outer',
        'Content-Type: multipart/alternative; boundary=inner',
        '',
        '--inner',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('My noise diary is attached.\r\nJo').toString('base64'),
        '--inner',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>My noise diary is <b>attached</b>.</p>',
        '--inner--',
        '--outer',
        'Content-Type: application/pdf; name="diary.pdf"',
        'Content-Disposition: attachment; filename="diary.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        pdf,
        '--outer',
        'Content-Type: image/png',
        "Content-Disposition: attachment; filename*=utf-8''photo%20%C3%A9t%C3%A9.png",
        'Content-Transfer-Encoding: base64',
        '',
        'iVBORw0KGgo=',
        '--outer--',
      ]),
    );
    expect(parsed.text).toBe('My noise diary is attached.\nJo');
    expect(parsed.from).toEqual({ displayName: '', emailAddress: 'jo@example.org' });
    expect(parsed.attachments).toEqual([
      { name: 'diary.pdf', size: 21, contentType: 'application/pdf' },
      { name: 'photo été.png', size: 8, contentType: 'image/png' },
    ]);
    expect(parsed.date).toBeUndefined();
  });

  it('falls back to the HTML part without its tags, and never throws on odd input', () => {
    const parsed = parseEml(
      crlf([
        'From: Sam <sam@example.org>',
        'Content-Type: text/html',
        '',
        '<html><head><style>p{}</style></head><body><p>Line one &amp; more</p><p>Line&nbsp;two<br>three &#8211; end</p></body></html>',
      ]),
    );
    expect(parsed.text).toBe('Line one & more\nLine two\nthree – end');
    expect(htmlToText('<div>a</div><div>b</div>')).toBe('a\nb');
    expect(parseEml('')).toEqual({
      subject: '',
      from: { displayName: '', emailAddress: '' },
      text: '',
      attachments: [],
    });
    expect(parseEml('not an email at all').from.emailAddress).toBe('');
  });

  it('reads the usual address forms', () => {
    expect(parseAddress('Jo Sample <jo@example.org>')).toEqual({
      displayName: 'Jo Sample',
      emailAddress: 'jo@example.org',
    });
    expect(parseAddress('"Sample, Jo \\"JS\\"" <jo@example.org>')).toEqual({
      displayName: 'Sample, Jo "JS"',
      emailAddress: 'jo@example.org',
    });
    expect(parseAddress('jo@example.org (Jo Sample)')).toEqual({
      displayName: 'Jo Sample',
      emailAddress: 'jo@example.org',
    });
  });

  it('makes a snapshot whose id is the Message-ID, so the same message uploaded twice is one case', () => {
    const source = crlf([
      'From: Cllr Example <cllr.example@council.gov.uk>',
      'Subject: For my constituent',
      'Date: Wed, 18 Nov 2026 14:40:00 +0000',
      'Message-ID: <m-1@council.gov.uk>',
      '',
      'I am writing on behalf of my constituent.',
    ]);
    const snapshot = emlToSnapshot(parseEml(source), {
      fallbackId: 'eml:hash',
      receivedAt: '2026-11-19T00:00:00Z',
    });
    expect(snapshot).toMatchObject({
      itemId: 'eml:m-1@council.gov.uk',
      receivedAt: '2026-11-18T14:40:00.000Z',
      from: { emailAddress: 'cllr.example@council.gov.uk' },
    });
    // The mapping to the form is the same as for an email read in Outlook.
    expect(emailToApplication(snapshot).thirdParty).toBe(true);
    const noId = emlToSnapshot(parseEml('From: a@b.org\r\n\r\nhi'), {
      fallbackId: 'eml:hash',
      receivedAt: '2026-11-19T00:00:00.000Z',
    });
    expect(noId).toMatchObject({ itemId: 'eml:hash', receivedAt: '2026-11-19T00:00:00.000Z' });
  });
});

describe('writing a small .eml for a sample email', () => {
  it('round-trips through the reader: sender, subject, date, body, and the attachments named', () => {
    const sample = sampleEmails[0]!;
    const eml = snapshotToEml(sample);
    expect(eml).toMatch(/^From: "Jo Sample" <jo\.sample@example\.org>\r\n/);
    const back = parseEml(eml);
    expect(back.from).toEqual(sample.from);
    expect(back.subject).toBe(sample.subject);
    expect(back.date).toBe(new Date(sample.receivedAt).toISOString());
    expect(back.text).toContain('loud music most nights');
    expect(back.text).toContain('[Attachments in the original: noise-diary.pdf]');
  });

  it('encodes non-ASCII headers and gives base64 the API accepts', () => {
    const eml = snapshotToEml({
      ...sampleEmails[1]!,
      subject: 'Nuisance – Zoë',
      from: { displayName: 'Zoë', emailAddress: 'zoe@example.org' },
    });
    expect(eml).toMatch(/^Subject: =\?utf-8\?B\?[A-Za-z0-9+/=]+\?=\r$/m);
    const back = parseEml(new TextDecoder().decode(base64ToBytes(textToBase64(eml))));
    expect(back.subject).toBe('Nuisance – Zoë');
    expect(back.from.displayName).toBe('Zoë');
  });
});
