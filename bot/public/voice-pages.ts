/**
 * `/voice`: the victim's link. Opening a signed link ties the session to its one case (and rotates the
 * session); the page shows where the case is and takes the victim's answer on attending the panel, an impact
 * statement (text or a document) and a comment on the action plan, each recorded once per form.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { agencyName, londonDate, TransitionError, type CaseState } from '../../shared';
import type { CaseService, ServiceActor } from '../app/case-service';
import { stableUuid } from '../app/stable-uuid';
import type { CaseFiles } from '../store/case-files';
import type { CaseLog } from '../store/case-log';
import type { Doors } from './doors';
import type { FieldError } from './draft';
import { formatDate } from './i18n';
import type { PageKit, Values } from './page-kit';
import type { SessionStore } from './sessions';
import { ACCEPTED, readUpload } from '../server/upload';
import type { VoiceLinks } from './voice-links';

const ATTENDANCE = ['attend-in-person', 'attend-online', 'impact-statement', 'no-involvement'] as const;

export class VoicePages {
  constructor(
    private readonly kit: PageKit,
    private readonly deps: {
      service: Pick<CaseService, 'recordAsService' | 'reduce'>;
      cases: Pick<CaseLog, 'getCase'>;
      files: Pick<CaseFiles, 'putFile'>;
      links: VoiceLinks;
      sessions: SessionStore;
      doors: Pick<Doors, 'refused'>;
      now: () => Date;
      maxUploadBytes: number;
      /** Who the victim's answers are recorded as. */
      actor: ServiceActor;
    },
  ) {}

  async openLink(req: Request, res: Response): Promise<void> {
    const { deps } = this;
    const found = await deps.links.verify(String(req.params.token));
    const session = res.locals.publicSession!;
    const record = found ? await deps.cases.getCase(found.caseId) : null;
    if (!found || !record) return this.linkExpired(req, res);
    session.voice = { caseId: found.caseId, until: found.until };
    deps.sessions.rotate(session, res);
    res.redirect(303, '/voice');
  }

  async voice(req: Request, res: Response, errors?: FieldError[], posted?: Values): Promise<void> {
    const found = await this.voiceCase(res);
    if (!found) return this.linkExpired(req, res);
    const { kit } = this;
    const t = kit.t(res);
    const { state, reference } = found;
    const canAttend = state.status === 'threshold-met' || state.status === 'panel-booked';
    const canComment = state.status === 'review-held';
    const booked = state.panel?.status === 'booked' ? state.panel : undefined;
    const attendance = state.victimVoice?.attendance;
    const values = posted ?? {};
    kit.page(
      req,
      res,
      'voice',
      {
        title: t('voice.title', { reference }),
        errors,
        values,
        statusText: t(`voice.status.${state.status}`),
        meeting:
          booked && canAttend
            ? t('voice.meeting', { date: formatDate(londonDate(booked.start), t) })
            : undefined,
        canAttend,
        canComment,
        formId: randomUUID(),
        attendanceNow: attendance
          ? t('voice.attend.current', {
              choice: t(`voice.attend.${attendance.choice}`),
              date: formatDate(attendance.answeredOn, t),
            })
          : undefined,
        attendItems: ATTENDANCE.map((c) => ({
          value: c,
          text: t(`voice.attend.${c}`),
          checked: (values.choice ?? attendance?.choice) === c,
        })),
        statements: state.victimVoice?.statements.length ?? 0,
        comments: state.victimVoice?.comments.length ?? 0,
        maxMb: this.maxMb(),
        accept: ACCEPTED,
        actionRows: canComment
          ? state.actions.map((a, i) => ({
              key: { text: String(i + 1) },
              value: {
                text: t('voice.plan.action', {
                  description: a.description,
                  agency: agencyName(kit.policy, a.ownerAgency),
                  date: formatDate(a.dueOn, t),
                }),
              },
            }))
          : [],
      },
      errors ? 400 : 200,
    );
  }

  async attendance(req: Request, res: Response): Promise<void> {
    const body = req.body as Values;
    const choice = String(body.choice ?? '');
    const note = String(body.note ?? '')
      .trim()
      .slice(0, 2000);
    if (!(ATTENDANCE as readonly string[]).includes(choice))
      return this.voice(req, res, [{ field: 'choice', key: 'voice.attend.error' }], body);
    const id = formId(body);
    await this.record(
      req,
      res,
      {
        id,
        type: 'victim-attendance-answered',
        payload: { answerId: id, answeredOn: this.kit.today(), choice, ...(note ? { note } : {}) },
      },
      'voice.thanks.attendance',
    );
  }

  async comment(req: Request, res: Response): Promise<void> {
    const body = req.body as Values;
    const text = String(body.comment ?? '').trim();
    if (!text || text.length > 5000)
      return this.voice(req, res, [{ field: 'comment', key: 'voice.plan.error' }], body);
    const id = formId(body);
    await this.record(
      req,
      res,
      {
        id,
        type: 'action-plan-commented',
        payload: { commentId: id, receivedOn: this.kit.today(), text },
      },
      'voice.thanks.comment',
    );
  }

  /** The impact statement: multipart, so the doors' form checks run here once the fields are read. */
  async statement(req: Request, res: Response): Promise<void> {
    const found = await this.voiceCase(res);
    if (!found) return this.linkExpired(req, res);
    const { deps } = this;
    const upload = await readUpload(req, deps.maxUploadBytes);
    const body = upload.fields as Values;
    if (deps.doors.refused(body, req, res)) return;
    const text = String(body.text ?? '').trim();
    if (upload.problem)
      return this.voice(
        req,
        res,
        [{ field: 'document', key: `voice.statement.${upload.problem}`, params: { mb: this.maxMb() } }],
        {
          text,
        },
      );
    if (!text && !upload.file)
      return this.voice(req, res, [{ field: 'text', key: 'voice.statement.error' }], {});
    if (text.length > 20_000)
      return this.voice(req, res, [{ field: 'text', key: 'voice.statement.error' }], { text });
    const id = formId(body);
    let file: { fileId: string; name: string; contentType: string; size: number } | undefined;
    if (upload.file) {
      const ext = /\.[a-z]+$/i.exec(upload.file.name)?.[0]?.toLowerCase() ?? '';
      const stored = await deps.files.putFile(
        found.caseId,
        {
          fileId: stableUuid('impact-statement', found.caseId, id),
          kind: 'victim-statement',
          // Shown to officers and the panel: the reference, never the victim's file name.
          name: `${found.reference} impact statement${ext}`,
          contentType: upload.file.contentType,
          storedBy: deps.actor.id,
        },
        upload.file.bytes,
      );
      file = { fileId: stored.fileId, name: stored.name, contentType: stored.contentType, size: stored.size };
    }
    await this.record(
      req,
      res,
      {
        id,
        type: 'impact-statement-received',
        payload: {
          statementId: id,
          receivedOn: this.kit.today(),
          ...(text ? { text } : {}),
          ...(file ? { file } : {}),
        },
      },
      'voice.thanks.statement',
    );
  }

  private maxMb(): number {
    return Math.round(this.deps.maxUploadBytes / 1_048_576);
  }

  private linkExpired(req: Request, res: Response): void {
    const t = this.kit.t(res);
    this.kit.page(
      req,
      res,
      'message',
      { title: t('voice.expired.title'), body: [t('voice.expired.body', { days: this.deps.links.days })] },
      410,
    );
  }

  /** The session's case while its link is in date, as the victim may see it. */
  private async voiceCase(
    res: Response,
  ): Promise<{ caseId: string; reference: string; state: CaseState } | null> {
    const voice = res.locals.publicSession!.voice;
    if (!voice || voice.until < this.deps.now().getTime()) return null;
    const record = await this.deps.cases.getCase(voice.caseId);
    if (!record) return null;
    return {
      caseId: voice.caseId,
      reference: record.projection.reference,
      state: this.deps.service.reduce(record),
    };
  }

  /** Records the victim's answer on the case, or says the case takes no more answers of that kind now. */
  private async record(
    req: Request,
    res: Response,
    event: { id: string; type: string; payload: unknown },
    thanks: string,
  ): Promise<void> {
    const found = await this.voiceCase(res);
    if (!found) return this.linkExpired(req, res);
    const t = this.kit.t(res);
    const back = { href: '/voice', text: t('voice.thanks.back') };
    try {
      await this.deps.service.recordAsService(found.caseId, [event], this.deps.actor);
    } catch (err) {
      if (!(err instanceof TransitionError)) throw err;
      const closed = {
        title: t('voice.title', { reference: found.reference }),
        body: [t('voice.closedForAnswers')],
      };
      return this.kit.page(req, res, 'message', { ...closed, link: back }, 409);
    }
    this.kit.page(req, res, 'message', { title: t('voice.thanks.title'), body: [t(thanks)], link: back });
  }
}

/** The form's own id (one answer per form, however often it is sent), or a new one when it is not a UUID. */
function formId(body: Values): string {
  const id = typeof body.formId === 'string' ? body.formId : '';
  return /^[0-9a-f-]{36}$/.test(id) ? id : randomUUID();
}
