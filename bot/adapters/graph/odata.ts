/**
 * Building OData queries for list items. Values are only ever spliced in through `odataString` (or as
 * checked numbers and booleans), and the whole query value is then URL-encoded: user input can neither
 * close the string literal nor add a query parameter.
 */

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An OData string literal: single quotes around, each quote inside doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export type ODataValue = string | number | boolean;

export function literal(value: ODataValue): string {
  if (typeof value === 'string') return odataString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (!Number.isFinite(value)) throw new RangeError('An OData number must be finite.');
  return String(value);
}

function field(name: string): string {
  if (!FIELD_NAME.test(name)) throw new Error(`"${name}" is not a column name.`);
  return `fields/${name}`;
}

export type Op = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export const where = (name: string, op: Op, value: ODataValue): string =>
  `${field(name)} ${op} ${literal(value)}`;
export const eq = (name: string, value: ODataValue): string => where(name, 'eq', value);
export const and = (...parts: string[]): string => parts.join(' and ');
/** Always parenthesised, so it can sit inside `and`. */
export const or = (...parts: string[]): string => `(${parts.join(' or ')})`;

export interface ItemsQuery {
  /** Columns to return; every column the caller reads must be named. */
  select: readonly string[];
  filter?: string;
  orderBy?: { field: string; desc?: boolean }[];
  top?: number;
}

/** The query string (with its `?`) for `GET .../items`. */
export function itemsQuery(q: ItemsQuery): string {
  const parts = [
    `$expand=${encodeURIComponent(`fields($select=${q.select.map((s) => (field(s), s)).join(',')})`)}`,
  ];
  if (q.filter) parts.push(`$filter=${encodeURIComponent(q.filter)}`);
  if (q.orderBy?.length)
    parts.push(
      `$orderby=${encodeURIComponent(q.orderBy.map((o) => `${field(o.field)}${o.desc ? ' desc' : ''}`).join(','))}`,
    );
  if (q.top !== undefined) parts.push(`$top=${Math.trunc(q.top)}`);
  return `?${parts.join('&')}`;
}
