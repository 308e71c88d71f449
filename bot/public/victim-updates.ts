/**
 * Victim updates (issue 17): a CaseReactor, so each message goes out after the SPOC's answer, through the
 * outbox, retried with backoff when Notify is unreachable or busy. For an application that carries contact
 * preferences (the online form), each step the victim should hear of sends the configured template to the
 * victim and, for a third party's application, to the person who applied:
 * acknowledgement, threshold decision, meeting invitation, draft action plan, outcome, appeal, closure.
 *
 * Each message is recorded on the case (`victim-notified`, its id derived from the step, so a retry sends
 * nothing twice); Notify's delivery receipt later records its status. The acknowledgement meets the
 * acknowledgement duty, and the decision message tells the applicant the decision, as a letter would.
 */
import {
  currentDecision,
  londonDate,
  windowEnd,
  type CaseEvent,
  type CaseState,
  type EventType,
  type MessageChannel,
  type Policy,
  type VictimMessageKind,
} from '../../shared';
import type { VictimMessenger, OutgoingMessage } from '../adapters/notify/victim-messenger';
import type { CaseService, ServiceActor } from '../app/case-service';
import type { CaseReactor, RecordedChange } from '../app/reactors';
import type { Directory } from '../app/directory';
import { stableUuid } from '../app/stable-uuid';
import { formatDate, type Messages, type Translate } from './i18n';
import type { VoiceLinks } from './voice-links';

/** Notify as an actor: it records the messages and what they met, nothing else. */
export const NOTIFY_ACTOR: ServiceActor = {
  id: 'gov-uk-notify',
  name: 'GOV.UK Notify',
  records: ['victim-notified', 'victim-message-status', 'acknowledged', 'applicant-told'],
};

const TRIGGERS: Partial<Record<EventType, VictimMessageKind>> = {
  'application-received': 'acknowledgement',
  'threshold-decided': 'threshold-decision',
  'panel-booked': 'meeting-invitation',
  'review-held': 'action-plan',
  'outcome-sent': 'outcome',
  'threshold-review-requested': 'appeal',
  'appeal-lodged': 'appeal',
  'appeal-decided': 'appeal',
  'case-closed': 'closure',
};

/** The kinds that carry the victim's link: where the victim has something to say. */
const WITH_LINK = new Set<VictimMessageKind>(['threshold-decision', 'meeting-invitation', 'action-plan']);

interface Party {
  name?: string;
  address?: string;
  email?: string;
  phone?: string;
}

interface Recipient {
  recipient: 'victim' | 'applicant';
  channel: MessageChannel;
  to: OutgoingMessage['to'];
  name: string;
}

export interface VictimUpdatesDeps {
  service: CaseService;
  policy: Policy;
  directory: Directory;
  messenger: VictimMessenger;
  messages: Messages;
  links: VoiceLinks;
  now: () => Date;
}

export function victimUpdatesReactor(deps: VictimUpdatesDeps): CaseReactor {
  return {
    name: 'victim-updates',
    // Only cases whose application asked for updates (the online form) need this reactor.
    wants: (events, state) =>
      events.some((e) => e.type in TRIGGERS) &&
      (state
        ? !!state.contact
        : events.some((e) => e.type === 'application-received' && !!e.payload.contact)),
    async react(change: RecordedChange): Promise<void> {
      // The case as it is now (one read): a retried delivery sees what an earlier attempt recorded.
      const loaded = await deps.service.load(change.caseId);
      if (!loaded?.state.contact) return; // not an application that asked for updates
      const parties = (
        loaded.record.events[0]?.payload as { parties?: { victim?: Party; applicant?: Party } } | undefined
      )?.parties;
      if (!parties) return;
      let state = loaded.state;
      for (const event of change.events) {
        const kind = TRIGGERS[event.type];
        if (kind) state = await sendFor(deps, change, state, event, kind, parties);
      }
    },
  };
}

const isMobile = (s: string) => /^(?:\+44|0044|0)7\d{9}$/.test(s.replace(/[\s()-]/g, ''));

