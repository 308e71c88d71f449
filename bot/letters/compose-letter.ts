/**
 * Builds a letter from the case, the policy and the council's wording. Everything a letter says comes
 * from the case's events and the policy; the victim's contact details are used only for the address block.
 */
import {
  agencyName,
  currentDecision,
  currentReview,
  describeWindow,
  safeAssessThreshold,
  secondReportPrompt,
  windowEnd,
  type Appeal,
  type CaseEvent,
  type CaseState,
  type ClosureReason,
  type IsoDate,
  type Policy,
} from '../../shared';
import { londonWallTime } from '../../shared/panel';
import type { DocBlock, DocumentContent } from './document-model';
import { capitalise, clockWords, countWord, dayAndDate, londonTimeRange, longDate } from './format';
import { letterKindInfo, type LetterKind } from './letter-kinds';
import { renderBlocks, fill, type TemplateContext } from './render-template';
import type { TemplateSet } from './templates';

export interface Party {
  name: string;
  address?: string;
  email?: string;
  phone?: string;
}

export interface LetterOptions {
  /** Who the letter is addressed to; by default the victim (CT2: the third-party applicant). */
  to?: 'victim' | 'applicant';
  /** Names (alleged perpetrator, third parties) that must not appear: the letter is refused if one does. */
  redact?: string[];
  /** Outcome letter: the recommendation ids to share with the victim (none unless chosen). */
  recommendations?: string[];
  /** Outcome letter: the action ids to share with the victim (none unless chosen). */
  actions?: string[];
  /** Appeal letters: which appeal; by default the latest (decided, for the decision letter). */
  appealId?: string;
  /** Closure letter before the case is closed: when and why it will close. */
  closure?: { closesOn: IsoDate; reason: ClosureReason; detail?: string };
  /** Outcome letter: when the victim was consulted on the action plan (recorded with the outcome sent). */
  victimConsultedOn?: IsoDate;
  /** Outcome letter: why the victim was not consulted, when the policy asks for it (2025 guidance). */
  notConsultedReason?: string;
}

export interface LetterCase {
  reference: string;
  state: CaseState;
  /** The case's events (for details the state does not keep: the parties, appeal reasons, closure detail). */
  events: readonly CaseEvent[];
}

export interface LetterSetting {
  policy: Policy;
  templates: TemplateSet;
  today: IsoDate;
  spoc: { name: string; email?: string };
}

/** A letter the case does not allow now, with the reason written for the SPOC. */
export class LetterNotApplicableError extends Error {
  constructor(
    readonly kind: LetterKind,
    readonly reason: string,
  ) {
    super(`The ${letterKindInfo[kind].label} cannot be written now: ${reason}`);
    this.name = 'LetterNotApplicableError';
  }
}

/** A choice in the options that does not match the case (an unknown action id, ...). */
export class LetterOptionError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'LetterOptionError';
  }
}

export function partiesOf(events: readonly CaseEvent[]): { victim?: Party; applicant?: Party } {
  const opened = events.find((e) => e.type === 'application-received');
  return opened?.type === 'application-received' ? (opened.payload.parties ?? {}) : {};
}

function lastEvent<T extends CaseEvent['type']>(
  events: readonly CaseEvent[],
  type: T,
  match: (e: Extract<CaseEvent, { type: T }>) => boolean = () => true,
): Extract<CaseEvent, { type: T }> | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === type && match(e as Extract<CaseEvent, { type: T }>))
      return e as Extract<CaseEvent, { type: T }>;
  }
  return undefined;
}

/** "the Office of ...", "a neighbouring CSP": the policy's names read inside a sentence. */
const withArticle = (s: string) =>
  /^(the|a|an)\s/i.test(s) ? s.replace(/^(the|a|an)\b/i, (a) => a.toLowerCase()) : `the ${s}`;

function pickAppeal(kind: LetterKind, state: CaseState, appealId?: string): Appeal | undefined {
  if (appealId) return state.appeals.find((a) => a.appealId === appealId);
  const candidates = kind === 'appeal-decision' ? state.appeals.filter((a) => a.decidedOn) : state.appeals;
  return candidates[candidates.length - 1];
}

