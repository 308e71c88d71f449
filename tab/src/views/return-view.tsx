import {
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { ReturnRequestView, SubmitReturn } from '../../../bot/api/contract';
import { workingDaysBetween } from '../../../shared';
import { useApp } from '../app-context';
import { Fieldset } from '../components/fieldset';
import { Page } from '../components/page';
import { FormProblems, ProblemSummary } from '../components/problems';
import { fieldGrid, useCommonStyles } from '../components/styles';
import { DateInput, Radios, TextArea, TextInput, binder } from '../components/fields';
import { formatDate } from '../lib/format';
import { ProblemIndex, type Problem } from '../lib/problems';
import { useAction } from '../lib/use-action';
import { useLoad } from '../lib/use-load';
import { uuid } from '../lib/uuid';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: `0 0 ${tokens.spacingVerticalL}`,
  },
  term: { color: tokens.colorNeutralForeground3 },
  detail: { margin: 0 },
  fields: fieldGrid('14rem'),
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '52rem' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

const returnHref = (caseId: string, requestId: string) =>
  `/return?caseId=${encodeURIComponent(caseId)}&requestId=${encodeURIComponent(requestId)}`;

/** "received 2 working days late" (the shared working-day calendar, bank holidays included). */
export function lateness(dueOn: string, receivedOn: string): string {
  try {
    const n = workingDaysBetween(dueOn, receivedOn);
    if (n > 0) return `received ${n} working ${n === 1 ? 'day' : 'days'} late`;
  } catch {
    // A date outside the bank holiday data: say late without a number rather than guess.
  }
  return 'received late';
}

const fieldLabels: Record<string, string> = {
  holdsRecord: 'whether you hold a record',
  reference: 'your reference',
  reportedOn: 'the date it was reported to you',
  actionTaken: 'the action taken',
};

/** "Incident 2, your reference" for `incidents[1].reference`, for the problem summary's links. */
function fieldLabel(path: string): string | undefined {
  if (path === 'otherInformation') return 'Other information';
  const m = /^incidents\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (!m) return undefined;
  const field = m[2] ? fieldLabels[m[2]] : undefined;
  return `Incident ${Number(m[1]) + 1}${field ? `, ${field}` : ''}`;
}

/**
 * `/return`: where a partner agency answers a request for information (the link in the request email).
 * With `?caseId=&requestId=` it shows that one request of the signed-in member's own agency and its
 * return form; without them, the agency's outstanding requests. Another agency's request is "not found",
 * and the page then says nothing about the case.
 */
export default function ReturnView() {
  const params = new URLSearchParams(window.location.search);
  const caseId = params.get('caseId');
  const requestId = params.get('requestId');
  if (caseId && requestId) return <ReturnRequest caseId={caseId} requestId={requestId} />;
  return <MyRequests />;
}

