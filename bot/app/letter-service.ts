/**
 * Letters to the victim and applicant: listed, previewed, and issued (.docx stored with the case, a
 * `letter-issued` event recorded, and the step the letter completes recorded with it in the same append).
 */
import {
  applyEvent,
  currentReview,
  londonDate,
  TransitionError,
  type CaseEvent,
  type CaseState,
  type Policy,
} from '../../shared';
import type { IssuedLetter, LetterPreview, LetterSummary, Person } from '../api/contract';
import {
  composeLetter,
  LetterNotApplicableError,
  LetterOptionError,
  whyNotLetter,
  type LetterCase,
  type LetterOptions,
  type LetterSetting,
} from '../letters/compose-letter';
import { letterFileName, letterKindInfo, letterKinds, type LetterKind } from '../letters/letter-kinds';
import { redactionHits } from '../letters/redaction';
import { DOCX_TYPE, renderDocx } from '../letters/render-docx';
import { renderHtml } from '../letters/render-html';
import { stableUuid } from './stable-uuid';
import { loadTemplates, type MinutesLayout, type TemplateSet } from '../letters/templates';
import type { CaseFiles } from '../store/case-files';
import type { CaseLog } from '../store/case-log';
import { toCaseEvents } from './case-projector';
import type { CaseService } from './case-service';
import type { Directory } from './directory';
import { ForbiddenError, InvalidInputError, NotFoundError, NO_SUCH_CASE } from './errors';
import { isOfficer } from './access-policy';

export interface LetterServiceDeps {
  service: CaseService;
  cases: Pick<CaseLog, 'getCase'>;
  files: CaseFiles;
  policy: Policy;
  directory: Directory;
  now: () => Date;
  /** The council's wording; by default the bundled templates for the policy. */
  templates?: TemplateSet;
}

// The answers' shapes are the contract's (bot/api/letters.ts).
export type { IssuedLetter, LetterPreview, LetterSummary };

/** The appeal an appeal letter is about when none is named: the latest (decided, for the decision). */
function pickedAppeal(kind: LetterKind, state: CaseState): string | undefined {
  const candidates = kind === 'appeal-decision' ? state.appeals.filter((a) => a.decidedOn) : state.appeals;
  return candidates.at(-1)?.appealId;
}

interface Loaded extends LetterCase {
  setting: LetterSetting;
}

export class LetterService {
  private readonly templates: TemplateSet;

  constructor(private readonly deps: LetterServiceDeps) {
    this.templates = deps.templates ?? loadTemplates(deps.policy.id);
  }

  /** Issue 15: the minutes' layout from the council's templates (MeetingMinutes lays the minutes out by it). */
  minutesLayout(): MinutesLayout | undefined {
    return this.templates.minutes;
  }

  /** Every kind of letter, whether it can be written now, and the ones already issued. */
  async list(caseId: string, by: Person): Promise<{ reference: string; letters: LetterSummary[] }> {
    const c = await this.load(caseId, by);
    const issuedEvents = c.events.filter((e) => e.type === 'letter-issued');
    const review = currentReview(c.state);
    const letters = letterKinds.map((kind): LetterSummary => {
      const info = letterKindInfo[kind];
      const why = whyNotLetter(kind, c, c.setting);
      return {
        kind,
        code: info.code,
        label: info.label,
        applies: !why,
        ...(why ? { why } : {}),
        to: info.defaultTo,
        ...(info.meets ? { meets: info.meets } : {}),
        issued: issuedEvents
          .filter((e) => e.payload.kind === kind)
          .map((e) => ({
            letterId: e.payload.letterId,
            issuedOn: e.payload.issuedOn,
            ...(e.payload.fileId ? { fileId: e.payload.fileId } : {}),
          })),
        // Issue 15: the closure letter lists what was done, the actions the SPOC chooses to share.
        ...(kind === 'closure' && c.state.actions.length > 0
          ? {
              choices: {
                recommendations: [],
                actions: c.state.actions.map((a) => ({
                  id: a.id,
                  description: a.description,
                  ownerAgency: a.ownerAgency,
                  dueOn: a.dueOn,
                })),
              },
            }
          : {}),
        ...(kind === 'outcome' && review
          ? {
              choices: {
                recommendations: review.recommendations.map((r) => ({ id: r.id, text: r.text })),
                actions: c.state.actions.map((a) => ({
                  id: a.id,
                  description: a.description,
                  ownerAgency: a.ownerAgency,
                  dueOn: a.dueOn,
                })),
              },
            }
          : {}),
      };
    });
    return { reference: c.reference, letters };
  }

