import fc from 'fast-check';
import { and, eq, itemsQuery, odataString, or, where } from '../../bot/adapters/graph/odata';
import { parseFilter } from '../support/graph-double/odata-filter';

describe('odataString', () => {
  it('doubles single quotes and wraps the value', () => {
    expect(odataString("O'Brien")).toBe("'O''Brien'");
    expect(odataString("'")).toBe("''''");
    expect(odataString('')).toBe("''");
  });

  it('keeps hostile input inside the literal', () => {
    const hostile = [
      "x' or fields/CaseId ne 'y",
      "') or (1 eq 1",
      "'; DROP TABLE cases; --",
      "a''b'''",
      '%27 or 1 eq 1',
      "&$top=5000&$filter=fields/Spoc ne '",
      '#fragment',
      'line\nbreak',
      '\u0000\u202e\ud83d\ude00',
    ];
    for (const value of hostile) {
      const filter = parseFilter(eq('Spoc', value));
      expect(filter).toEqual({ kind: 'cmp', op: 'eq', property: 'fields/Spoc', value });
    }
  });

  it('round-trips any string through a query string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), (a, b) => {
        const filter = and(eq('CaseId', a), or(where('DueOn', 'gt', b), eq('RequestId', b)));
        const query = itemsQuery({ select: ['CaseId'], filter, top: 5 });
        const sent = new URLSearchParams(query.slice(1));
        expect([...sent.keys()]).toEqual(['$expand', '$filter', '$top']);
        expect(sent.get('$filter')).toBe(filter);
        const cmp = (property: string, op: string, value: string) => ({ kind: 'cmp', op, property, value });
        expect(parseFilter(sent.get('$filter') as string)).toEqual({
          kind: 'and',
          left: cmp('fields/CaseId', 'eq', a),
          right: { kind: 'or', left: cmp('fields/DueOn', 'gt', b), right: cmp('fields/RequestId', 'eq', b) },
        });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a column name that is not one', () => {
    expect(() => eq("Spoc eq 'x' or fields/Spoc", 'y')).toThrow(/not a column name/);
    expect(() => where('Seq', 'gt', Number.NaN)).toThrow(RangeError);
  });
});