/** Why this letter cannot be written for the case now, or undefined when it can. */
export function whyNotLetter(
  kind: LetterKind,
  c: LetterCase,
  setting: Pick<LetterSetting, 'policy' | 'today'>,
  options: LetterOptions = {},
): string | undefined {
  const { state } = c;
  const decision = currentDecision(state);
  switch (kind) {
    case 'ct1':
      return undefined;
    case 'ct2':
      return state.application.applicant.relationship === 'third-party'
        ? undefined
        : 'the victim applied themselves; CT2 is for a third party who applied on their behalf.';
    case 'ct3':
    case 'ct3a':
      return decision && decision.outcome !== 'met'
        ? undefined
        : 'it follows a decision that the threshold is not met; record the threshold decision first.';
    case 'ct4':
      return decision?.outcome === 'met' ? undefined : 'it follows a decision that the threshold is met.';
    case 'invitation':
      // Invitations go out for a meeting still to come: not once the review has been held.
      return state.panel?.status === 'booked' && state.status === 'panel-booked'
        ? undefined
        : 'no panel meeting is booked and still to be held.';
    case 'outcome':
      return currentReview(state)
        ? undefined
        : 'it follows the case review meeting; record the review first.';
    case 'appeal-acknowledgement':
      if (options.appealId && !pickAppeal(kind, state, options.appealId))
        return `there is no appeal ${options.appealId} on this case.`;
      return state.appeals.length ? undefined : 'no appeal or request for a review has been received.';
    case 'appeal-decision':
      if (options.appealId) {
        const a = pickAppeal(kind, state, options.appealId);
        if (!a) return `there is no appeal ${options.appealId} on this case.`;
        return a.decidedOn ? undefined : 'that appeal has not been decided yet.';
      }
      return pickAppeal(kind, state) ? undefined : 'no appeal has been decided yet.';
    case 'closure':
      return state.closed || options.closure
        ? undefined
        : 'the case is not closed; give the date and reason it will close to tell the victim in advance.';
    case 'second-report': {
      const prompt = secondReportPrompt(state.application, setting.policy, setting.today);
      return prompt.applies ? undefined : prompt.reason;
    }
  }
}

const closureReasons: Record<ClosureReason, string> = {
  'actions-complete': 'all the actions agreed at the case review have been completed',
  'threshold-not-met': 'your application did not meet the threshold for a case review',
  ineligible: 'your application could not be considered under the case review procedure',
  withdrawn: 'you asked to withdraw your application',
  'appeal-dismissed': 'your appeal was not upheld',
  other: 'of the circumstances explained below',
};

function contactPhrase(setting: LetterSetting): { phrase: string; email?: string } {
  const { contact } = setting.templates;
  const email = contact.email ?? setting.spoc.email;
  const parts = [
    ...(contact.phone ? [`by phone on ${contact.phone}`] : []),
    ...(email ? [`by email at ${email}`] : []),
  ];
  return {
    phrase: parts.length ? parts.join(' or ') : `through ${setting.policy.council}`,
    ...(email ? { email } : {}),
  };
}

/** Who reviews a "not met" decision when the applicant asks (CT3a). */
function reviewerText(policy: Policy): string {
  switch (policy.thresholdReview.reviewer) {
    case 'neighbouring-authority-peer':
      return 'a peer at a neighbouring local authority who was not involved in the decision';
    case 'internal-manager':
      return withArticle(policy.appeals.hearer);
    case 'pcc': {
      if (policy.appeals.route === 'pcc') return withArticle(policy.appeals.hearer);
      const pcc = policy.agencies.find((a) => a.kind === 'pcc');
      return pcc ? `the office of the ${pcc.name}` : "the Police and Crime Commissioner's office";
    }
  }
}

