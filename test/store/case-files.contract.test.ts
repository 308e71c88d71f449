/**
 * The CaseFiles contract: documents kept with a case, on both adapter sets.
 */
import { CaseNotFoundError } from '../../bot/store/case-log';
import { opening, storeContract } from './harnesses';

storeContract('CaseFiles', (t) => {
  it('keeps files with the case and gives back the same bytes', async () => {
    const { caseId } = await t.cases.createCase(opening('2026-03-02'));
    const bytes = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7) % 256));
    const meta = {
      kind: 'letter' as const,
      name: 'CT-2026-0001 outcome letter.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      storedBy: 'officer-1',
    };
    const letter = await t.files.putFile(caseId, meta, bytes);
    expect(letter).toMatchObject({ ...meta, caseId, size: 2048 });
    expect(letter.sha256).toMatch(/^[0-9a-f]{64}$/);
    const eml = await t.files.putFile(
      caseId,
      {
        kind: 'email',
        name: 'application.eml',
        contentType: 'message/rfc822',
        storedBy: 'officer-1',
        fileId: 'f-eml',
      },
      Buffer.from('Subject: hello\r\n\r\nbody'),
    );
    expect(await t.files.putFile(caseId, { ...meta, fileId: 'f-eml' }, Buffer.from('other'))).toEqual(eml);
    const got = await t.files.getFile(letter.fileId);
    expect(got?.file).toEqual(letter);
    expect(Buffer.compare(got!.bytes, bytes)).toBe(0);
    expect((await t.files.getFile('f-eml'))?.bytes.toString()).toBe('Subject: hello\r\n\r\nbody');
    expect((await t.files.caseFiles(caseId)).map((f) => f.fileId).sort()).toEqual(
      [letter.fileId, 'f-eml'].sort(),
    );
    expect(await t.files.getFile('nope')).toBeNull();
    await expect(t.files.putFile('no-case', meta, bytes)).rejects.toBeInstanceOf(CaseNotFoundError);
  });

  it('keeps a document added by hand under the name the person gave it (issue 15)', async () => {
    const { caseId } = await t.cases.createCase(opening('2026-03-02'));
    const meta = {
      fileId: 'doc-1',
      kind: 'document' as const,
      // Characters SharePoint refuses in a file name: the library names the file by its id instead.
      name: 'Diary: week 1?.pdf',
      contentType: 'application/pdf',
      storedBy: 'herts-police-1',
    };
    const bytes = Buffer.from('%PDF-1.4 diary');
    const stored = await t.files.putFile(caseId, meta, bytes);
    expect(stored).toMatchObject({ ...meta, caseId, size: bytes.length });
    expect(await t.files.putFile(caseId, meta, bytes)).toEqual(stored); // a retry keeps the one file
    expect((await t.files.getFile('doc-1'))?.file.name).toBe('Diary: week 1?.pdf');
    expect((await t.files.caseFiles(caseId)).filter((f) => f.kind === 'document')).toHaveLength(1);
  });
});
