import {
  decide,
  evolve,
  getPolicy,
  reduceCase,
  TransitionError,
  type DocumentAddedPayload,
} from '../../../shared';
import { CaseBuilder } from '../../support/case-builder';

/** Issue 15: `document-added`: the rule that refuses, the fold that never throws, replay that agrees. */
const eastHerts = getPolicy('east-herts');
const agencies = ['ehc', 'herts-police'];
const doc = (over: Partial<DocumentAddedPayload> = {}): DocumentAddedPayload => ({
  fileId: 'file-1',
  kind: 'diary-sheet',
  name: 'Diary sheet, week 1.pdf',
  contentType: 'application/pdf',
  size: 120,
  addedOn: '2026-03-03',
  ...over,
});

describe('a document added to the case', () => {
  it('folds into the documents, with who added it, and replays to the same state', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    b.add('document-added', '2026-03-03', doc({ description: 'Week one' }));
    b.add(
      'document-added',
      '2026-03-03',
      doc({ fileId: 'file-2', kind: 'evidence', agencyId: 'herts-police' }),
    );
    const state = reduceCase(b.events, eastHerts);
    expect(state.documents).toEqual([
      expect.objectContaining({
        fileId: 'file-1',
        kind: 'diary-sheet',
        description: 'Week one',
        by: b.events[1]!.actor,
      }),
      expect.objectContaining({ fileId: 'file-2', agencyId: 'herts-police' }),
    ]);
    expect(state.timeline.map((t) => t.type)).toContain('document-added');
  });

  it('refuses the same file twice, an agency not on the case, an agency sharing with the panel, a date to come', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    b.add('document-added', '2026-03-03', doc());
    const state = reduceCase(b.events, eastHerts);
    const refused = (payload: DocumentAddedPayload) => {
      try {
        decide(state, b.peek('document-added', '2026-03-03', payload), eastHerts);
        return undefined;
      } catch (err) {
        expect(err).toBeInstanceOf(TransitionError);
        return (err as TransitionError).field;
      }
    };
    expect(refused(doc())).toBe('file');
    expect(refused(doc({ fileId: 'f3', agencyId: 'herts-fire' }))).toBe('agencyId');
    expect(refused(doc({ fileId: 'f4', agencyId: 'herts-police', sharedWithPanel: true }))).toBe(
      'sharedWithPanel',
    );
    expect(refused(doc({ fileId: 'f5', addedOn: '2026-03-09' }))).toBeDefined();
    expect(refused(doc({ fileId: 'f6', sharedWithPanel: true }))).toBeUndefined();
  });

  it('never throws while folding one stored twice: the first stays', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    const first = b.peek('document-added', '2026-03-03', doc());
    const again = { ...b.peek('document-added', '2026-03-03', doc({ name: 'Other.pdf' })), id: 'again' };
    const state = evolve(evolve(reduceCase(b.events), first), again);
    expect(state.documents?.map((d) => d.name)).toEqual(['Diary sheet, week 1.pdf']);
  });

  it('may be added after the case is closed', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    b.add('case-closed', '2026-03-03', { closedOn: '2026-03-03', reason: 'withdrawn' });
    const state = reduceCase(b.events, eastHerts);
    expect(state.status).toBe('closed');
    expect(() =>
      decide(state, b.peek('document-added', '2026-03-04', doc({ addedOn: '2026-03-04' })), eastHerts),
    ).not.toThrow();
  });
});