function MyRequests() {
  const { api, me } = useApp();
  const common = useCommonStyles();
  const mine = useLoad((signal) => api.myRequests(signal), [api]);
  const items = mine.data?.items;
  const error = mine.error;

  const outstanding = (items ?? [])
    .filter((r) => r.status === 'requested')
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1));
  return (
    <Page title="Your agency's return requests">
      {!items && !error && <Spinner label="Loading your requests..." />}
      {error && (
        <ProblemSummary
          title="Could not list your requests"
          message={
            error.status === 403 ? 'Only members of a partner agency have return requests.' : error.message
          }
        />
      )}
      {items && outstanding.length === 0 && <p>Your agency has no outstanding return requests.</p>}
      {outstanding.length > 0 && (
        <>
          <p className={common.muted}>
            Requests waiting for your agency&apos;s return, soonest due first. Today is {formatDate(me.today)}
            .
          </p>
          <ul className={common.list} aria-label="Outstanding requests">
            {outstanding.map((r) => (
              <li key={`${r.caseId}/${r.requestId}`}>
                <Link href={returnHref(r.caseId, r.requestId)}>Case {r.reference}</Link>: due{' '}
                {formatDate(r.dueOn)}
                {r.dueOn < me.today ? ' (overdue)' : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

interface IncidentAnswer {
  holdsRecord: '' | 'yes' | 'no';
  reference: string;
  reportedOn: string;
  actionTaken: string;
}

const holdsLabel = 'Does your agency hold a record of this incident?';

const incidentLegend = (incident: ReturnRequestView['incidents'][number], i: number) =>
  `Incident ${i + 1}: ${formatDate(incident.occurredOn)}${incident.hate ? ' (hate incident)' : ''}`;

const yesNo = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const;

const blank: IncidentAnswer = { holdsRecord: '', reference: '', reportedOn: '', actionTaken: '' };

function ReturnRequest({ caseId, requestId }: { caseId: string; requestId: string }) {
  const { api, me } = useApp();
  const styles = useStyles();
  const common = useCommonStyles();
  const request = useLoad((signal) => api.returnRequest(caseId, requestId, signal), [api, caseId, requestId]);
  // The answer to the return replaces the request as loaded (it lists the return just made).
  const [sentView, setSentView] = useState<typeof request.data>();
  const [answers, setAnswers] = useState<IncidentAnswer[]>([]);
  const [other, setOther] = useState('');
  // One id per page load: a double click or a retry after a lost answer records one return.
  const [returnId] = useState(uuid);
  const [problems, setProblems] = useState<Problem[]>([]);
  const send = useAction();
  const serverError = send.error;
  const summaryRef = useRef<HTMLDivElement>(null);
  const index = useMemo(() => new ProblemIndex(problems), [problems]);

  if (!request.data && !request.error)
    return (
      <Page title="Agency return">
        <Spinner label="Loading the request..." />
      </Page>
    );
  if (request.error?.status === 404)
    return (
      <Page title="This request is not for your agency">
        <p role="alert">
          There is no request at this link for your agency. It may be another agency&apos;s request, or the
          link may be incomplete. Check that you signed in with your own organisation&apos;s account.
        </p>
        <p>
          <Link href="/return">See your agency&apos;s outstanding requests</Link>
        </p>
      </Page>
    );
  if (!request.data)
    return (
      <Page title="Agency return">
        <ProblemSummary title="Could not load the request" message={request.error?.message} />
      </Page>
    );

  const view = sentView ?? request.data;
  const sent = !!sentView;
  const change = (i: number, patch: Partial<IncidentAnswer>) =>
    setAnswers((all) => view.incidents.map((_, j) => ({ ...(all[j] ?? blank), ...(j === i ? patch : {}) })));
  const answered = view.returns.length > 0;
  const overdue = !answered && view.dueOn < me.today;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (send.busy) return;
    send.reset();
    const current = view.incidents.map((_, i) => answers[i] ?? blank);
    const missing: Problem[] = current.flatMap((a, i) =>
      a.holdsRecord
        ? []
        : [{ path: `incidents[${i}].holdsRecord`, message: 'Say whether you hold a record.' }],
    );
    setProblems(missing);
    if (missing.length > 0) {
      requestAnimationFrame(() => summaryRef.current?.querySelector<HTMLElement>('button, a')?.focus());
      return;
    }
    const body: SubmitReturn = {
      id: returnId,
      incidents: view.incidents.map((incident, i) => {
        const a = answers[i] ?? blank;
        const holds = a.holdsRecord === 'yes';
        return {
          incidentId: incident.id,
          holdsRecord: holds,
          ...(holds && a.reference.trim() ? { reference: a.reference.trim() } : {}),
          ...(holds && a.reportedOn ? { reportedOn: a.reportedOn } : {}),
          ...(holds && a.actionTaken.trim() ? { actionTaken: a.actionTaken.trim() } : {}),
        };
      }),
      ...(other.trim() ? { otherInformation: other.trim() } : {}),
    };
    const done = await send.run(() => api.submitReturn(caseId, requestId, body));
    if (done.ok) setSentView(done.value);
    else if (done.error) {
      setProblems([...done.error.problems]);
      requestAnimationFrame(() => summaryRef.current?.querySelector<HTMLElement>('button, a')?.focus());
    }
  };

  const latest = view.returns[view.returns.length - 1];
  return (
    <Page title={`Agency return for case ${view.reference}`}>
      <dl className={styles.facts}>
        <dt className={styles.term}>Case</dt>
        <dd className={styles.detail}>{view.reference}</dd>
        <dt className={styles.term}>Agency</dt>
        <dd className={styles.detail}>{view.agencyName}</dd>
        <dt className={styles.term}>Requested on</dt>
        <dd className={styles.detail}>{formatDate(view.requestedOn)}</dd>
        <dt className={styles.term}>Due by</dt>
        <dd className={styles.detail}>
          {formatDate(view.dueOn)}
          {overdue ? ' (overdue)' : ''}
        </dd>
      </dl>

      {sent && latest && (
        <MessageBar intent="success" layout="multiline" className={common.section}>
          <MessageBarBody>
            <MessageBarTitle>Return sent</MessageBarTitle>
            Your return was received on {formatDate(latest.receivedOn)}
            {latest.late ? `, ${lateness(view.dueOn, latest.receivedOn)}` : ', on time'}. Thank you. To
            correct it, reload this page and send it again.
          </MessageBarBody>
        </MessageBar>
      )}

      {answered && (
        <section aria-labelledby="return-made">
          <h2 id="return-made" className={common.h2}>
            Returns already made
          </h2>
          <ul className={common.list}>
            {view.returns.map((r, i) => (
              <li key={i}>
                Received {formatDate(r.receivedOn)}
                {r.late ? `, ${lateness(view.dueOn, r.receivedOn)}` : ', on time'}
                {r.submittedBy === me.person.id ? ' (by you)' : ''}
                {i === view.returns.length - 1 && view.returns.length > 1 ? ' (the current return)' : ''}
              </li>
            ))}
          </ul>
        </section>
      )}

      {!sent && (
        <form
          className={styles.form}
          onSubmit={(e) => void submit(e)}
          noValidate
          aria-labelledby="return-form"
        >
          <div>
            <h2 id="return-form" className={common.h2}>
              {answered ? 'Send a corrected return' : 'Your return'}
            </h2>
            <p className={common.muted}>
              For each incident, say whether your agency holds a record of it; if it does, give your
              reference, the date it was reported to you and the action taken.
            </p>
          </div>
          {view.incidents.length === 0 && <p>The request lists no incidents; add what you know below.</p>}
          {view.incidents.map((incident, i) => {
            const a = answers[i] ?? blank;
            const field = binder(a, (patch) => change(i, patch), index, `incidents[${i}].`);
            return (
              <Fieldset key={incident.id} legend={incidentLegend(incident, i)}>
                <Radios
                  {...field('holdsRecord')}
                  label={holdsLabel}
                  required
                  layout="horizontal"
                  options={yesNo}
                />
                {a.holdsRecord === 'yes' && (
                  <div className={styles.fields}>
                    <TextInput
                      {...field('reference')}
                      label="Your reference"
                      maxLength={100}
                      autoComplete="off"
                    />
                    <DateInput {...field('reportedOn')} label="Date it was reported to you" max={me.today} />
                    <TextArea {...field('actionTaken')} label="Action taken" maxLength={4000} />
                  </div>
                )}
              </Fieldset>
            );
          })}
          <TextArea
            path="otherInformation"
            problems={index}
            label="Other information"
            hint="Anything else the review panel should know about the anti-social behaviour or the people involved."
            value={other}
            maxLength={20_000}
            rows={4}
            onChange={setOther}
          />
          <div ref={summaryRef}>
            <FormProblems
              error={serverError}
              problems={problems}
              failed="The return was not sent"
              ask="Answer these and send it again:"
              labelOf={fieldLabel}
            />
          </div>
          <div className={styles.buttons}>
            <Button appearance="primary" type="submit" disabledFocusable={send.busy}>
              Send the return
            </Button>
            {send.busy && <Spinner size="tiny" label="Sending..." labelPosition="after" />}
          </div>
        </form>
      )}
    </Page>
  );
}
