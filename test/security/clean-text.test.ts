import fc from 'fast-check';
import { cleanDeep, cleanText } from '../../bot/app/clean-text';
import { cardSafe } from '../../bot/cards/format';

// XML 1.0's Char production: what a .docx can hold.
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- the test is about control characters
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('text cleaned at the door', () => {
  it('never leaves a character a letter cannot hold, whatever was typed or pasted', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(cleanText(s)).not.toMatch(XML_INVALID);
      }),
    );
  });

  it('leaves ordinary text, accents, emoji, tabs and line breaks as they are', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const ordinary = s.replace(XML_INVALID, '');
        expect(cleanText(ordinary)).toBe(ordinary.replace(/[\u2028\u2029]/g, '\n'));
      }),
    );
    expect(cleanText('Zoë\tO\u2019Neill\r\n12 Rue 😀')).toBe('Zoë\tO\u2019Neill\r\n12 Rue 😀');
  });

  it("turns Word's manual line break and form feeds into new lines", () => {
    expect(cleanText('1 Road\u000BTown\u000CCounty')).toBe('1 Road\nTown\nCounty');
  });

  it('cleans every string of a request body, keys included', () => {
    expect(cleanDeep({ a: ['x\u0000y', 1, null, { 'k\uFFFE': 'v\u0007' }] })).toEqual({
      a: ['xy', 1, null, { k: 'v' }],
    });
  });

  it('shows markdown links as typed on a card', () => {
    expect(cardSafe('see [here](https://x.example) and [a] (b)')).toBe(
      'see [here] (https://x.example) and [a] (b)',
    );
  });
});