  /** The letter as it would be issued today: structured content and HTML for the tab. */
  async preview(
    caseId: string,
    kind: LetterKind,
    by: Person,
    options: LetterOptions = {},
  ): Promise<LetterPreview> {
    const c = await this.load(caseId, by);
    const doc = this.compose(kind, c, options);
    // A preview shows the victim's name and address: recorded like a download.
    await this.deps.service.audit(by, {
      action: 'letter-previewed',
      caseId,
      reference: c.reference,
      detail: kind,
    });
    return {
      kind,
      title: doc.title,
      paragraphs: doc.paragraphs,
      html: renderHtml(doc),
      problems: this.redactionProblems(doc, options),
    };
  }

  /**
   * Generates, stores and records the letter. Ids come from caseId + kind + requestId, so a retry stores one
   * file and records each event once; a letter naming someone on the redact list is refused.
   */
  async issue(
    caseId: string,
    kind: LetterKind,
    by: Person,
    options: LetterOptions & { requestId: string },
  ): Promise<IssuedLetter> {
    const c = await this.load(caseId, by);
    const doc = this.compose(kind, c, options);
    const problems = this.redactionProblems(doc, options);
    if (problems.length)
      throw new InvalidInputError(
        'The letter names someone on the redact list; it was not issued.',
        problems,
      );

    const key = ['letter', caseId, kind, options.requestId];
    const letterId = stableUuid(...key, 'letter-id');
    const fileId = stableUuid(...key, 'file');
    const name = letterFileName(c.reference, kind);
    const issuedOn = c.setting.today;
    if (c.state.letters.some((l) => l.letterId === letterId))
      return {
        letterId,
        kind,
        fileId,
        name,
        issuedOn: c.state.letters.find((l) => l.letterId === letterId)!.issuedOn,
        recorded: [],
      };

    // An appeal letter names its appeal, so the letter that tells the applicant meets that appeal's clock.
    const appealId =
      kind === 'appeal-decision' || kind === 'appeal-acknowledgement'
        ? (options.appealId ?? pickedAppeal(kind, c.state))
        : undefined;
    const inputs = [
      {
        id: stableUuid(...key, 'letter-issued'),
        type: 'letter-issued',
        payload: { letterId, kind, issuedOn, fileId, ...(appealId ? { appealId } : {}) },
      },
      ...this.discharged(kind, c.state, issuedOn, letterId, options).map((e) => ({
        ...e,
        id: stableUuid(...key, e.type),
      })),
    ];
    // Check the rules before storing anything, so a refused step leaves no orphan letter behind.
    this.check(c.state, inputs, by);
    const bytes = await renderDocx(doc);
    await this.deps.files.putFile(
      caseId,
      { fileId, kind: 'letter', name, contentType: DOCX_TYPE, storedBy: by.id },
      bytes,
    );
    await this.deps.service.recordEvents(caseId, inputs, by);
    return { letterId, kind, fileId, name, issuedOn, recorded: inputs.map((i) => i.type) };
  }

