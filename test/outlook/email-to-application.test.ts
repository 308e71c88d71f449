import { OfficeMockObject } from 'office-addin-mock';
import { emailToApplication } from '../../tab/src/outlook/email-to-application';
import { readEml, readOpenEmail, type OfficeLike } from '../../tab/src/outlook/read-email';

function outlook(item: Record<string, unknown>, mailbox114 = true): OfficeLike {
  const data = {
    context: {
      requirements: { isSetSupported: (_name: string, version?: string) => mailbox114 || version !== '1.14' },
      mailbox: {
        item: {
          itemId: 'AAMkAD-ews-id',
          subject: 'Noise from next door again',
          from: { displayName: 'Pat Resident', emailAddress: 'pat@example.org' },
          dateTimeCreated: new Date('2026-03-02T23:30:00Z'),
          attachments: [
            { id: 'att-1', name: 'diary.pdf', size: 20480, contentType: 'application/pdf' },
            { id: 'att-2', name: 'logo.png', size: 100, isInline: true },
          ],
          body: {
            text: 'They play loud music every night until 3am.\r\nI reported it to the police on 1 February.',
            getAsync(_coercion: string, callback: (r: { status: string; value: string }) => void) {
              callback({ status: 'succeeded', value: this.text });
            },
          },
          getAsFileAsync(callback: (r: { status: string; value: string }) => void) {
            callback({
              status: 'succeeded',
              value: Buffer.from('From: pat@example.org\r\n\r\nhello').toString('base64'),
            });
          },
          ...item,
        },
        convertToRestId: (id: string) => `rest-${id}`,
      },
    },
    CoercionType: { Text: 'text' },
    MailboxEnums: { RestVersion: { v2_0: 'v2.0' } },
  };
  return new OfficeMockObject(data, 'outlook' as never) as unknown as OfficeLike;
}

describe('recording an application from an email', () => {
  it('reads the open email through Office.js', async () => {
    const email = await readOpenEmail(outlook({}));
    expect(email).toMatchObject({
      itemId: 'rest-AAMkAD-ews-id',
      subject: 'Noise from next door again',
      from: { emailAddress: 'pat@example.org' },
      receivedAt: '2026-03-02T23:30:00.000Z',
    });
    expect(email.body).toContain('loud music');
    expect(email.attachments.map((a) => a.name)).toEqual(['diary.pdf', 'logo.png']);
  });

  it('prefills the form: the sender as victim, the received day in London, the body as the account', async () => {
    const mapping = emailToApplication(
      await readOpenEmail(outlook({ dateTimeCreated: new Date('2026-06-30T23:30:00Z') })),
    );
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    expect(mapping.initial.application?.receivedOn).toBe('2026-07-01');
    expect(mapping.initial.application?.applicant).toEqual({
      relationship: 'victim',
      consentGiven: false,
      anonymous: false,
    });
    expect(mapping.initial.parties).toEqual({ victim: { name: 'Pat Resident', email: 'pat@example.org' } });
    expect(mapping.initial.account).toBe(
      'They play loud music every night until 3am.\nI reported it to the police on 1 February.',
    );
    expect(mapping.initial.attachments).toEqual([
      { id: 'att-1', name: 'diary.pdf', size: 20480, contentType: 'application/pdf' },
    ]);
    expect(mapping.initial.emailId).toBe('rest-AAMkAD-ews-id');
    expect(mapping.thirdParty).toBe(false);
  });

  it('takes a councillor or a letter "on behalf of" as a third party, asking for consent', async () => {
    const councillor = emailToApplication(
      await readOpenEmail(
        outlook({ from: { displayName: 'Cllr Jones', emailAddress: 'cllr.jones@eastherts.gov.uk' } }),
      ),
    );
    expect(councillor.thirdParty).toBe(true);
    expect(councillor.initial.application?.applicant?.relationship).toBe('third-party');
    expect(councillor.initial.parties).toEqual({
      applicant: { name: 'Cllr Jones', email: 'cllr.jones@eastherts.gov.uk' },
    });
    expect(councillor.notes.join(' ')).toMatch(/consent/);
    const body = {
      text: 'I am writing on behalf of my mother, who is being harassed.',
      getAsync(_c: string, cb: (r: { status: string; value: string }) => void) {
        cb({ status: 'succeeded', value: this.text });
      },
    };
    expect(emailToApplication(await readOpenEmail(outlook({ body }))).thirdParty).toBe(true);
  });

  it('keeps the whole message as .eml where Mailbox 1.14 is there, and does without it elsewhere', async () => {
    expect(Buffer.from((await readEml(outlook({})))!, 'base64').toString()).toContain('pat@example.org');
    await expect(readEml(outlook({}, false))).resolves.toBeUndefined();
  });

  it('cuts a very long body to the account limit, saying so', () => {
    const mapping = emailToApplication({
      itemId: 'x',
      subject: 's',
      from: { displayName: '', emailAddress: 'a@b.org' },
      receivedAt: '2026-03-02T10:00:00Z',
      body: 'x'.repeat(30_000),
      attachments: [],
    });
    expect(mapping.initial.account!.length).toBeLessThanOrEqual(20_000);
    expect(mapping.initial.account).toMatch(/see the original email\]$/);
  });
});