/** Who hears of this step, and how: the victim as they asked, and a third party who applied. */
export function recipients(state: CaseState, parties: { victim?: Party; applicant?: Party }): Recipient[] {
  const out: Recipient[] = [];
  const v = parties.victim;
  const method = state.contact?.method;
  if (v?.name) {
    if (method === 'email' && v.email)
      out.push({ recipient: 'victim', channel: 'email', to: { email: v.email }, name: v.name });
    if (method === 'sms' && v.phone)
      out.push({ recipient: 'victim', channel: 'sms', to: { phone: v.phone }, name: v.name });
    if (method === 'letter' && v.address)
      out.push({
        recipient: 'victim',
        channel: 'letter',
        to: { address: [v.name, ...v.address.split(', ')] },
        name: v.name,
      });
  }
  const a = parties.applicant;
  if (state.application.applicant.relationship === 'third-party' && a?.name) {
    if (a.email) out.push({ recipient: 'applicant', channel: 'email', to: { email: a.email }, name: a.name });
    else if (a.phone && isMobile(a.phone))
      out.push({ recipient: 'applicant', channel: 'sms', to: { phone: a.phone }, name: a.name });
  }
  return out;
}

async function sendFor(
  deps: VictimUpdatesDeps,
  change: RecordedChange,
  state: CaseState,
  event: CaseEvent,
  kind: VictimMessageKind,
  parties: { victim?: Party; applicant?: Party },
): Promise<CaseState> {
  const lang = state.contact?.language === 'cy' && deps.messages.has('cy') ? 'cy' : 'en';
  const t = deps.messages.translator(lang);
  const today = londonDate(deps.now());
  const sent: Recipient[] = [];
  const link =
    WITH_LINK.has(kind) && !(kind === 'threshold-decision' && currentDecision(state)?.outcome !== 'met')
      ? await deps.links.link(change.caseId)
      : '';
  for (const r of recipients(state, parties)) {
    const messageId = stableUuid('victim-message', change.caseId, event.id, r.recipient);
    const known = state.messages?.find((m) => m.messageId === messageId);
    if (known) {
      if (known.status !== 'not-sent') sent.push(r);
      continue;
    }
    const text = wording(deps, state, event, kind, t, { reference: change.reference, link });
    const result = await deps.messenger.send({
      messageId,
      caseId: change.caseId,
      kind,
      channel: r.channel,
      lang,
      to: r.to,
      personalisation: {
        name: r.name,
        reference: change.reference,
        council: deps.policy.council,
        spoc_name: deps.directory.nameOf(state.spoc),
        subject: text.subject,
        body: text.body,
        link,
      },
      preview: {
        subject: text.subject,
        body: `${text.body}\n\n${t('message.signOff', { council: deps.policy.council })}`,
      },
    });
    const recorded = await deps.service.recordAsService(
      change.caseId,
      [
        {
          id: stableUuid('victim-notified', messageId),
          type: 'victim-notified',
          payload: {
            messageId,
            kind,
            recipient: r.recipient,
            channel: r.channel,
            via: deps.messenger.via,
            status: result.status,
            ...(result.status === 'sending' && result.notificationId
              ? { notificationId: result.notificationId }
              : {}),
            ...(result.status === 'not-sent' ? { reason: result.reason.slice(0, 500) } : {}),
            sentOn: today,
            about: event.id,
          },
        },
      ],
      NOTIFY_ACTOR,
    );
    state = recorded.state;
    if (result.status === 'sending') sent.push(r);
  }
  if (sent.length === 0) return state;
  // What the message met: the acknowledgement duty; telling the applicant the decision.
  if (kind === 'acknowledgement') {
    const victim = sent.some((r) => r.recipient === 'victim') || state.contact?.method === 'via-applicant';
    const applicant = sent.some((r) => r.recipient === 'applicant');
    const to = victim && applicant ? 'both' : victim ? 'victim' : 'third-party';
    const done = state.acknowledged;
    const already =
      to === 'victim' ? done.victim : to === 'third-party' ? done.thirdParty : done.victim && done.thirdParty;
    if (!already)
      state = (
        await deps.service.recordAsService(
          change.caseId,
          [
            {
              id: stableUuid('acknowledged-by-notify', change.caseId, event.id),
              type: 'acknowledged',
              payload: { sentOn: today, to },
            },
          ],
          NOTIFY_ACTOR,
        )
      ).state;
  }
  if (kind === 'threshold-decision') {
    const decision = currentDecision(state);
    if (decision && !decision.notifiedOn) {
      const channel = sent[0]!.channel;
      state = (
        await deps.service.recordAsService(
          change.caseId,
          [
            {
              id: stableUuid('told-by-notify', change.caseId, event.id),
              type: 'applicant-told',
              payload: {
                about: 'threshold-decision',
                toldOn: today,
                method: channel === 'email' ? 'email' : channel === 'letter' ? 'letter' : 'other',
              },
            },
          ],
          NOTIFY_ACTOR,
        )
      ).state;
    }
  }
  return state;
}

