import { Badge, Button, Checkbox, makeStyles, tokens } from '@fluentui/react-components';
import {
  acknowledgementsOutstanding,
  currentDecision,
  currentReview,
  openAppeals,
  openRights,
  panelQuorum,
  quorumBodyIds,
  routeEnabled,
  type EventType,
  type PanelMember,
  type Policy,
} from '../../../../shared';
import { Fieldset } from '../../components/fieldset';
import { splitReasons } from '../../lib/case-helpers';
import { formatDate, formatInstant, londonInstant, londonParts } from '../../lib/format';
import {
  actionStatusLabels,
  appealGroundLabels,
  closureReasonLabels,
  outcomeLabels,
  routeLabels,
  victimChoiceLabels,
} from '../../lib/labels';
import type { Problem } from '../../lib/problems';
import { uuid } from '../../lib/uuid';
import { spec, type AnySpec, type CaseContext, type EventSpec, type FieldsProps } from './event-dialog';
import { applicantTold, caseReopened, rightWaived } from './events/rights-events';
import {
  Choice,
  DateInput,
  LongText,
  Radios,
  RemoveButton,
  TextInput,
  Tick,
  TimeInput,
  optionsOf,
  useFieldStyles,
} from './fields';

/**
 * The dialogs that move a case on, one per event type. Each turns its fields into the event's payload;
 * the shared payload schema checks it before it is sent, and the server's problems come back by the same
 * paths (`members[1].name`), so each shows beside its field.
 */

const blank = (s: string) => s.trim() === '';
const opt = <K extends string, V>(key: K, value: V | undefined | '') =>
  (value === undefined || value === '' ? {} : { [key]: value }) as Partial<Record<K, V>>;

type Option<T extends string> = { value: T; label: string };
/** Agencies, each saying whether it counts toward the panel minimum (the policy's list, East Herts s.12). */
const agencyOptions = (policy: Policy): Option<string>[] => {
  const counted = new Set(quorumBodyIds(policy));
  return policy.agencies.map((a) => ({
    value: a.id,
    label: `${a.name}${counted.has(a.id) ? '' : ' (not counted in the panel minimum)'}`,
  }));
};

// ---------------------------------------------------------------------------------------------------------
// Acknowledge

interface AckForm {
  sentOn: string;
  to: 'victim' | 'third-party' | 'both';
}

const acknowledged = spec<AckForm>({
  type: 'acknowledged',
  button: 'Acknowledge',
  title: 'Acknowledge the application',
  intro: (ctx) =>
    ctx.detail.state.application.applicant.relationship === 'third-party' &&
    ctx.policy.duties.acknowledgeThirdParty
      ? 'A third party applied: the victim (CT1) and the third party (CT2) are each acknowledged; the clock is met when both are. Issuing the letter records it for you.'
      : 'Record when the acknowledgement was sent. Issuing the CT1 letter records it for you.',
  init: (ctx) => {
    const outstanding = acknowledgementsOutstanding(ctx.detail.state, ctx.policy);
    return {
      sentOn: ctx.today,
      to: outstanding.length === 2 ? 'both' : (outstanding[0] ?? 'victim'),
    };
  },
  payload: (f) => ({ sentOn: f.sentOn, to: f.to }),
  Fields: ({ form, set, problems, ctx }: FieldsProps<AckForm>) => {
    const state = ctx.detail.state;
    const thirdParty = state.application.applicant.relationship === 'third-party';
    const done = (on: string | undefined) => (on ? ` (sent ${formatDate(on, 'short')})` : '');
    return (
      <>
        <DateInput
          path="sentOn"
          label="Sent on"
          required
          value={form.sentOn}
          max={ctx.today}
          problems={problems}
          onChange={(sentOn) => set({ sentOn })}
        />
        {thirdParty ? (
          <Radios
            path="to"
            label="Sent to"
            required
            value={form.to}
            problems={problems}
            onChange={(to) => set({ to })}
            options={[
              { value: 'victim', label: `The victim (CT1)${done(state.acknowledged.victim)}` },
              {
                value: 'third-party',
                label: `The third party who applied (CT2)${done(state.acknowledged.thirdParty)}`,
              },
              { value: 'both', label: 'Both' },
            ]}
          />
        ) : (
          <p style={{ margin: 0 }}>Sent to the victim, who applied.</p>
        )}
      </>
    );
  },
});

// ---------------------------------------------------------------------------------------------------------
// Threshold decision

interface DecisionForm {
  decidedOn: string;
  /** Blank unless the applicant has already been told (by phone, say): never today by default. */
  notifiedOn: string;
  outcome: 'met' | 'not-met' | 'ineligible';
  route: '' | 'count' | 'hate' | 'community' | 'override';
  overrideReason: string;
}