function chairDescription(policy: Policy): string {
  switch (policy.panel.chair) {
    case 'independent-neighbouring-authority':
      return 'an independent chair, from a neighbouring authority where possible';
    case 'independent':
      return 'an independent chair';
    case 'council-manager':
      return `a senior manager of ${policy.council}`;
  }
}

function baseContext(c: LetterCase, setting: LetterSetting, recipientName: string): TemplateContext {
  const { policy } = setting;
  const { state } = c;
  const clocks = policy.clocks;
  const t = policy.threshold;
  const contact = contactPhrase(setting);
  const team = setting.templates.contact;
  const returnTo = [
    ...(team.address?.length ? [team.address.join(', ')] : []),
    ...(contact.email ? [`or by email to ${contact.email}`] : []),
  ].join(' ');
  return {
    vars: {
      council: policy.council,
      reference: c.reference,
      date: longDate(setting.today),
      recipientName,
      spocName: setting.spoc.name,
      contact: contact.phrase,
      returnTo: returnTo || `${setting.spoc.name}, ${policy.council}`,
      receivedOn: longDate(state.receivedOn),
      ackTime: clockWords(clocks.acknowledgement),
      decisionTime: clockWords(clocks.thresholdDecision),
      decisionDueOn: longDate(windowEnd(state.receivedOn, clocks.thresholdDecision)),
      reviewRequestTime: clockWords(clocks.thresholdReviewRequest),
      agencyReturnTime: clockWords(clocks.agencyReturn),
      victimContactTime: clockWords(clocks.victimContact),
      outcomeTime: clockWords(clocks.outcome),
      appealHearingTime: clockWords(clocks.appealHearing),
      appealDecisionTime: clockWords(clocks.appealDecision),
      appealWindowText: clocks.appealWindow
        ? ` within ${clockWords(clocks.appealWindow)} of this letter`
        : '',
      appealHearer: withArticle(policy.appeals.hearer),
      appealWithRep: policy.appeals.independentRepresentative
        ? ', where possible together with an independent representative from another Community Safety Partnership'
        : '',
      reviewer: reviewerText(policy),
      chairDescription: chairDescription(policy),
      monitoringGroup: withArticle(policy.monitoring.group),
      thresholdCount: countWord(t.count.qualifyingComplaints),
      lookBack: describeWindow(t.lookBack),
      reportWindow: describeWindow(t.reportWindow),
      secondReportWindow: describeWindow(policy.secondReportPrompt.within),
      hateRule: `If the behaviour was a hate incident or crime, ${countWord(t.hate.incidents)} report${t.hate.incidents === 1 ? '' : 's'} in the last ${describeWindow(t.hate.lookBack)} can be enough.`,
      communityRule: `If the same problem affects your community, the threshold is also met when ${countWord(t.community.reporters)} or more individuals or households have reported it in the last ${describeWindow(t.community.lookBack)}.`,
    },
    flags: {
      thirdParty: state.application.applicant.relationship === 'third-party',
      hasSupportServices: policy.supportServices.length > 0,
      hasAppealWindow: !!clocks.appealWindow,
      independentRepresentative: policy.appeals.independentRepresentative,
      hateRoute: t.hate.enabled,
      communityRoute: t.community.enabled,
    },
    lists: {
      supportServices: policy.supportServices.map((s) => `${s.name}: ${s.contact}`),
      voiceOptions: [
        'attend the start of the case review meeting, in person or online, and speak to the panel yourself; or',
        'write a victim impact statement, which the panel will read at the start of the meeting.',
      ],
    },
  };
}

