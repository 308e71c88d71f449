import { randomUUID } from 'node:crypto';
import { getPolicy } from '../../shared';
import { CaseDocuments } from '../../bot/app/case-documents';
import { CaseService } from '../../bot/app/case-service';
import { sampleDirectory } from '../../bot/app/directory';
import { sampleApplication } from '../support/case-builder';
import { storeContract } from '../store/harnesses';

/**
 * Issue 15: a document added to a case lands the same on both stores: SQLite (a BLOB) and, in m365 mode,
 * the SharePoint document library through the strict Graph double (the file under its id, its item in
 * ASB Case Files), once however often the upload is retried.
 */
storeContract('CaseDocuments', (t) => {
  const policy = getPolicy('east-herts');
  const directory = sampleDirectory(policy);
  const spoc = directory.get('spoc-1')!;
  const police = directory.get('herts-police-1')!;
  const fire = directory.get('herts-fire-1')!;
  const pdf = Buffer.from('%PDF-1.4 diary sheet');

  it('stores the file with the case and records it once; an agency adds its own; one off the case cannot', async () => {
    const service = new CaseService({ ...t.stores, policy, directory, now: t.clock.now });
    const documents = new CaseDocuments({ service, files: t.stores.files });
    const { caseId } = await service.openCase(
      {
        requestId: randomUUID(),
        receivedVia: 'email',
        application: sampleApplication('2026-03-02', ['2026-01-05', '2026-01-20', '2026-02-10']),
        agencies: ['ehc', 'herts-police'],
        title: 'Noise, Example Road',
      },
      spoc,
    );
    const upload = {
      id: randomUUID(),
      kind: 'diary-sheet' as const,
      sharedWithPanel: false,
      file: { name: 'Diary: week 1?.pdf', contentType: 'application/pdf', extension: '.pdf', bytes: pdf },
    };
    const reads = jest.spyOn(t.stores.cases, 'getCase');
    const first = await documents.add(caseId, upload, spoc);
    expect(reads).toHaveBeenCalledTimes(1); // the case read once: for the access check and the append
    reads.mockRestore();
    const again = await documents.add(caseId, upload, spoc);
    expect(first).toMatchObject({ name: 'Diary_ week 1_.pdf', size: pdf.length, alreadyRecorded: false });
    expect(again).toMatchObject({ fileId: first.fileId, alreadyRecorded: true });
    const stored = await t.files.getFile(first.fileId);
    expect(stored?.file).toMatchObject({ kind: 'document', name: 'Diary_ week 1_.pdf', storedBy: 'spoc-1' });
    expect(stored?.bytes.equals(pdf)).toBe(true);

    await documents.add(
      caseId,
      { ...upload, id: randomUUID(), kind: 'evidence', file: { ...upload.file, name: 'Patrol log.pdf' } },
      police,
    );
    await expect(documents.add(caseId, { ...upload, id: randomUUID() }, fire)).rejects.toThrow(
      /no such case/i,
    );
    const state = (await service.load(caseId))!.state;
    expect(state.documents?.map((d) => [d.name, d.agencyId ?? 'officers'])).toEqual([
      ['Diary_ week 1_.pdf', 'officers'],
      ['Patrol log.pdf', 'herts-police'],
    ]);
    expect((await t.files.caseFiles(caseId)).filter((f) => f.kind === 'document')).toHaveLength(2);
  });
});
