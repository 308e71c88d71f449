import fc from 'fast-check';
import { caseEventSchema, eventTypes, problemsOf } from '../../shared';
import { newApplicationSchema } from '../../bot/api/contract';

/** Issue 15: no schema wording reaches a person, whatever is sent. */
const schemaWords =
  /Too small|Too big|Invalid input|Invalid option|expected (string|number|array|object)|Unrecognized/;

describe('problems in plain words', () => {
  it('says what is wrong in words an officer uses for any event sent', () => {
    fc.assert(
      fc.property(fc.constantFrom(...eventTypes), fc.anything(), (type, payload) => {
        const parsed = caseEventSchema.safeParse({ id: 'e-1', type, actor: 'spoc-1', at: 'x', payload });
        if (parsed.success) return;
        for (const p of problemsOf(parsed.error)) expect(p.message).not.toMatch(schemaWords);
      }),
    );
  });

  it('names the blank note and the over-long title plainly', () => {
    const note = caseEventSchema.safeParse({
      id: 'e-1',
      type: 'note-added',
      actor: 'spoc-1',
      at: '2026-03-02T10:00:00Z',
      payload: { text: '   ' },
    });
    expect(problemsOf(note.error!)).toEqual([
      { path: 'payload.text', message: 'Fill this in; it cannot be blank.' },
    ]);
    const app = newApplicationSchema.safeParse({ title: 'x'.repeat(500) });
    const messages = problemsOf(app.error!).map((p) => p.message);
    expect(messages.join(' ')).not.toMatch(schemaWords);
    expect(messages).toContain('Shorten this to at most 120 characters.');
  });
});