/** Adds what one kind of letter needs to the context; throws LetterOptionError for a choice that does not fit. */
function kindContext(
  kind: LetterKind,
  c: LetterCase,
  setting: LetterSetting,
  options: LetterOptions,
  ctx: TemplateContext,
) {
  const { state, events } = c;
  const { policy } = setting;
  const v = ctx.vars;
  const f = ctx.flags;
  const l = ctx.lists;
  const decision = currentDecision(state);
  if (decision) {
    v.decidedOn = longDate(decision.decidedOn);
    v.reviewRequestBy = longDate(windowEnd(decision.decidedOn, policy.clocks.thresholdReviewRequest));
    let reasons = decision.reasons.filter((r) => r.trim());
    if (!reasons.length && kind === 'ct3') {
      // No reasons were written with the decision: the advisory assessment's reasons are the record.
      const assessed = safeAssessThreshold(state.application, policy);
      reasons = assessed.success ? assessed.assessment.reasons : [];
    }
    l.reasons = reasons;
    f.hasReasons = reasons.length > 0;
    f.ineligible = decision.outcome === 'ineligible';
  }

  if (kind === 'invitation' && state.panel) {
    const p = state.panel;
    v.panelDate = dayAndDate(londonWallTime(p.start).date);
    v.panelTime = `${londonTimeRange(p.start, p.end)} (UK time)`;
    v.panelPlace = p.location ?? (p.joinUrl ? 'Online, on Microsoft Teams' : 'To be confirmed');
    v.joinUrl = p.joinUrl ?? '';
    v.chairName = p.chair.name;
    v.chairOrganisation = p.chair.organisation;
    f.online = !!p.joinUrl;
    f.hasLocation = !!p.location;
    f.victimStatement = p.victimParticipation === 'impact-statement';
    l.meetingDetails = [`Date: ${v.panelDate}`, `Time: ${v.panelTime}`, `Place: ${v.panelPlace}`];
    const roles: Record<string, string> = {
      'minute-taker': ' (taking the minutes)',
      adviser: ' (adviser)',
      chair: ' (chair)',
      member: '',
    };
    l.members = p.members.map((m) => `${m.name}, ${agencyName(policy, m.agencyId)}${roles[m.role] ?? ''}`);
  }

  if (kind === 'outcome') {
    const review = currentReview(state)!;
    v.heldOn = longDate(review.heldOn);
    const recs = options.recommendations ?? [];
    const acts = options.actions ?? [];
    l.recommendations = recs.map((id, i) => {
      const r = review.recommendations.find((x) => x.id === id);
      if (!r)
        throw new LetterOptionError(
          `recommendations[${i}]`,
          `There is no recommendation ${id} in the last review.`,
        );
      return r.ownerAgency ? `${r.text} (${agencyName(policy, r.ownerAgency)})` : r.text;
    });
    l.actions = acts.map((id, i) => {
      const a = state.actions.find((x) => x.id === id);
      if (!a) throw new LetterOptionError(`actions[${i}]`, `There is no action ${id} on this case.`);
      return `${a.description} (${agencyName(policy, a.ownerAgency)}, by ${longDate(a.dueOn)})`;
    });
    f.hasRecommendations = l.recommendations.length > 0;
    f.hasActions = l.actions.length > 0;
  }

  if (kind === 'appeal-acknowledgement' || kind === 'appeal-decision') {
    const appeal = pickAppeal(kind, state, options.appealId)!;
    const review = appeal.kind === 'threshold-review';
    v.appealSubject = review
      ? 'your request for a review of the decision that the threshold for a case review was not met'
      : appeal.against === 'threshold-decision'
        ? 'your appeal against the decision that the threshold for a case review was not met'
        : 'your appeal against the outcome of your case review';
    v.appealReceivedOn = longDate(appeal.receivedOn);
    v.appealHearingBy = longDate(windowEnd(appeal.receivedOn, policy.clocks.appealHearing));
    v.appealHearerText = review
      ? reviewerText(policy)
      : `${withArticle(policy.appeals.hearer)}${v.appealWithRep}`;
    v.appealHearerTextCapital = capitalise(
      review ? reviewerText(policy) : withArticle(policy.appeals.hearer),
    );
    f.thresholdReview = appeal.against === 'threshold-decision';
    if (appeal.decidedOn) {
      v.appealDecidedOn = longDate(appeal.decidedOn);
      v.appealOutcomeVerb = appeal.outcome === 'upheld' ? 'uphold' : 'not uphold';
      f.upheld = appeal.outcome === 'upheld';
      const decided = lastEvent(events, 'appeal-decided', (e) => e.payload.appealId === appeal.appealId);
      l.appealReasons = decided?.payload.reasons.filter((r) => r.trim()) ?? [];
    }
  }

  if (kind === 'closure') {
    const closedEvent = lastEvent(events, 'case-closed');
    const closing = state.closed
      ? { closesOn: state.closed.closedOn, reason: state.closed.reason, detail: closedEvent?.payload.detail }
      : options.closure!;
    v.closesOn = longDate(closing.closesOn);
    v.closureReason = closureReasons[closing.reason];
    v.closureDetail = closing.detail?.trim() ?? '';
    f.closed = !!state.closed;
    f.hasClosureDetail = !!v.closureDetail;
    // Issue 15: what was done, among the actions the SPOC chose to share (others may hold personal data).
    l.actionsDone = (options.actions ?? []).map((id, i) => {
      const a = state.actions.find((x) => x.id === id);
      if (!a) throw new LetterOptionError(`actions[${i}]`, `There is no action ${id} on this case.`);
      const done =
        a.status === 'complete' ? 'done' : a.status === 'dropped' ? 'not carried out' : 'still under way';
      return `${a.description} (${agencyName(policy, a.ownerAgency)}): ${done}`;
    });
    f.hasActionsDone = l.actionsDone.length > 0;
  }
}

