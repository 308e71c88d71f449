import fc from 'fast-check';
import { InvalidChangeError } from '../../bot/store/case-log';
import { checkChange, isJson } from '../../bot/store/store-schemas';
import { ev } from './simple-projector';

describe('what an append may carry', () => {
  it('takes any JSON value as a payload field', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => isJson(JSON.parse(JSON.stringify(v)))));
  });

  it('refuses what JSON cannot hold, saying where', () => {
    for (const bad of [undefined, Number.NaN, Infinity, () => 1, new Date(), new Map(), Symbol('x'), 1n])
      expect(isJson({ a: [1, { b: bad }] })).toBe(false);
    const deep = JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`) as unknown;
    expect(isJson(deep)).toBe(false);
    expect(() =>
      checkChange({ events: [{ ...ev('note-added'), payload: { at: new Date() as never } }] }),
    ).toThrow(InvalidChangeError);
    expect(() =>
      checkChange({ events: [{ ...ev('note-added'), payload: { at: new Date() as never } }] }),
    ).toThrow(/events\.0\.payload\.at: a JSON value/);
  });

  it('refuses a payload that is not an object of fields', () => {
    for (const bad of [[1, 2], 'text', null, new Map()])
      expect(() => checkChange({ events: [{ ...ev('note-added'), payload: bad as never }] })).toThrow(
        /events\.0\.payload: an object of JSON values/,
      );
  });
});
