/**
 * Subject access requests (UK GDPR Art 15; a council has one month to answer): a manager finds every case
 * that mentions a person, by name, address or email, and exports each case's record, letters and files as
 * one archive, with other people's personal data marked for redaction before it is disclosed. Searching
 * and exporting are both recorded in the access log, without the search terms.
 */
import JSZip from 'jszip';
import { subjectQuerySchema, type Person, type SubjectMatch, type SubjectQuery } from '../api/contract';
import type { CaseFiles } from '../store/case-files';
import type { CaseEvent as StoredEvent, CaseLog, CaseRecord } from '../store/case-log';
import { may } from './access-policy';
import type { CaseService } from './case-service';
import type { Directory } from './directory';
import { ForbiddenError, InvalidInputError } from './errors';

/** A string in an event, with where it sits. */
interface Mention {
  event: StoredEvent;
  path: string[];
  value: string;
}

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@.+-]+/gu, ' ')
    .trim();
const compact = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function* strings(value: unknown, path: string[] = []): Generator<{ path: string[]; value: string }> {
  if (typeof value === 'string') yield { path, value };
  else if (Array.isArray(value))
    for (const [i, v] of value.entries()) yield* strings(v, [...path, String(i)]);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k]);
}

/** What a string in the record is, in words a manager uses. */
export function describe(event: StoredEvent, path: readonly string[]): string {
  const at = path.join('.');
  const party = /^parties\.(victim|applicant)\.(name|address|email|phone)$/.exec(at);
  if (party) return `the ${party[1]}'s ${party[2] === 'phone' ? 'phone number' : party[2]}`;
  if (at === 'account') return 'the account of the anti-social behaviour';
  if (event.type === 'note-added') return 'a note';
  if (event.type === 'return-received') return "an agency's return";
  if (event.type.startsWith('appeal') || event.type === 'threshold-review-requested') return 'an appeal';
  if (event.type === 'review-held') return 'the review record';
  return `the ${event.type.replace(/-/g, ' ')} record`;
}

export class SubjectAccess {
  constructor(
    private readonly deps: {
      cases: CaseLog;
      files: CaseFiles;
      service: CaseService;
      directory: Directory;
      now: () => Date;
    },
  ) {}

  /** Every case that mentions the person, with where. Managers only; recorded (without the terms). */
  async search(input: unknown, by: Person): Promise<{ matches: SubjectMatch[] }> {
    const query = this.parse(input, by);
    const found = await this.find(query);
    await this.deps.service.audit(by, {
      action: 'cases-searched',
      detail: `subject access by ${criteria(query)}: ${found.length} case(s)`,
    });
    return { matches: found.map((f) => f.match) };
  }

  /** The archive: each case's record, letters and files, a summary, and what to redact. */
  async export(input: unknown, by: Person): Promise<{ name: string; bytes: Buffer; cases: number }> {
    const query = this.parse(input, by);
    const found = await this.find(query);
    const day = this.deps.service.today();
    const root = `subject-access-${day}`;
    const zip = new JSZip();
    const summary = [];
    for (const { match, record, mentions } of found) {
      const folder = `${root}/${match.reference}`;
      const subjectPaths = new Set(mentions.map((m) => `${m.event.id}:${m.path.join('.')}`));
      zip.file(
        `${folder}/case-record.json`,
        JSON.stringify(
          {
            reference: match.reference,
            status: match.status,
            events: record.events.map((e) => ({
              id: e.id,
              type: e.type,
              at: e.at,
              by: this.deps.directory.nameOf(e.actor),
              mentionsSubject: mentions.some((m) => m.event.id === e.id),
              payload: e.payload,
            })),
          },
          null,
          2,
        ),
      );
      zip.file(
        `${folder}/for-redaction.json`,
        JSON.stringify(this.forRedaction(record, subjectPaths), null, 2),
      );
      const files = await this.deps.files.caseFiles(match.caseId);
      for (const f of files) {
        const stored = await this.deps.files.getFile(f.fileId);
        if (stored) zip.file(`${folder}/files/${safeName(f.name)}`, stored.bytes);
      }
      summary.push({ reference: match.reference, found: match.found, files: files.map((f) => f.name) });
      await this.deps.service.audit(by, {
        action: 'subject-access-export',
        caseId: match.caseId,
        reference: match.reference,
      });
    }
    zip.file(
      `${root}/summary.json`,
      JSON.stringify(
        { searchedBy: criteria(query), exportedOn: day, exportedBy: by.name, cases: summary },
        null,
        2,
      ),
    );
    zip.file(`${root}/README.txt`, readme(day, by.name, query, summary.length));
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    return { name: `${root}.zip`, bytes, cases: found.length };
  }