function addressLines(party: Party | undefined): string {
  if (!party) return '';
  const lines = [party.name, ...(party.address ?? '').split(/\r?\n|,\s*/).map((s) => s.trim())];
  return lines.filter(Boolean).join('\n');
}

/** The letter's content: the same for the preview and the .docx. Throws when it does not apply now. */
export function composeLetter(
  kind: LetterKind,
  c: LetterCase,
  setting: LetterSetting,
  options: LetterOptions = {},
): DocumentContent {
  const why = whyNotLetter(kind, c, setting, options);
  if (why) throw new LetterNotApplicableError(kind, why);
  const parties = partiesOf(c.events);
  const to = kind === 'ct2' ? 'applicant' : (options.to ?? letterKindInfo[kind].defaultTo);
  // An applicant who is the victim has no separate party record: the victim is the applicant.
  const recipient = to === 'applicant' ? (parties.applicant ?? parties.victim) : parties.victim;
  const template = setting.templates.kinds[kind];
  const ctx = baseContext(c, setting, recipient?.name ?? '');
  kindContext(kind, c, setting, options, ctx);
  const where = `the ${letterKindInfo[kind].label} template`;

  const team = setting.templates.contact;
  const letterhead = [
    setting.policy.council,
    ...(team.team ? [team.team] : []),
    ...(team.address ?? []).filter((line) => line !== setting.policy.council && line !== team.team),
    ...(team.phone ? [`Telephone: ${team.phone}`] : []),
    ...(team.email ? [`Email: ${team.email}`] : []),
  ];
  // The form is sent back by the applicant, who writes their own details on it.
  const address = kind === 'ct3a' ? '' : addressLines(recipient);
  const paragraphs: DocBlock[] = [
    { type: 'letterhead', text: letterhead.join('\n') },
    ...(address ? [{ type: 'address' as const, text: address }] : []),
    { type: 'meta', text: `Our reference: ${c.reference}\nDate: ${longDate(setting.today)}` },
    ...(kind === 'ct3a'
      ? []
      : [{ type: 'text' as const, text: recipient ? `Dear ${recipient.name},` : 'Dear Sir or Madam,' }]),
    { type: 'heading', level: 1, text: fill(template.heading, ctx, where) },
    ...renderBlocks(template.blocks, ctx, where),
    ...(kind === 'ct3a'
      ? []
      : [{ type: 'signature' as const, text: fill(setting.templates.signOff, ctx, where) }]),
  ];
  return {
    kind,
    title: fill(template.title, ctx, where),
    ...(kind === 'ct3a' ? { form: true } : {}),
    paragraphs,
  };
}