  /**
   * Issue 16: a letter's draft for the SPOC to check and issue (the outcome letter after the panel's
   * meeting): stored with the case as a letter file, recorded as nothing, one file per `key`.
   */
  async draft(
    caseId: string,
    kind: LetterKind,
    by: Person,
    key: string,
  ): Promise<{ fileId: string; name: string }> {
    const c = await this.load(caseId, by);
    const doc = this.compose(kind, c, {});
    const fileId = stableUuid('letter-draft', caseId, kind, key);
    const name = letterFileName(c.reference, kind).replace(/\.docx$/, ' (draft).docx');
    await this.deps.files.putFile(
      caseId,
      { fileId, kind: 'letter', name, contentType: DOCX_TYPE, storedBy: by.id },
      await renderDocx(doc),
    );
    return { fileId, name };
  }

  /** The step a letter completes, when the case has not recorded it yet (its clock is then met). */
  private discharged(
    kind: LetterKind,
    state: CaseState,
    today: string,
    letterId: string,
    options: LetterOptions,
  ): { type: string; payload: Record<string, unknown> }[] {
    // East Herts s.11: CT1 acknowledges the victim, CT2 the third party who applied; each is its own step.
    const to = kind === 'ct1' ? 'victim' : kind === 'ct2' ? 'third-party' : undefined;
    const done = to === 'victim' ? state.acknowledged.victim : state.acknowledged.thirdParty;
    if (to && !done) return [{ type: 'acknowledged', payload: { sentOn: today, to, letterIds: [letterId] } }];
    const review = currentReview(state);
    if (kind === 'outcome' && review && !review.outcomeSentOn && state.status === 'review-held')
      return [
        {
          type: 'outcome-sent',
          payload: {
            sentOn: today,
            method: 'letter',
            letterIds: [letterId],
            // 2025 guidance: the victim is consulted on the action plan before it is final, or we say why not.
            ...(options.victimConsultedOn ? { victimConsultedOn: options.victimConsultedOn } : {}),
            ...(options.notConsultedReason?.trim()
              ? { notConsultedReason: options.notConsultedReason.trim() }
              : {}),
          },
        },
      ];
    // CT3/CT4 and the appeal decision letter tell the applicant: the letter itself meets that clock.
    return [];
  }

  private check(
    state: CaseState,
    inputs: { id: string; type: string; payload: unknown }[],
    by: Person,
  ): void {
    const at = this.deps.now().toISOString();
    let next = state;
    for (const i of inputs)
      next = applyEvent(next, { ...i, actor: by.id, at } as CaseEvent, this.deps.policy);
  }

  private compose(kind: LetterKind, c: Loaded, options: LetterOptions) {
    try {
      return composeLetter(kind, c, c.setting, options);
    } catch (err) {
      if (err instanceof LetterNotApplicableError) throw new TransitionError('letter-issued', err.message);
      if (err instanceof LetterOptionError)
        throw new InvalidInputError(err.message, [{ path: err.path, message: err.message }]);
      throw err;
    }
  }

  private redactionProblems(doc: ReturnType<typeof composeLetter>, options: LetterOptions) {
    // The message names the entry, not the name: error bodies may end up in logs.
    return redactionHits(doc, options.redact ?? []).map((hit) => ({
      path: `redact[${hit.entry}]`,
      message: `this name appears in the letter (paragraph ${hit.paragraph}); change the text it comes from, or leave that item out of the letter.`,
    }));
  }

  private async load(caseId: string, by: Person): Promise<Loaded> {
    if (!isOfficer(by)) throw new ForbiddenError('Only a SPOC or manager writes letters.');
    const record = await this.deps.cases.getCase(caseId);
    if (!record) throw new NotFoundError(NO_SUCH_CASE);
    const state = this.deps.service.reduce(record);
    const spoc = this.deps.directory.get(state.spoc);
    return {
      reference: record.projection.reference,
      state,
      events: toCaseEvents(record.events),
      setting: {
        policy: this.deps.policy,
        templates: this.templates,
        today: londonDate(this.deps.now()),
        spoc: { name: spoc?.name ?? state.spoc, ...(spoc?.email ? { email: spoc.email } : {}) },
      },
    };
  }
}
