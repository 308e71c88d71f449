import fc from 'fast-check';
import { safeDocumentName } from '../../bot/app/document-name';
import { refusedName } from '../support/graph-double/double-drive';

/** Issue 15: a name a person gave, made safe: SharePoint's rules (as the Graph double holds them) never refuse it. */
describe('a document name made safe for SharePoint', () => {
  it('keeps what it can of the name and its ending', () => {
    expect(safeDocumentName('Diary sheet: week 1?.pdf', '.pdf')).toBe('Diary sheet_ week 1_.pdf');
    expect(safeDocumentName('C:\\Users\\jane\\My photo.JPG', '.jpg')).toBe('My photo.JPG');
    expect(safeDocumentName('  ~$notes .txt  ', '.txt')).toBe('notes.txt');
    expect(safeDocumentName('CON.txt', '.txt')).toBe('document CON.txt');
    expect(safeDocumentName('~$~$lock.docx', '.docx')).toBe('lock.docx');
    expect(safeDocumentName('desktop.ini', '.txt')).toBe('document desktop.ini');
    expect(safeDocumentName('', '.pdf')).toBe('document.pdf');
    expect(safeDocumentName('a'.repeat(300) + '.pdf', '.pdf')).toHaveLength(120);
  });

  it('never gives a name SharePoint refuses, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('.pdf', '.docx', '.txt'), (raw, ext) => {
        const name = safeDocumentName(raw, ext);
        expect(refusedName(name)).toBeUndefined();
        expect(name.length).toBeGreaterThan(0);
        expect(name.length).toBeLessThanOrEqual(120);
      }),
      { numRuns: 500 },
    );
  });
});