/** The catalogue's words for a message: the `body` personalisation, and local mode's outbox text. */
function wording(
  deps: VictimUpdatesDeps,
  state: CaseState,
  event: CaseEvent,
  kind: VictimMessageKind,
  t: Translate,
  ctx: { reference: string; link: string },
): { subject: string; body: string } {
  const subject = t(`message.${kind}.subject`, { reference: ctx.reference });
  const date = (d: string) => formatDate(d, t);
  const p = event.payload as Record<string, unknown>;
  switch (kind) {
    case 'acknowledgement': {
      const decisionBy = windowEnd(state.receivedOn, deps.policy.clocks.thresholdDecision);
      return {
        subject,
        body: t('message.acknowledgement.body', {
          receivedOn: date(state.receivedOn),
          spoc: deps.directory.nameOf(state.spoc),
          decisionBy: date(decisionBy),
        }),
      };
    }
    case 'threshold-decision': {
      const d = currentDecision(state);
      const outcome = d?.outcome ?? 'not-met';
      const reviewBy = d
        ? windowEnd(d.decidedOn, deps.policy.clocks.thresholdReviewRequest)
        : state.receivedOn;
      return {
        subject,
        body: t(`message.threshold-decision.${outcome}`, {
          link: ctx.link,
          reasons: (d?.reasons ?? []).join(' '),
          reviewBy: date(reviewBy),
        }),
      };
    }
    case 'meeting-invitation': {
      const start = String(p.start ?? '');
      const time = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/London',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(start));
      return {
        subject,
        body: t('message.meeting-invitation.body', {
          date: date(londonDate(start)),
          time,
          where: p.location ? `, ${String(p.location)}` : '',
          link: ctx.link,
        }),
      };
    }
    case 'action-plan':
      return {
        subject,
        body: t('message.action-plan.body', { heldOn: date(String(p.heldOn)), link: ctx.link }),
      };
    case 'outcome':
      return { subject, body: t('message.outcome.body', { sentOn: date(String(p.sentOn)) }) };
    case 'appeal':
      return event.type === 'appeal-decided'
        ? {
            subject,
            body: t('message.appeal.decided', {
              outcome: t(`message.appeal.${String(p.outcome) === 'upheld' ? 'upheld' : 'dismissed'}`),
              decidedOn: date(String(p.decidedOn)),
              reasons: ((p.reasons as string[] | undefined) ?? []).join(' '),
            }),
          }
        : { subject, body: t('message.appeal.received', { receivedOn: date(String(p.receivedOn)) }) };
    case 'closure': {
      const detail = typeof p.detail === 'string' && p.detail ? ` ${p.detail}` : '';
      return {
        subject,
        body: t('message.closure.body', {
          closedOn: date(String(p.closedOn)),
          reason: `${t(`message.closure.reason.${String(p.reason)}`)}${detail}`,
        }),
      };
    }
  }
}