const thresholdDecided = spec<DecisionForm>({
  type: 'threshold-decided',
  button: 'Decide threshold',
  title: 'Record the threshold decision',
  intro: (ctx) =>
    `The advice is "${outcomeLabels[ctx.detail.assessment.outcome]}". Confirm it, or record a different decision with the reason. The decision clock is met when the applicant is told: when the CT3 or CT4 letter is issued, or a contact is recorded.`,
  init: (ctx) => ({
    decidedOn: ctx.today,
    notifiedOn: '',
    outcome: ctx.detail.assessment.outcome,
    route: ctx.detail.assessment.route ?? '',
    overrideReason: '',
  }),
  payload: (f, ctx) => ({
    decidedOn: f.decidedOn,
    ...opt('notifiedOn', f.notifiedOn),
    outcome: f.outcome,
    ...(f.outcome === 'met' && f.route ? { route: f.route } : {}),
    advisedOutcome: ctx.detail.assessment.outcome,
    ...opt('overrideReason', f.overrideReason.trim()),
    reasons: [
      ...ctx.detail.assessment.reasons,
      ...(f.outcome !== ctx.detail.assessment.outcome && f.overrideReason.trim()
        ? [`The decision departs from the advice: ${f.overrideReason.trim()}`]
        : []),
    ].map((r) => r.slice(0, 1000)),
    decidedBy: ctx.me.person.id,
  }),
  check: (f, ctx) => {
    const out: Problem[] = [];
    if (f.outcome !== ctx.detail.assessment.outcome && blank(f.overrideReason))
      out.push({
        path: 'overrideReason',
        message: `The decision departs from the advice (${outcomeLabels[ctx.detail.assessment.outcome]}): give the reason.`,
      });
    if (f.outcome === 'met' && !f.route)
      out.push({ path: 'route', message: 'Choose how the threshold is met.' });
    if (f.outcome === 'met' && f.route && !routeEnabled(ctx.policy, f.route))
      out.push({ path: 'route', message: `This policy has no "${routeLabels[f.route]}" route.` });
    return out;
  },
  Fields: ({ form, set, problems, ctx }: FieldsProps<DecisionForm>) => {
    const styles = useFieldStyles();
    const advised = ctx.detail.assessment.outcome;
    return (
      <>
        <Radios
          path="outcome"
          label="Decision"
          required
          value={form.outcome}
          problems={problems}
          onChange={(outcome) =>
            set({
              outcome,
              ...(outcome === 'met' && !form.route ? { route: ctx.detail.assessment.route ?? 'count' } : {}),
            })
          }
          options={(['met', 'not-met', 'ineligible'] as const).map((v) => ({
            value: v,
            label: `${outcomeLabels[v]}${v === advised ? ' (the advice)' : ''}`,
          }))}
        />
        {form.outcome === 'met' && (
          <Choice
            path="route"
            label="How it is met"
            required
            value={form.route}
            problems={problems}
            placeholder="Choose..."
            onChange={(route) => set({ route })}
            // Only the routes this policy has (East Herts has neither the hate nor the community route).
            options={optionsOf(routeLabels).filter((o) => routeEnabled(ctx.policy, o.value))}
          />
        )}
        {form.outcome !== advised && (
          <LongText
            path="overrideReason"
            label="Why the decision departs from the advice"
            required
            value={form.overrideReason}
            maxLength={2000}
            problems={problems}
            onChange={(overrideReason) => set({ overrideReason })}
          />
        )}
        <div className={styles.two}>
          <DateInput
            path="decidedOn"
            label="Decided on"
            required
            value={form.decidedOn}
            max={ctx.today}
            problems={problems}
            onChange={(decidedOn) => set({ decidedOn })}
          />
          <DateInput
            path="notifiedOn"
            label="Applicant already told on"
            value={form.notifiedOn}
            max={ctx.today}
            hint="Leave blank until they are told: issuing the CT3 or CT4 letter records it."
            problems={problems}
            onChange={(notifiedOn) => set({ notifiedOn })}
          />
        </div>
        <details>
          <summary>The reasons that will be recorded</summary>
          <ul>
            {ctx.detail.assessment.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </details>
      </>
    );
  },
});

// ---------------------------------------------------------------------------------------------------------
// Review of a "not met" decision, and appeals

interface ReviewRequestForm {
  appealId: string;
  receivedOn: string;
  grounds: string[];
  detail: string;
  acceptedOutOfTime: string;
}

function Grounds({
  value,
  onChange,
  problems,
}: {
  value: string[];
  onChange: (v: string[]) => void;
  problems: FieldsProps<unknown>['problems'];
}) {
  const styles = useFieldStyles();
  return (
    <Fieldset legend="Grounds" path="grounds" problems={problems}>
      <div className={styles.checks}>
        {optionsOf(appealGroundLabels).map((o) => (
          <Checkbox
            key={o.value}
            label={o.label}
            checked={value.includes(o.value)}
            onChange={(_, d) =>
              onChange(d.checked === true ? [...value, o.value] : value.filter((v) => v !== o.value))
            }
          />
        ))}
      </div>
    </Fieldset>
  );
}

const thresholdReviewRequested = spec<ReviewRequestForm>({
  type: 'threshold-review-requested',
  button: 'Review of "not met" requested',
  title: 'The applicant asks for a review of the "not met" decision',
  intro: (ctx) =>
    `Reviewed by: ${ctx.policy.thresholdReview.reviewer.replace(/-/g, ' ')}. A request after the window closes needs a reason to accept it.` +
    (ctx.detail.state.closed ? ' The case is closed: recording the request reopens it.' : ''),
  init: (ctx) => ({
    appealId: uuid(),
    receivedOn: ctx.today,
    grounds: ['threshold-wrongly-refused'],
    detail: '',
    acceptedOutOfTime: '',
  }),
  payload: (f) => ({
    appealId: f.appealId,
    receivedOn: f.receivedOn,
    grounds: f.grounds,
    ...opt('detail', f.detail.trim()),
    ...opt('acceptedOutOfTime', f.acceptedOutOfTime.trim()),
  }),
  Fields: ({ form, set, problems, ctx }: FieldsProps<ReviewRequestForm>) => (
    <>
      <DateInput
        path="receivedOn"
        label="Request received on"
        required
        value={form.receivedOn}
        max={ctx.today}
        problems={problems}
        onChange={(receivedOn) => set({ receivedOn })}
      />
      <Grounds value={form.grounds} problems={problems} onChange={(grounds) => set({ grounds })} />
      <LongText
        path="detail"
        label="Details"
        value={form.detail}
        maxLength={5000}
        problems={problems}
        onChange={(detail) => set({ detail })}
      />
      <LongText
        path="acceptedOutOfTime"
        label="Reason to accept it out of time (only if late)"
        value={form.acceptedOutOfTime}
        maxLength={1000}
        problems={problems}
        onChange={(acceptedOutOfTime) => set({ acceptedOutOfTime })}
      />
    </>
  ),
});

interface AppealForm {
  appealId: string;
  receivedOn: string;
  against: 'threshold-decision' | 'review-outcome';
  grounds: string[];
  detail: string;
  acceptedOutOfTime: string;
}

const appealLodged = spec<AppealForm>({
  type: 'appeal-lodged',
  button: 'Appeal lodged',
  title: 'Record an appeal',
  intro: (ctx) =>
    `Appeals are heard by ${ctx.policy.appeals.hearer}.` +
    (ctx.detail.state.closed ? ' The case is closed: recording the appeal reopens it.' : ''),
  init: (ctx) => ({
    appealId: uuid(),
    receivedOn: ctx.today,
    against: currentReview(ctx.detail.state)?.outcomeSentOn ? 'review-outcome' : 'threshold-decision',
    grounds: [],
    detail: '',
    acceptedOutOfTime: '',
  }),
  payload: (f) => ({
    appealId: f.appealId,
    receivedOn: f.receivedOn,
    against: f.against,
    grounds: f.grounds,
    ...opt('detail', f.detail.trim()),
    ...opt('acceptedOutOfTime', f.acceptedOutOfTime.trim()),
  }),
  check: (f) =>
    f.grounds.length === 0 ? [{ path: 'grounds', message: 'Tick at least one ground of appeal.' }] : [],
  Fields: ({ form, set, problems, ctx }: FieldsProps<AppealForm>) => (
    <>
      <Radios
        path="against"
        label="Against"
        required
        value={form.against}
        problems={problems}
        onChange={(against) => set({ against })}
        options={[
          { value: 'threshold-decision', label: 'The threshold decision' },
          { value: 'review-outcome', label: "The case review's outcome" },
        ]}
      />
      <DateInput
        path="receivedOn"
        label="Received on"
        required
        value={form.receivedOn}
        max={ctx.today}
        problems={problems}
        onChange={(receivedOn) => set({ receivedOn })}
      />
      <Grounds value={form.grounds} problems={problems} onChange={(grounds) => set({ grounds })} />
      <LongText
        path="detail"
        label="Details"
        value={form.detail}
        maxLength={5000}
        problems={problems}
        onChange={(detail) => set({ detail })}
      />
      <LongText
        path="acceptedOutOfTime"
        label="Reason to accept it out of time (only if late, or the right was waived)"
        value={form.acceptedOutOfTime}
        maxLength={1000}
        problems={problems}
        onChange={(acceptedOutOfTime) => set({ acceptedOutOfTime })}
      />
    </>
  ),
});

const appealOptions = (ctx: CaseContext, notHeardOnly: boolean): Option<string>[] =>
  openAppeals(ctx.detail.state)
    .filter((a) => !notHeardOnly || !a.heardOn)
    .map((a) => ({
      value: a.appealId,
      label: `${a.kind === 'threshold-review' ? 'Review of the decision' : 'Appeal'} received ${formatDate(a.receivedOn, 'short')}`,
    }));

interface HeardForm {
  appealId: string;
  heardOn: string;
  by: string;
}

const appealHeard = spec<HeardForm>({
  type: 'appeal-heard',
  button: 'Appeal heard',
  title: 'Record that the appeal was heard',
  init: (ctx) => ({
    appealId: appealOptions(ctx, true)[0]?.value ?? '',
    heardOn: ctx.today,
    by: ctx.policy.appeals.hearer.slice(0, 200),
  }),
  payload: (f) => ({ appealId: f.appealId, heardOn: f.heardOn, by: f.by.trim() }),
  Fields: ({ form, set, problems, ctx }: FieldsProps<HeardForm>) => (
    <>
      <Choice
        path="appealId"
        label="Appeal"
        required
        value={form.appealId}
        problems={problems}
        placeholder="Choose..."
        options={appealOptions(ctx, true)}
        onChange={(appealId) => set({ appealId })}
      />
      <DateInput
        path="heardOn"
        label="Heard on"
        required
        value={form.heardOn}
        max={ctx.today}
        problems={problems}
        onChange={(heardOn) => set({ heardOn })}
      />
      <TextInput
        path="by"
        label="Heard by"
        required
        value={form.by}
        maxLength={200}
        problems={problems}
        onChange={(by) => set({ by })}
      />
    </>
  ),
});

interface AppealDecidedForm {
  appealId: string;
  decidedOn: string;
  outcome: 'upheld' | 'dismissed';
  reasons: string;
  notifiedOn: string;
}

const appealDecided = spec<AppealDecidedForm>({
  type: 'appeal-decided',
  button: 'Appeal decided',
  title: 'Record the appeal decision',
  intro: () =>
    'Upheld: the applicant was right (the threshold is met, or the case goes back to review). The clock is met when the applicant is told: when the appeal decision letter is issued, or a contact is recorded.',
  init: (ctx) => ({
    appealId: appealOptions(ctx, false)[0]?.value ?? '',
    decidedOn: ctx.today,
    outcome: 'dismissed',
    reasons: '',
    notifiedOn: '',
  }),
  payload: (f) => ({
    appealId: f.appealId,
    decidedOn: f.decidedOn,
    outcome: f.outcome,
    reasons: splitReasons(f.reasons),
    ...opt('notifiedOn', f.notifiedOn),
  }),
  check: (f) =>
    splitReasons(f.reasons).length === 0
      ? [{ path: 'reasons', message: 'Give the reasons for the decision.' }]
      : [],
  Fields: ({ form, set, problems, ctx }: FieldsProps<AppealDecidedForm>) => {
    const styles = useFieldStyles();
    return (
      <>
        <Choice
          path="appealId"
          label="Appeal"
          required
          value={form.appealId}
          problems={problems}
          placeholder="Choose..."
          options={appealOptions(ctx, false)}
          onChange={(appealId) => set({ appealId })}
        />
        <Radios
          path="outcome"
          label="Decision"
          required
          value={form.outcome}
          problems={problems}
          onChange={(outcome) => set({ outcome })}
          options={[
            { value: 'upheld', label: 'Upheld' },
            { value: 'dismissed', label: 'Dismissed' },
          ]}
        />
        <LongText
          path="reasons"
          label="Reasons"
          required
          hint="Separate reasons with a blank line."
          value={form.reasons}
          maxLength={5000}
          rows={4}
          problems={problems}
          onChange={(reasons) => set({ reasons })}
        />
        <div className={styles.two}>
          <DateInput
            path="decidedOn"
            label="Decided on"
            required
            value={form.decidedOn}
            max={ctx.today}
            problems={problems}
            onChange={(decidedOn) => set({ decidedOn })}
          />
          <DateInput
            path="notifiedOn"
            label="Applicant already told on"
            value={form.notifiedOn}
            max={ctx.today}
            hint="Leave blank until they are told: issuing the appeal decision letter records it."
            problems={problems}
            onChange={(notifiedOn) => set({ notifiedOn })}
          />
        </div>
      </>
    );
  },
});

// ---------------------------------------------------------------------------------------------------------
// Agency returns

interface ReturnsForm {
  requestedOn: string;
  agencies: string[];
}

const returnsRequested = spec<ReturnsForm>({
  type: 'returns-requested',
  button: 'Request returns',
  title: 'Ask agencies what they hold',
  intro: (ctx) =>
    `Each agency is asked about every incident in the application (${ctx.detail.state.application.incidents.length}) and has ${ctx.policy.clocks.agencyReturn.amount} ${ctx.policy.clocks.agencyReturn.unit.replace('-', ' ')} to answer.`,
  init: (ctx) => {
    const waiting = new Set(
      ctx.detail.state.requests.filter((r) => r.returns.length === 0).map((r) => r.agencyId),
    );
    return { requestedOn: ctx.today, agencies: ctx.detail.state.agencies.filter((a) => !waiting.has(a)) };
  },
  payload: (f, ctx) => ({
    requestedOn: f.requestedOn,
    requests: f.agencies.map((agencyId) => ({ requestId: `${agencyId}-${uuid().slice(0, 8)}`, agencyId })),
    incidentIds: ctx.detail.state.application.incidents.map((i) => i.id),
  }),
  check: (f) =>
    f.agencies.length === 0 ? [{ path: 'requests', message: 'Choose at least one agency.' }] : [],
  Fields: ({ form, set, problems, ctx }: FieldsProps<ReturnsForm>) => {
    const styles = useFieldStyles();
    const waiting = new Set(
      ctx.detail.state.requests.filter((r) => r.returns.length === 0).map((r) => r.agencyId),
    );
    return (
      <>
        <DateInput
          path="requestedOn"
          label="Requested on"
          required
          value={form.requestedOn}
          max={ctx.today}
          problems={problems}
          onChange={(requestedOn) => set({ requestedOn })}
        />
        <Fieldset
          legend="Agencies to ask"
          path="requests"
          problems={problems}
          hint="An agency with an unanswered request cannot be asked again until it answers."
        >
          <div className={styles.checks}>
            {ctx.policy.agencies.map((a) => (
              <Checkbox
                key={a.id}
                label={`${a.name}${waiting.has(a.id) ? ' (waiting for an answer)' : ''}`}
                disabled={waiting.has(a.id)}
                checked={form.agencies.includes(a.id)}
                onChange={(_, d) =>
                  set({
                    agencies:
                      d.checked === true ? [...form.agencies, a.id] : form.agencies.filter((x) => x !== a.id),
                  })
                }
              />
            ))}
          </div>
        </Fieldset>
      </>
    );
  },
});

interface ReturnRow {
  incidentId: string;
  holdsRecord: boolean;
  reference: string;
  reportedOn: string;
  actionTaken: string;
}

interface ReturnForm {
  requestId: string;
  receivedOn: string;
  incidents: ReturnRow[];
  otherInformation: string;
}

const returnReceived = spec<ReturnForm>({
  type: 'return-received',
  button: 'Record a return',
  title: "Record an agency's return",
  intro: () => 'For a return that came by email or phone. Agencies in Teams answer the request themselves.',
  init: (ctx) => {
    const mine = ctx.me.person.agencyId;
    const requests = ctx.detail.state.requests;
    const first =
      requests.find(
        (r) =>
          r.returns.length === 0 && (!mine || ctx.me.person.roles.includes('spoc') || r.agencyId === mine),
      ) ?? requests[0];
    return {
      requestId: first?.requestId ?? '',
      receivedOn: ctx.today,
      incidents: ctx.detail.state.application.incidents.map((i) => ({
        incidentId: i.id,
        holdsRecord: false,
        reference: '',
        reportedOn: '',
        actionTaken: '',
      })),
      otherInformation: '',
    };
  },
  payload: (f, ctx) => ({
    requestId: f.requestId,
    agencyId: ctx.detail.state.requests.find((r) => r.requestId === f.requestId)?.agencyId ?? '',
    receivedOn: f.receivedOn,
    incidents: f.incidents.map((i) => ({
      incidentId: i.incidentId,
      holdsRecord: i.holdsRecord,
      ...(i.holdsRecord
        ? {
            ...opt('reference', i.reference.trim()),
            ...opt('reportedOn', i.reportedOn),
            ...opt('actionTaken', i.actionTaken.trim()),
          }
        : {}),
    })),
    ...opt('otherInformation', f.otherInformation.trim()),
    submittedBy: ctx.me.person.id,
  }),
  Fields: ({ form, set, problems, ctx }: FieldsProps<ReturnForm>) => {
    const styles = useFieldStyles();
    const setRow = (i: number, patch: Partial<ReturnRow>) =>
      set({ incidents: form.incidents.map((r, k) => (k === i ? { ...r, ...patch } : r)) });
    const incidents = ctx.detail.state.application.incidents;
    return (
      <>
        <div className={styles.two}>
          <Choice
            path="requestId"
            label="Request"
            required
            value={form.requestId}
            problems={problems}
            placeholder="Choose..."
            onChange={(requestId) => set({ requestId })}
            options={ctx.detail.state.requests.map((r) => ({
              value: r.requestId,
              label: `${ctx.agencyName(r.agencyId)}, asked ${formatDate(r.requestedOn, 'short')}${r.returns.length ? ' (answered; this corrects it)' : ''}`,
            }))}
          />
          <DateInput
            path="receivedOn"
            label="Received on"
            required
            value={form.receivedOn}
            max={ctx.today}
            problems={problems}
            onChange={(receivedOn) => set({ receivedOn })}
          />
        </div>
        {form.incidents.map((row, i) => {
          const incident = incidents.find((x) => x.id === row.incidentId);
          return (
            <Fieldset
              key={row.incidentId}
              path={`incidents[${i}]`}
              problems={problems}
              legend={`Incident ${i + 1}${incident ? `, ${formatDate(incident.occurredOn, 'short')}` : ''}`}
            >
              <Tick
                path={`incidents[${i}].holdsRecord`}
                label="The agency holds a record of this incident"
                checked={row.holdsRecord}
                problems={problems}
                onChange={(holdsRecord) => setRow(i, { holdsRecord })}
              />
              {row.holdsRecord && (
                <div className={styles.two}>
                  <TextInput
                    path={`incidents[${i}].reference`}
                    label="Their reference"
                    value={row.reference}
                    maxLength={100}
                    problems={problems}
                    onChange={(reference) => setRow(i, { reference })}
                  />
                  <DateInput
                    path={`incidents[${i}].reportedOn`}
                    label="Reported to them on"
                    value={row.reportedOn}
                    max={ctx.today}
                    problems={problems}
                    onChange={(reportedOn) => setRow(i, { reportedOn })}
                  />
                  <LongText
                    path={`incidents[${i}].actionTaken`}
                    label="Action taken"
                    value={row.actionTaken}
                    maxLength={4000}
                    problems={problems}
                    onChange={(actionTaken) => setRow(i, { actionTaken })}
                  />
                </div>
              )}
            </Fieldset>
          );
        })}
        <LongText
          path="otherInformation"
          label="Other information"
          value={form.otherInformation}
          maxLength={20_000}
          problems={problems}
          onChange={(otherInformation) => set({ otherInformation })}
        />
      </>
    );
  },
});

// ---------------------------------------------------------------------------------------------------------
// Victim contact

interface ContactForm {
  contactedOn: string;
  method: 'phone' | 'email' | 'letter' | 'in-person' | 'other';
  choice: keyof typeof victimChoiceLabels;
}

const victimContacted = spec<ContactForm>({
  type: 'victim-contacted',
  button: 'Record victim contact',
  title: 'Record contact with the victim',
  intro: () =>
    'The victim chooses how to take part: attend the panel (in person or online), send an impact statement, or neither.',
  init: (ctx) => ({
    contactedOn: ctx.today,
    method: 'phone',
    choice: ctx.detail.state.victimContact?.choice ?? 'undecided',
  }),
  payload: (f) => ({ contactedOn: f.contactedOn, method: f.method, choice: f.choice }),
  Fields: ({ form, set, problems, ctx }: FieldsProps<ContactForm>) => (
    <>
      <DateInput
        path="contactedOn"
        label="Contacted on"
        required
        value={form.contactedOn}
        max={ctx.today}
        problems={problems}
        onChange={(contactedOn) => set({ contactedOn })}
      />
      <Choice
        path="method"
        label="How"
        required
        value={form.method}
        problems={problems}
        onChange={(method) => set({ method })}
        options={[
          { value: 'phone', label: 'Phone' },
          { value: 'email', label: 'Email' },
          { value: 'letter', label: 'Letter' },
          { value: 'in-person', label: 'In person' },
          { value: 'other', label: 'Other' },
        ]}
      />
      <Radios
        path="choice"
        label="The victim's choice"
        required
        value={form.choice}
        problems={problems}
        onChange={(choice) => set({ choice })}
        options={optionsOf(victimChoiceLabels)}
      />
    </>
  ),
});

// ---------------------------------------------------------------------------------------------------------
// Panel

interface MemberRow {
  key: string;
  name: string;
  agencyId: string;
  role: PanelMember['role'];
  personId?: string;
}

const roleOptions: Option<PanelMember['role']>[] = [
  { value: 'member', label: 'Member' },
  { value: 'chair', label: 'Chair' },
  { value: 'minute-taker', label: 'Minute taker' },
  { value: 'adviser', label: 'Adviser' },
];

function memberRows(ctx: CaseContext): MemberRow[] {
  const booked = ctx.detail.state.panel;
  if (booked && booked.status === 'booked')
    return booked.members.map((m) => ({
      key: uuid(),
      name: m.name,
      agencyId: m.agencyId,
      role: m.role,
      ...(m.personId ? { personId: m.personId } : {}),
    }));
  const counted = new Set(quorumBodyIds(ctx.policy));
  const agencies = [...ctx.detail.state.agencies].sort(
    (a, b) => Number(counted.has(b)) - Number(counted.has(a)),
  );
  return agencies.map((agencyId) => ({ key: uuid(), name: '', agencyId, role: 'member' as const }));
}

const membersOut = (rows: MemberRow[]) =>
  rows.map((m) => ({
    ...(m.personId ? { personId: m.personId } : {}),
    name: m.name.trim(),
    agencyId: m.agencyId,
    role: m.role,
  }));

function QuorumLine({
  rows,
  policy,
  agencyName,
}: {
  rows: MemberRow[];
  policy: Policy;
  agencyName: (id: string) => string;
}) {
  const q = panelQuorum(
    rows.filter((r) => r.agencyId),
    policy,
  );
  return (
    <p aria-live="polite" aria-atomic="true" style={{ margin: 0 }}>
      <Badge appearance="tint" color={q.met ? 'success' : 'warning'}>
        {q.met ? 'Quorum met' : 'Quorum not met'}
      </Badge>{' '}
      {q.bodies.length} of the {q.required} bodies the panel needs, from{' '}
      {q.counting.map(agencyName).join(', ')}
      {q.bodies.length > 0 ? `. Present: ${q.bodies.map(agencyName).join(', ')}` : ''}.
      {q.others.length > 0 ? ` Also present (not counted): ${q.others.map(agencyName).join(', ')}.` : ''}
    </p>
  );
}

function MembersEditor({
  rows,
  onChange,
  path,
  legend,
  problems,
  ctx,
}: {
  rows: MemberRow[];
  onChange: (rows: MemberRow[]) => void;
  path: string;
  legend: string;
  problems: FieldsProps<unknown>['problems'];
  ctx: CaseContext;
}) {
  const styles = useFieldStyles();
  const setRow = (i: number, patch: Partial<MemberRow>) =>
    onChange(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <Fieldset legend={legend} path={path} problems={problems}>
      <QuorumLine rows={rows} policy={ctx.policy} agencyName={ctx.agencyName} />
      <div className={styles.rows}>
        {rows.map((row, i) => (
          <div key={row.key} className={styles.row}>
            <TextInput
              path={`${path}[${i}].name`}
              label={`Person ${i + 1}: name`}
              required
              value={row.name}
              maxLength={200}
              problems={problems}
              onChange={(name) => setRow(i, { name })}
            />
            <Choice
              path={`${path}[${i}].agencyId`}
              label="Agency"
              required
              value={row.agencyId}
              problems={problems}
              placeholder="Choose..."
              options={agencyOptions(ctx.policy)}
              onChange={(agencyId) => setRow(i, { agencyId })}
            />
            <Choice
              path={`${path}[${i}].role`}
              label="Role"
              required
              value={row.role}
              problems={problems}
              options={roleOptions}
              onChange={(role) => setRow(i, { role })}
            />
            <RemoveButton
              label={`Remove person ${i + 1}`}
              onClick={() => onChange(rows.filter((_, k) => k !== i))}
            />
          </div>
        ))}
      </div>
      <div>
        <Button
          size="small"
          onClick={() => onChange([...rows, { key: uuid(), name: '', agencyId: '', role: 'member' }])}
        >
          Add a person
        </Button>
      </div>
    </Fieldset>
  );
}

interface PanelForm {
  bookingId: string;
  date: string;
  startTime: string;
  endTime: string;
  members: MemberRow[];
  chairName: string;
  chairOrganisation: string;
  chairIndependent: boolean;
  victimParticipation: keyof typeof victimChoiceLabels;
  location: string;
  joinUrl: string;
}

const panelBooked = spec<PanelForm>({
  type: 'panel-booked',
  button: 'Book panel',
  title: 'Book the case review panel',
  intro: (ctx) =>
    `The panel needs representatives of at least ${ctx.policy.panel.minimumDistinctBodies} of ${quorumBodyIds(ctx.policy).map(ctx.agencyName).join(', ')}. Times are UK time.`,
  init: (ctx) => {
    const booked = ctx.detail.state.panel?.status === 'booked' ? ctx.detail.state.panel : undefined;
    const start = booked ? londonParts(booked.start) : undefined;
    const end = booked ? londonParts(booked.end) : undefined;
    return {
      bookingId: booked?.bookingId ?? uuid(),
      date: start?.date ?? '',
      startTime: start?.time ?? '10:00',
      endTime: end?.time ?? '11:30',
      members: memberRows(ctx),
      chairName: booked?.chair.name ?? '',
      chairOrganisation: booked?.chair.organisation ?? '',
      chairIndependent: booked?.chair.independent ?? ctx.policy.panel.chair !== 'council-manager',
      victimParticipation:
        booked?.victimParticipation ?? ctx.detail.state.victimContact?.choice ?? 'undecided',
      location: booked?.location ?? '',
      joinUrl: booked?.joinUrl ?? '',
    };
  },
  payload: (f) => ({
    bookingId: f.bookingId,
    start: londonInstant(f.date, f.startTime) ?? '',
    end: londonInstant(f.date, f.endTime) ?? '',
    members: membersOut(f.members),
    chair: {
      name: f.chairName.trim(),
      organisation: f.chairOrganisation.trim(),
      independent: f.chairIndependent,
    },
    victimParticipation: f.victimParticipation,
    ...opt('location', f.location.trim()),
    ...opt('joinUrl', f.joinUrl.trim()),
  }),
  check: (f) => {
    const out: Problem[] = [];
    if (!londonInstant(f.date, f.startTime))
      out.push({ path: 'start', message: 'Enter the date and start time.' });
    if (!londonInstant(f.date, f.endTime)) out.push({ path: 'end', message: 'Enter the end time.' });
    else if (f.endTime <= f.startTime)
      out.push({ path: 'end', message: 'The panel must end after it starts.' });
    if (f.members.length === 0) out.push({ path: 'members', message: 'Add the panel members.' });
    return out;
  },
  Fields: ({ form, set, problems, ctx }: FieldsProps<PanelForm>) => {
    const styles = useFieldStyles();
    const rescheduling = ctx.detail.state.panel?.status === 'booked';
    return (
      <>
        {rescheduling && (
          <p style={{ margin: 0 }}>
            A panel is booked for {formatInstant(ctx.detail.state.panel?.start)}: saving reschedules it.
          </p>
        )}
        <div className={styles.two}>
          <DateInput
            path="start"
            label="Date"
            required
            value={form.date}
            min={ctx.today}
            problems={problems}
            onChange={(date) => set({ date })}
          />
          <TimeInput
            path="startTime"
            label="Starts"
            required
            value={form.startTime}
            problems={problems}
            onChange={(startTime) => set({ startTime })}
          />
          <TimeInput
            path="end"
            label="Ends"
            required
            value={form.endTime}
            problems={problems}
            onChange={(endTime) => set({ endTime })}
          />
        </div>
        <MembersEditor
          rows={form.members}
          onChange={(members) => set({ members })}
          path="members"
          legend="Panel members"
          problems={problems}
          ctx={ctx}
        />
        <Fieldset legend="Chair" path="chair" problems={problems}>
          <div className={styles.two}>
            <TextInput
              path="chair.name"
              label="Chair's name"
              required
              value={form.chairName}
              maxLength={200}
              problems={problems}
              onChange={(chairName) => set({ chairName })}
            />
            <TextInput
              path="chair.organisation"
              label="Organisation"
              required
              value={form.chairOrganisation}
              maxLength={200}
              suggestions={[...ctx.policy.panel.chairSources, ...ctx.policy.panel.chairFallback]}
              problems={problems}
              onChange={(chairOrganisation) => set({ chairOrganisation })}
            />
          </div>
          <Tick
            path="chair.independent"
            label="The chair is independent of the agencies on the case"
            checked={form.chairIndependent}
            problems={problems}
            onChange={(chairIndependent) => set({ chairIndependent })}
          />
        </Fieldset>
        <Choice
          path="victimParticipation"
          label="How the victim takes part"
          required
          value={form.victimParticipation}
          problems={problems}
          options={optionsOf(victimChoiceLabels)}
          onChange={(victimParticipation) => set({ victimParticipation })}
        />
        <div className={styles.two}>
          <TextInput
            path="location"
            label="Location"
            value={form.location}
            maxLength={500}
            problems={problems}
            onChange={(location) => set({ location })}
          />
          <TextInput
            path="joinUrl"
            label="Online meeting link"
            type="url"
            value={form.joinUrl}
            problems={problems}
            onChange={(joinUrl) => set({ joinUrl })}
          />
        </div>
      </>
    );
  },
});

interface CancelForm {
  bookingId: string;
  reason: string;
}

const panelCancelled = spec<CancelForm>({
  type: 'panel-cancelled',
  button: 'Cancel panel',
  title: 'Cancel the panel',
  intro: (ctx) =>
    ctx.detail.state.panel ? `The panel booked for ${formatInstant(ctx.detail.state.panel.start)}.` : '',
  init: (ctx) => ({ bookingId: ctx.detail.state.panel?.bookingId ?? '', reason: '' }),
  payload: (f) => ({ bookingId: f.bookingId, reason: f.reason.trim() }),
  submit: 'Cancel the panel',
  Fields: ({ form, set, problems }: FieldsProps<CancelForm>) => (
    <LongText
      path="reason"
      label="Reason"
      required
      value={form.reason}
      maxLength={1000}
      problems={problems}
      onChange={(reason) => set({ reason })}
    />
  ),
});

// ---------------------------------------------------------------------------------------------------------
// Review held, outcome, minutes, actions

interface RecommendationRow {
  key: string;
  id: string;
  text: string;
  ownerAgency: string;
}
interface ActionRow {
  key: string;
  id: string;
  description: string;
  ownerAgency: string;
  dueOn: string;
}

interface ReviewForm {
  heldOn: string;
  attendees: MemberRow[];
  victimParticipation: 'attended' | 'impact-statement' | 'none';
  recommendations: RecommendationRow[];
  actions: ActionRow[];
  /** The chair may come from a neighbouring authority, outside the policy's agencies (East Herts s.12). */
  chairName: string;
  chairOrganisation: string;
  chairIndependent: boolean;
}

const reviewHeld = spec<ReviewForm>({
  type: 'review-held',
  button: 'Record review held',
  title: 'Record the case review',
  intro: (ctx) =>
    `Who chaired and attended, the recommendations and the action plan. Owners must be agencies in the policy; the panel needs representatives of ${ctx.policy.panel.minimumDistinctBodies} of ${quorumBodyIds(ctx.policy).map(ctx.agencyName).join(', ')}.`,
  init: (ctx) => {
    const choice = ctx.detail.state.panel?.victimParticipation ?? ctx.detail.state.victimContact?.choice;
    const chair = ctx.detail.state.panel?.chair;
    return {
      chairName: chair?.name ?? '',
      chairOrganisation: chair?.organisation ?? '',
      chairIndependent: chair?.independent ?? ctx.policy.panel.chair !== 'council-manager',
      heldOn: ctx.today,
      attendees: memberRows(ctx),
      victimParticipation:
        choice === 'attend-in-person' || choice === 'attend-online'
          ? 'attended'
          : choice === 'impact-statement'
            ? 'impact-statement'
            : 'none',
      recommendations: [],
      actions: [],
    };
  },
  payload: (f) => ({
    heldOn: f.heldOn,
    attendees: membersOut(f.attendees),
    victimParticipation: f.victimParticipation,
    recommendations: f.recommendations.map((r) => ({
      id: r.id,
      text: r.text.trim(),
      ...opt('ownerAgency', r.ownerAgency),
    })),
    actions: f.actions.map((a) => ({
      id: a.id,
      description: a.description.trim(),
      ownerAgency: a.ownerAgency,
      dueOn: a.dueOn,
      status: 'open',
    })),
    ...(f.chairName.trim() || f.chairOrganisation.trim()
      ? {
          chair: {
            name: f.chairName.trim(),
            organisation: f.chairOrganisation.trim(),
            independent: f.chairIndependent,
          },
        }
      : {}),
  }),
  Fields: ({ form, set, problems, ctx }: FieldsProps<ReviewForm>) => {
    const styles = useFieldStyles();
    const setRec = (i: number, patch: Partial<RecommendationRow>) =>
      set({ recommendations: form.recommendations.map((r, k) => (k === i ? { ...r, ...patch } : r)) });
    const setAct = (i: number, patch: Partial<ActionRow>) =>
      set({ actions: form.actions.map((r, k) => (k === i ? { ...r, ...patch } : r)) });
    return (
      <>
        <div className={styles.two}>
          <DateInput
            path="heldOn"
            label="Held on"
            required
            value={form.heldOn}
            max={ctx.today}
            problems={problems}
            onChange={(heldOn) => set({ heldOn })}
          />
          <Choice
            path="victimParticipation"
            label="The victim"
            required
            value={form.victimParticipation}
            problems={problems}
            onChange={(victimParticipation) => set({ victimParticipation })}
            options={[
              { value: 'attended', label: 'Attended' },
              { value: 'impact-statement', label: 'Sent an impact statement' },
              { value: 'none', label: 'Did not take part' },
            ]}
          />
        </div>
        <Fieldset
          legend="Chair"
          path="chair"
          problems={problems}
          hint="Record a chair from a neighbouring authority here: they need not be an agency in the policy."
        >
          <div className={styles.two}>
            <TextInput
              path="chair.name"
              label="Chair's name"
              value={form.chairName}
              maxLength={200}
              problems={problems}
              onChange={(chairName) => set({ chairName })}
            />
            <TextInput
              path="chair.organisation"
              label="Chair's organisation"
              value={form.chairOrganisation}
              maxLength={200}
              suggestions={[...ctx.policy.panel.chairSources, ...ctx.policy.panel.chairFallback]}
              problems={problems}
              onChange={(chairOrganisation) => set({ chairOrganisation })}
            />
          </div>
          <Tick
            path="chair.independent"
            label="The chair is independent of the agencies on the case"
            checked={form.chairIndependent}
            problems={problems}
            onChange={(chairIndependent) => set({ chairIndependent })}
          />
        </Fieldset>
        <MembersEditor
          rows={form.attendees}
          onChange={(attendees) => set({ attendees })}
          path="attendees"
          legend="Attendees"
          problems={problems}
          ctx={ctx}
        />
        <Fieldset legend="Recommendations" path="recommendations" problems={problems}>
          <div className={styles.rows}>
            {form.recommendations.map((r, i) => (
              <div key={r.key} className={styles.row}>
                <LongText
                  path={`recommendations[${i}].text`}
                  label={`Recommendation ${i + 1}`}
                  required
                  value={r.text}
                  maxLength={4000}
                  problems={problems}
                  onChange={(text) => setRec(i, { text })}
                />
                <Choice
                  path={`recommendations[${i}].ownerAgency`}
                  label="For agency"
                  value={r.ownerAgency}
                  problems={problems}
                  placeholder="Any"
                  options={agencyOptions(ctx.policy)}
                  onChange={(ownerAgency) => setRec(i, { ownerAgency })}
                />
                <RemoveButton
                  label={`Remove recommendation ${i + 1}`}
                  onClick={() => set({ recommendations: form.recommendations.filter((_, k) => k !== i) })}
                />
              </div>
            ))}
          </div>
          <div>
            <Button
              size="small"
              onClick={() =>
                set({
                  recommendations: [
                    ...form.recommendations,
                    { key: uuid(), id: `rec-${uuid().slice(0, 8)}`, text: '', ownerAgency: '' },
                  ],
                })
              }
            >
              Add a recommendation
            </Button>
          </div>
        </Fieldset>
        <Fieldset legend="Action plan" path="actions" problems={problems}>
          <div className={styles.rows}>
            {form.actions.map((a, i) => (
              <div key={a.key} className={styles.row}>
                <LongText
                  path={`actions[${i}].description`}
                  label={`Action ${i + 1}`}
                  required
                  value={a.description}
                  maxLength={4000}
                  problems={problems}
                  onChange={(description) => setAct(i, { description })}
                />
                <Choice
                  path={`actions[${i}].ownerAgency`}
                  label="Owner"
                  required
                  value={a.ownerAgency}
                  problems={problems}
                  placeholder="Choose..."
                  options={agencyOptions(ctx.policy)}
                  onChange={(ownerAgency) => setAct(i, { ownerAgency })}
                />
                <DateInput
                  path={`actions[${i}].dueOn`}
                  label="Due"
                  required
                  value={a.dueOn}
                  min={ctx.today}
                  problems={problems}
                  onChange={(dueOn) => setAct(i, { dueOn })}
                />
                <RemoveButton
                  label={`Remove action ${i + 1}`}
                  onClick={() => set({ actions: form.actions.filter((_, k) => k !== i) })}
                />
              </div>
            ))}
          </div>
          <div>
            <Button
              size="small"
              onClick={() =>
                set({
                  actions: [
                    ...form.actions,
                    {
                      key: uuid(),
                      id: `act-${uuid().slice(0, 8)}`,
                      description: '',
                      ownerAgency: '',
                      dueOn: '',
                    },
                  ],
                })
              }
            >
              Add an action
            </Button>
          </div>
        </Fieldset>
      </>
    );
  },
});

interface OutcomeForm {
  sentOn: string;
  method: 'phone-and-letter' | 'letter' | 'email' | 'other';
  victimConsultedOn: string;
  notConsultedReason: string;
}

const outcomeSent = spec<OutcomeForm>({
  type: 'outcome-sent',
  button: 'Outcome sent',
  title: 'Record that the outcome was sent to the victim',
  intro: (ctx) =>
    (ctx.policy.duties.consultVictimOnActionPlan
      ? 'The 2025 statutory guidance: the victim is consulted on the action plan before it is final. Give the date, or say why not. '
      : '') + "Leave out the alleged perpetrator's personal data.",
  init: (ctx) => ({
    sentOn: ctx.today,
    method: 'phone-and-letter',
    victimConsultedOn: '',
    notConsultedReason: '',
  }),
  payload: (f) => ({
    sentOn: f.sentOn,
    method: f.method,
    ...opt('victimConsultedOn', f.victimConsultedOn),
    ...(f.victimConsultedOn ? {} : opt('notConsultedReason', f.notConsultedReason.trim())),
  }),
  check: (f, ctx) =>
    ctx.policy.duties.consultVictimOnActionPlan && !f.victimConsultedOn && blank(f.notConsultedReason)
      ? [
          {
            path: 'victimConsultedOn',
            message: 'Give the date the victim was consulted on the action plan, or say why they were not.',
          },
        ]
      : [],
  Fields: ({ form, set, problems, ctx }: FieldsProps<OutcomeForm>) => {
    const styles = useFieldStyles();
    return (
      <>
        <div className={styles.two}>
          <DateInput
            path="sentOn"
            label="Sent on"
            required
            value={form.sentOn}
            max={ctx.today}
            problems={problems}
            onChange={(sentOn) => set({ sentOn })}
          />
          <Choice
            path="method"
            label="How"
            required
            value={form.method}
            problems={problems}
            onChange={(method) => set({ method })}
            options={[
              { value: 'phone-and-letter', label: 'Phone call, then a letter' },
              { value: 'letter', label: 'Letter' },
              { value: 'email', label: 'Email' },
              { value: 'other', label: 'Other' },
            ]}
          />
        </div>
        <DateInput
          path="victimConsultedOn"
          label="Victim consulted on the action plan on"
          required={ctx.policy.duties.consultVictimOnActionPlan && blank(form.notConsultedReason)}
          value={form.victimConsultedOn}
          max={form.sentOn || ctx.today}
          problems={problems}
          onChange={(victimConsultedOn) => set({ victimConsultedOn })}
        />
        {!form.victimConsultedOn && (
          <LongText
            path="notConsultedReason"
            label="Why the victim was not consulted"
            value={form.notConsultedReason}
            maxLength={2000}
            problems={problems}
            onChange={(notConsultedReason) => set({ notConsultedReason })}
          />
        )}
      </>
    );
  },
});

interface MinutesForm {
  circulatedOn: string;
}

const minutesCirculated = spec<MinutesForm>({
  type: 'minutes-circulated',
  button: 'Minutes circulated',
  title: 'Record that the minutes and action plan were circulated',
  init: (ctx) => ({ circulatedOn: ctx.today }),
  payload: (f) => ({ circulatedOn: f.circulatedOn }),
  Fields: ({ form, set, problems, ctx }: FieldsProps<MinutesForm>) => (
    <DateInput
      path="circulatedOn"
      label="Circulated on"
      required
      value={form.circulatedOn}
      max={ctx.today}
      problems={problems}
      onChange={(circulatedOn) => set({ circulatedOn })}
    />
  ),
});

interface ActionUpdateForm {
  actionId: string;
  status: keyof typeof actionStatusLabels;
  dueOn: string;
  ownerAgency: string;
  note: string;
}

const actionUpdatedSpec: EventSpec<ActionUpdateForm> = {
  type: 'action-updated',
  button: 'Update an action',
  title: 'Update an action in the plan',
  init: (ctx) => {
    const mine = ctx.me.person.roles.includes('spoc') ? undefined : ctx.me.person.agencyId;
    const a =
      ctx.detail.state.actions.find(
        (x) => (x.status === 'open' || x.status === 'in-progress') && (!mine || x.ownerAgency === mine),
      ) ?? ctx.detail.state.actions[0];
    return {
      actionId: a?.id ?? '',
      status: a?.status ?? 'in-progress',
      dueOn: a?.dueOn ?? '',
      ownerAgency: a?.ownerAgency ?? '',
      note: '',
    };
  },
  payload: (f, ctx) => {
    const a = ctx.detail.state.actions.find((x) => x.id === f.actionId);
    return {
      actionId: f.actionId,
      status: f.status,
      ...(f.dueOn && f.dueOn !== a?.dueOn ? { dueOn: f.dueOn } : {}),
      ...(f.ownerAgency && f.ownerAgency !== a?.ownerAgency ? { ownerAgency: f.ownerAgency } : {}),
      ...opt('note', f.note.trim()),
    };
  },
  Fields: ({ form, set, problems, ctx }: FieldsProps<ActionUpdateForm>) => {
    const styles = useFieldStyles();
    return (
      <>
        <Choice
          path="actionId"
          label="Action"
          required
          value={form.actionId}
          problems={problems}
          placeholder="Choose..."
          options={ctx.detail.state.actions.map((a) => ({
            value: a.id,
            label: `${a.description.slice(0, 80)} (${ctx.agencyName(a.ownerAgency)}, ${actionStatusLabels[a.status]})`,
          }))}
          onChange={(actionId) => {
            const a = ctx.detail.state.actions.find((x) => x.id === actionId);
            set({ actionId, ...(a ? { status: a.status, dueOn: a.dueOn, ownerAgency: a.ownerAgency } : {}) });
          }}
        />
        <div className={styles.two}>
          <Choice
            path="status"
            label="Status"
            required
            value={form.status}
            problems={problems}
            options={optionsOf(actionStatusLabels)}
            onChange={(status) => set({ status })}
          />
          <DateInput
            path="dueOn"
            label="Due"
            value={form.dueOn}
            problems={problems}
            onChange={(dueOn) => set({ dueOn })}
          />
          <Choice
            path="ownerAgency"
            label="Owner"
            value={form.ownerAgency}
            problems={problems}
            options={agencyOptions(ctx.policy)}
            onChange={(ownerAgency) => set({ ownerAgency })}
          />
        </div>
        <LongText
          path="note"
          label="Note"
          value={form.note}
          maxLength={4000}
          problems={problems}
          onChange={(note) => set({ note })}
        />
      </>
    );
  },
};

const actionUpdated = spec(actionUpdatedSpec);

/** "Update" beside one action in the plan: the same dialog, opened on that action. */
export function actionUpdateSpec(actionId: string): AnySpec {
  return spec<ActionUpdateForm>({
    ...actionUpdatedSpec,
    button: 'Update',
    title: 'Update the action',
    init: (ctx) => {
      const a = ctx.detail.state.actions.find((x) => x.id === actionId);
      return a
        ? { actionId, status: a.status, dueOn: a.dueOn, ownerAgency: a.ownerAgency, note: '' }
        : actionUpdatedSpec.init(ctx);
    },
  });
}

// ---------------------------------------------------------------------------------------------------------
// Close, note

interface CloseForm {
  closedOn: string;
  reason: keyof typeof closureReasonLabels;
  detail: string;
  victimToldOn: string;
  victimNotToldReason: string;
  keepRightsOpen: boolean;
}

/** The closure reason the case's state suggests (the close dialog and the closure letter). */
export function defaultClosure(ctx: CaseContext): CloseForm['reason'] {
  const s = ctx.detail.state;
  const d = currentDecision(s);
  if (s.appeals.at(-1)?.outcome === 'dismissed') return 'appeal-dismissed';
  if (d?.outcome === 'not-met') return 'threshold-not-met';
  if (d?.outcome === 'ineligible') return 'ineligible';
  if (currentReview(s)?.outcomeSentOn) return 'actions-complete';
  return 'withdrawn';
}

/** A closure letter issued since the case was (re)opened: it tells the victim when and why. */
const closureLetter = (ctx: CaseContext) => {
  const s = ctx.detail.state;
  const since = s.reopenings.at(-1)?.reopenedOn ?? s.receivedOn;
  return s.letters.find((l) => l.kind === 'closure' && l.issuedOn >= since);
};

const caseClosed = spec<CloseForm>({
  type: 'case-closed',
  button: 'Close case',
  title: 'Close the case',
  intro: (ctx) =>
    ctx.policy.duties.closureNotice
      ? 'The 2025 statutory guidance: the victim is told when and why the case will close (the closure letter can go in advance). A right the applicant still has stays open unless they waived it.'
      : 'A right the applicant still has stays open unless they waived it.',
  init: (ctx) => ({
    closedOn: ctx.today,
    reason: defaultClosure(ctx),
    detail: '',
    victimToldOn: '',
    victimNotToldReason: '',
    keepRightsOpen: true,
  }),
  payload: (f, ctx) => ({
    closedOn: f.closedOn,
    reason: f.reason,
    ...opt('detail', f.detail.trim()),
    ...opt('victimToldOn', f.victimToldOn),
    ...(f.victimToldOn ? {} : opt('victimNotToldReason', f.victimNotToldReason.trim())),
    ...(f.keepRightsOpen && openRights(ctx.detail.state, ctx.policy, f.closedOn || ctx.today).length > 0
      ? { keepRightsOpen: true }
      : {}),
  }),
  check: (f, ctx) => {
    const out: Problem[] = [];
    if (f.reason === 'other' && blank(f.detail))
      out.push({ path: 'detail', message: 'Say why the case is closing.' });
    if (
      ctx.policy.duties.closureNotice &&
      !f.victimToldOn &&
      !closureLetter(ctx) &&
      blank(f.victimNotToldReason)
    )
      out.push({
        path: 'victimToldOn',
        message: 'Give the date the victim was told when and why the case closes, or say why they were not.',
      });
    return out;
  },
  submit: 'Close the case',
  Fields: ({ form, set, problems, ctx }: FieldsProps<CloseForm>) => {
    const styles = useFieldStyles();
    const rights = openRights(ctx.detail.state, ctx.policy, form.closedOn || ctx.today);
    const letter = closureLetter(ctx);
    return (
      <>
        <Radios
          path="reason"
          label="Why it closes"
          required
          value={form.reason}
          problems={problems}
          options={optionsOf(closureReasonLabels)}
          onChange={(reason) => set({ reason })}
        />
        <LongText
          path="detail"
          label="Details"
          required={form.reason === 'other'}
          value={form.detail}
          maxLength={4000}
          problems={problems}
          onChange={(detail) => set({ detail })}
        />
        <DateInput
          path="closedOn"
          label="Closed on"
          required
          value={form.closedOn}
          max={ctx.today}
          problems={problems}
          onChange={(closedOn) => set({ closedOn })}
        />
        {rights.length > 0 && (
          <Fieldset legend="The applicant's rights still open" path="keepRightsOpen" problems={problems}>
            <ul style={{ margin: 0 }}>
              {rights.map((r) => (
                <li key={r.right}>
                  {r.right === 'appeal' ? 'Appeal the outcome' : 'Ask for a review of the decision'}
                  {r.until ? ` until ${formatDate(r.until)}` : ' (no time limit)'}
                </li>
              ))}
            </ul>
            <Tick
              path="keepRightsOpen"
              label="Close keeping these rights open: a request or appeal that arrives later reopens the case"
              checked={form.keepRightsOpen}
              problems={problems}
              onChange={(keepRightsOpen) => set({ keepRightsOpen })}
            />
            <p style={{ margin: 0 }}>
              Otherwise record that the applicant waived them first, or wait until they end.
            </p>
          </Fieldset>
        )}
        <div className={styles.two}>
          <DateInput
            path="victimToldOn"
            label="Victim told when and why on"
            required={ctx.policy.duties.closureNotice && !letter && blank(form.victimNotToldReason)}
            value={form.victimToldOn}
            max={ctx.today}
            {...(letter ? { hint: `The closure letter went on ${formatDate(letter.issuedOn)}.` } : {})}
            problems={problems}
            onChange={(victimToldOn) => set({ victimToldOn })}
          />
          {!form.victimToldOn && !letter && (
            <LongText
              path="victimNotToldReason"
              label="Why the victim was not told"
              value={form.victimNotToldReason}
              maxLength={2000}
              problems={problems}
              onChange={(victimNotToldReason) => set({ victimNotToldReason })}
            />
          )}
        </div>
      </>
    );
  },
});

interface NoteForm {
  text: string;
}

const noteAdded = spec<NoteForm>({
  type: 'note-added',
  button: 'Add a note',
  title: 'Add a note to the case',
  intro: () => 'Notes are part of the case record and visible to the agencies on the case.',
  init: () => ({ text: '' }),
  payload: (f) => ({ text: f.text.trim() }),
  Fields: ({ form, set, problems }: FieldsProps<NoteForm>) => (
    <LongText
      path="text"
      label="Note"
      required
      value={form.text}
      maxLength={10_000}
      rows={6}
      problems={problems}
      onChange={(text) => set({ text })}
    />
  ),
});

/** Every event the tab can record, by type. */
export const eventSpecs: Partial<Record<EventType, AnySpec>> = {
  acknowledged,
  'threshold-decided': thresholdDecided,
  'threshold-review-requested': thresholdReviewRequested,
  'returns-requested': returnsRequested,
  'return-received': returnReceived,
  'victim-contacted': victimContacted,
  'panel-booked': panelBooked,
  'panel-cancelled': panelCancelled,
  'review-held': reviewHeld,
  'outcome-sent': outcomeSent,
  'minutes-circulated': minutesCirculated,
  'action-updated': actionUpdated,
  'appeal-lodged': appealLodged,
  'appeal-heard': appealHeard,
  'appeal-decided': appealDecided,
  'case-closed': caseClosed,
  'right-waived': rightWaived,
  'case-reopened': caseReopened,
  'applicant-told': applicantTold,
  'note-added': noteAdded,
};

export const useSpecStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});
