/**
 * Where each validation problem belongs on screen. The server and the shared schemas name a problem by the
 * path of the field it is about (`application.incidents[2].reports[0].reportedOn`); form fields are keyed by
 * the same path, so a problem shows beside its field, and every problem also appears in the summary near the
 * button that was pressed. Pure: no DOM, no React.
 */

export interface Problem {
  path: string;
  message: string;
}

/**
 * One spelling for every path: `a.b[2].c`. Accepts the forms servers and libraries use: dots with numbers
 * (`a.b.2.c`), JSON pointers (`/a/b/2/c`), brackets with quotes (`a["b"][2]`) and a leading `$`.
 */
export function normalisePath(path: string): string {
  const trimmed = path.trim().replace(/^\$\.?/, '');
  const parts: (string | number)[] = [];
  const tokens = trimmed.startsWith('/') ? trimmed.slice(1).split('/') : splitDotted(trimmed);
  for (const raw of tokens) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (token === '') continue;
    if (/^\d+$/.test(token)) parts.push(Number(token));
    else parts.push(token);
  }
  return joinPath(parts);
}

function splitDotted(path: string): string[] {
  // a.b[2]["c"].d -> a, b, 2, c, d
  const out: string[] = [];
  const re = /\[\s*(?:"([^"]*)"|'([^']*)'|(\d+))\s*\]|([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) out.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}

/** `['a', 'b', 2, 'c']` -> `a.b[2].c`, the way shared's `formatPath` writes it. */
export function joinPath(parts: readonly (string | number)[]): string {
  return parts.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key),
    '',
  );
}

/** The path itself, then each parent: `a.b[2].c`, `a.b[2]`, `a.b`, `a`. */
export function ancestors(path: string): string[] {
  const out: string[] = [];
  let p = normalisePath(path);
  while (p) {
    out.push(p);
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
  }
  return out;
}

/** Whether `path` is `parent` or lies under it. */
export function isUnder(path: string, parent: string): boolean {
  const p = normalisePath(path);
  const q = normalisePath(parent);
  if (q === '') return true;
  return p === q || p.startsWith(`${q}.`) || p.startsWith(`${q}[`);
}

/**
 * The problems of one form, indexed by field. `prefix` is what the form's paths are relative to: the
 * server reports an event's problems as `payload.decidedOn` or `decidedOn`; the form knows `decidedOn`.
 */
export class ProblemIndex {
  readonly all: readonly Problem[];
  private readonly byPath = new Map<string, string[]>();

  constructor(problems: readonly Problem[] = [], options: { stripPrefixes?: readonly string[] } = {}) {
    const strip = (options.stripPrefixes ?? []).map(normalisePath);
    const seen = new Set<string>();
    const all: Problem[] = [];
    for (const problem of problems) {
      let path = normalisePath(problem.path);
      for (const prefix of strip)
        if (prefix && isUnder(path, prefix)) {
          path = path === prefix ? '' : path.slice(prefix.length).replace(/^\./, '');
          break;
        }
      const key = `${path}\u0000${problem.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      all.push({ path, message: problem.message });
      const list = this.byPath.get(path);
      if (list) list.push(problem.message);
      else this.byPath.set(path, [problem.message]);
    }
    this.all = all;
  }

  get size(): number {
    return this.all.length;
  }

  /** The message to show beside the field at exactly `path` (several are joined), or undefined. */
  at(path: string): string | undefined {
    const list = this.byPath.get(normalisePath(path));
    return list && list.length > 0 ? list.join(' ') : undefined;
  }

  /** Every message at `path` or under it, for a group (an incident, a list of members). */
  under(path: string): string[] {
    return this.all.filter((p) => isUnder(p.path, path)).map((p) => p.message);
  }

  /** Whether any problem is at `path` or under it. */
  has(path: string): boolean {
    return this.all.some((p) => isUnder(p.path, path));
  }

  /**
   * The field a problem belongs to among the `fields` a form shows: the path itself, or its nearest
   * ancestor that is a field (a problem with `incidents[1].reports[0]` goes to the report's row). Undefined
   * when none is on screen: the summary near the button shows it.
   */
  static placeOf(path: string, fields: ReadonlySet<string>): string | undefined {
    return ancestors(path).find((p) => fields.has(p));
  }
}

/** A stable DOM id for the field at `path`, for the summary's "go to the field" links. */
export function fieldId(path: string): string {
  return `field-${normalisePath(path).replace(/[^A-Za-z0-9_-]/g, '_') || 'form'}`;
}

/**
 * The problems still to show after an edit (issue 15): each one shown stays only while the form, checked
 * again (`now`), still has a problem at its path, with the message as it is now; a field fixed loses its
 * error at once, and nothing new is shown before the next submit. `kept` are problems the browser cannot
 * check again (the server's), shown until their own field changes (`edited`) or the next submit.
 */
export function stillWrong(
  shown: readonly Problem[],
  now: readonly Problem[],
  kept: readonly Problem[] = [],
  edited: readonly string[] = [],
): Problem[] {
  const at = new Map(now.map((p) => [normalisePath(p.path), p]));
  const local = shown.flatMap((p) => {
    const q = at.get(normalisePath(p.path));
    return q ? [q] : [];
  });
  const server = kept.filter(
    (p) =>
      !edited.some((k) => isUnder(p.path, k) || isUnder(k, p.path)) &&
      !local.some((q) => normalisePath(q.path) === normalisePath(p.path)),
  );
  return [...local, ...server];
}
