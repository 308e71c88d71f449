/**
 * The slice of OData `$filter` / `$orderby` the double understands: comparisons (eq ne gt ge lt le) of a
 * property with a literal, `and`, `or`, `not`, parentheses. Strings are single-quoted with '' for a quote;
 * anything else is a syntax error (400), as Graph answers a filter it cannot parse.
 */

export type Literal = string | number | boolean | null;
export type Filter =
  | { kind: 'cmp'; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; property: string; value: Literal }
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'not'; inner: Filter };

export class ODataSyntaxError extends Error {}

type Token =
  { t: 'ident'; v: string } | { t: 'str'; v: string } | { t: 'num'; v: number } | { t: '(' } | { t: ')' };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ') {
      i++;
    } else if (c === '(' || c === ')') {
      out.push({ t: c });
      i++;
    } else if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new ODataSyntaxError('Unterminated string literal.');
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += src[i];
        i++;
      }
      out.push({ t: 'str', v });
    } else if (/[-\d]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i));
      if (!m) throw new ODataSyntaxError(`Unexpected '${c}'.`);
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_/.]*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'ident', v: m[0] });
      i += m[0].length;
    } else {
      throw new ODataSyntaxError(`Syntax error at position ${i} in '${src}'.`);
    }
  }
  return out;
}

const OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

export function parseFilter(src: string): Filter {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const take = () => {
    const t = tokens[pos++];
    if (!t) throw new ODataSyntaxError(`Unexpected end of '${src}'.`);
    return t;
  };
  const isWord = (t: Token | undefined, w: string) => t?.t === 'ident' && t.v.toLowerCase() === w;

  function or(): Filter {
    let left = and();
    while (isWord(peek(), 'or')) {
      pos++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  }
  function and(): Filter {
    let left = unary();
    while (isWord(peek(), 'and')) {
      pos++;
      left = { kind: 'and', left, right: unary() };
    }
    return left;
  }
  function unary(): Filter {
    const t = take();
    if (t.t === 'ident' && t.v.toLowerCase() === 'not') return { kind: 'not', inner: unary() };
    if (t.t === '(') {
      const inner = or();
      if (take().t !== ')') throw new ODataSyntaxError(`Expected ')' in '${src}'.`);
      return inner;
    }
    if (t.t !== 'ident') throw new ODataSyntaxError(`Expected a property in '${src}'.`);
    const op = take();
    if (op.t !== 'ident' || !OPS.has(op.v.toLowerCase()))
      throw new ODataSyntaxError(`Expected an operator in '${src}'.`);
    const lit = take();
    let value: Literal;
    if (lit.t === 'str' || lit.t === 'num') value = lit.v;
    else if (lit.t === 'ident' && ['true', 'false', 'null'].includes(lit.v))
      value = lit.v === 'null' ? null : lit.v === 'true';
    else throw new ODataSyntaxError(`Expected a literal in '${src}'.`);
    return { kind: 'cmp', op: op.v.toLowerCase() as 'eq', property: t.v, value };
  }

  const f = or();
  if (pos !== tokens.length) throw new ODataSyntaxError(`Unexpected text after position ${pos} in '${src}'.`);
  return f;
}

export function propertiesOf(f: Filter): string[] {
  if (f.kind === 'cmp') return [f.property];
  if (f.kind === 'not') return propertiesOf(f.inner);
  return [...propertiesOf(f.left), ...propertiesOf(f.right)];
}

/** SharePoint compares text case-insensitively. */
export function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  const x = String(a).toLowerCase();
  const y = String(b).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export function evaluate(f: Filter, get: (property: string) => unknown): boolean {
  switch (f.kind) {
    case 'and':
      return evaluate(f.left, get) && evaluate(f.right, get);
    case 'or':
      return evaluate(f.left, get) || evaluate(f.right, get);
    case 'not':
      return !evaluate(f.inner, get);
    case 'cmp': {
      const v = get(f.property);
      const missing = v === undefined || v === null || v === '';
      if (f.value === null) return f.op === 'eq' ? missing : f.op === 'ne' ? !missing : false;
      if (missing) return f.op === 'ne';
      const c = compare(v, f.value);
      return { eq: c === 0, ne: c !== 0, gt: c > 0, ge: c >= 0, lt: c < 0, le: c <= 0 }[f.op];
    }
  }
}

export interface OrderBy {
  property: string;
  desc: boolean;
}

export function parseOrderBy(src: string): OrderBy[] {
  return src.split(',').map((part) => {
    const [property, dir, ...rest] = part.trim().split(/\s+/);
    if (!property || rest.length > 0 || (dir && !/^(asc|desc)$/i.test(dir)))
      throw new ODataSyntaxError(`Invalid $orderby '${src}'.`);
    return { property, desc: dir?.toLowerCase() === 'desc' };
  });
}