  private parse(input: unknown, by: Person): SubjectQuery {
    if (!may.exportSubjectAccess(by))
      throw new ForbiddenError('Only a manager answers subject access requests.');
    const parsed = subjectQuerySchema.safeParse(input);
    if (!parsed.success)
      throw new InvalidInputError(
        'Search by a name, an address or an email.',
        parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'name', message: i.message })),
      );
    return parsed.data;
  }

  /** Cases where every criterion given is found somewhere in the record. */
  private async find(query: SubjectQuery) {
    const out: { match: SubjectMatch; record: CaseRecord; mentions: Mention[] }[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.cases.listCases({ limit: 100, ...(cursor ? { cursor } : {}) });
      for (const p of page.items) {
        const record = await this.deps.cases.getCase(p.caseId);
        if (!record) continue;
        const hits = { name: [] as Mention[], address: [] as Mention[], email: [] as Mention[] };
        for (const event of record.events)
          for (const s of strings(event.payload)) {
            const m = { event, ...s };
            if (query.name && nameIn(query.name, s.value)) hits.name.push(m);
            if (query.address && addressIn(query.address, s.value)) hits.address.push(m);
            if (query.email && s.value.toLowerCase().includes(query.email.toLowerCase())) hits.email.push(m);
          }
        const given = (['name', 'address', 'email'] as const).filter((k) => query[k]);
        if (!given.every((k) => hits[k].length > 0)) continue;
        const mentions = given.flatMap((k) => hits[k]);
        out.push({
          record,
          mentions,
          match: {
            caseId: p.caseId,
            reference: p.reference,
            status: p.status,
            openedOn: p.openedOn,
            closedOn: p.closedOn,
            found: [...new Set(mentions.map((m) => describe(m.event, m.path)))],
            files: (await this.deps.files.caseFiles(p.caseId)).length,
          },
        });
      }
      cursor = page.next ?? undefined;
    } while (cursor);
    return out;
  }

  /**
   * Other people's personal data in the record, marked for redaction: the other party's contact details,
   * and every free text (it may name the alleged perpetrator, neighbours or witnesses) to read before it
   * goes out. The subject's own details are not listed.
   */
  private forRedaction(record: CaseRecord, subject: Set<string>) {
    const items: { where: string; event: string; path: string; value: string; why: string }[] = [];
    for (const event of record.events)
      for (const s of strings(event.payload)) {
        const key = `${event.id}:${s.path.join('.')}`;
        if (subject.has(key)) continue;
        const at = s.path.join('.');
        const party = /^parties\.(victim|applicant)\./.test(at);
        const freeText =
          /^(account|text|otherInformation|detail|materialChange)$|actionTaken$|\.reason$|^reasons\./.test(
            at.replace(/^incidents\.\d+\./, ''),
          );
        if (!party && !freeText) continue;
        items.push({
          where: describe(event, s.path),
          event: event.id,
          path: at,
          value: s.value,
          why: party
            ? "another person's contact details: redact before disclosure"
            : 'free text: read it and redact anything about other people',
        });
      }
    return items;
  }
}

function nameIn(name: string, text: string): boolean {
  const wanted = words(name).split(' ').filter(Boolean);
  const have = new Set(words(text).split(' '));
  return wanted.length > 0 && wanted.every((w) => have.has(w));
}

function addressIn(address: string, text: string): boolean {
  const a = compact(address);
  return a.length >= 3 && compact(text).includes(a);
}

function criteria(q: SubjectQuery): string {
  return (['name', 'address', 'email'] as const).filter((k) => q[k]).join(', ');
}

function safeName(name: string): string {
  return name.replace(/[^\w .()-]/g, '_');
}

function readme(day: string, by: string, q: SubjectQuery, cases: number): string {
  return [
    'Subject access request: the records the ASB Case Review holds about a person',
    '',
    `Exported on ${day} by ${by}, searching by ${criteria(q)}: ${cases} case(s).`,
    '',
    'Each case has a folder with:',
    '- case-record.json: every event of the case (events that mention the person are marked);',
    '- files/: the letters and other files kept with the case;',
    "- for-redaction.json: other people's personal data found in the record, and free text to read,",
    '  to redact before anything is disclosed (UK GDPR Art 15(4); DPA 2018 Sch 2 para 16).',
    '',
    'The reply is due within one month of the request. This export is recorded in the access log.',
    '',
  ].join('\n');
}
