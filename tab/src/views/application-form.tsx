import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { newApplicationSchema, type NewApplication } from '../../../bot/api/contract';
import {
  problemsOf,
  safeAssessThreshold,
  secondReportPrompt,
  type Incident,
  type SecondReportPrompt,
} from '../../../shared';
import type { CreatedCase } from '../api/client';
import { useApp } from '../app-context';
import { Fieldset } from '../components/fieldset';
import { FormField } from '../components/form-field';
import { ProblemSummary } from '../components/problems';
import { useCommonStyles } from '../components/styles';
import { asApiError, type ApiRequestError } from '../lib/api-error';
import {
  OTHER_AGENCY,
  addIncident,
  applicationFieldLabel,
  blankReport,
  formProblems,
  initialForm,
  mergeProblems,
  previewApplication,
  titleWarning,
  toNewApplication,
  withReportAgencies,
  type ApplicationFormState,
  type ApplicationInitial,
  type AttachmentInfo,
  type IncidentRow,
  type PartyForm,
  type ReportRow,
} from '../lib/application-form';
import { formatSize } from '../lib/format';
import { channelLabels, outcomeLabels } from '../lib/labels';
import { ProblemIndex, type Problem } from '../lib/problems';
import { uuid } from '../lib/uuid';
import { navigate } from '../router';

export type { ApplicationInitial, AttachmentInfo } from '../lib/application-form';

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalXXL,
    '@media (min-width: 1100px)': { gridTemplateColumns: 'minmax(0, 2fr) minmax(20rem, 1fr)' },
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  advice: {
    alignSelf: 'start',
    '@media (min-width: 1100px)': { position: 'sticky', top: tokens.spacingVerticalL },
  },
  two: {
    display: 'grid',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    gridTemplateColumns: 'repeat(auto-fit, minmax(14rem, 1fr))',
    alignItems: 'start',
    '& > *': { minWidth: 0 },
  },
  checks: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(16rem, 1fr))' },
  incident: { backgroundColor: tokens.colorNeutralBackground2 },
  report: {
    display: 'grid',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    gridTemplateColumns: 'repeat(auto-fill, minmax(13rem, 1fr))',
    alignItems: 'start',
    '& > *': { minWidth: 0 },
  },
  reportBox: { backgroundColor: tokens.colorNeutralBackground1 },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'center' },
  reasons: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
  result: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  submitBar: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export interface ApplicationFormProps {
  /** Prefills the form (the Outlook task pane passes the email's details and attachments). */
  initial?: ApplicationInitial;
  /** Where the application is recorded from; `outlook` when there is an emailId. */
  sourceKind?: 'tab' | 'outlook';
  /** Called once the case exists, with the attachments the SPOC kept; the default opens the case. */
  onCreated?: (created: CreatedCase & { attachments: AttachmentInfo[] }) => void;
  /**
   * Sends the application; the default is POST /api/cases. The Outlook task pane passes its own (POST
   * /api/outlook/cases with the email's id, .eml and attachments, per emailApplicationSchema).
   */
  submit?: (body: NewApplication) => Promise<CreatedCase>;
  /** Hides the introduction, for a narrow host such as a task pane. */
  compact?: boolean;
}

/**
 * The SPOC records an application however it arrived. The advisory threshold result (shared
 * safeAssessThreshold with the council's policy) updates as incidents are typed; the threshold decision
 * itself is recorded on the case. Submitting sends POST /api/cases with one requestId for this form, kept
 * across retries, so a retry after a lost answer creates one case.
 */
export function ApplicationForm({
  initial,
  sourceKind,
  onCreated,
  submit: send,
  compact,
}: ApplicationFormProps) {
  const { api, me } = useApp();
  const { policy, today } = me;
  const styles = useStyles();
  const common = useCommonStyles();
  const [form, setForm] = useState<ApplicationFormState>(() => initialForm(today, initial));
  const [requestId] = useState(uuid);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [serverError, setServerError] = useState<ApiRequestError | undefined>();
  const [busy, setBusy] = useState(false);
  const [keep, setKeep] = useState<Set<string>>(() => new Set((initial?.attachments ?? []).map((a) => a.id)));
  const summaryRef = useRef<HTMLDivElement>(null);
  const index = useMemo(() => new ProblemIndex(problems), [problems]);

  const preview = useMemo(() => previewApplication(form, policy), [form, policy]);
  const advice = useMemo(() => safeAssessThreshold(preview.application, policy), [preview, policy]);
  const prompt = useMemo<SecondReportPrompt | undefined>(() => {
    try {
      return secondReportPrompt({ incidents: preview.application.incidents as Incident[] }, policy, today);
    } catch {
      return undefined;
    }
  }, [preview, policy, today]);
  const resultById = useMemo(
    () => new Map(advice.success ? advice.assessment.incidents.map((r) => [r.id, r]) : []),
    [advice],
  );

  const update = (patch: Partial<ApplicationFormState>) => setForm((f) => ({ ...f, ...patch }));
  const updateIncident = (key: string, patch: Partial<IncidentRow>) =>
    setForm((f) => ({ ...f, incidents: f.incidents.map((i) => (i.key === key ? { ...i, ...patch } : i)) }));
  const updateReport = (incidentKey: string, reportKey: string, patch: Partial<ReportRow>) =>
    setForm((f) =>
      withReportAgencies(
        {
          ...f,
          incidents: f.incidents.map((i) =>
            i.key === incidentKey
              ? { ...i, reports: i.reports.map((r) => (r.key === reportKey ? { ...r, ...patch } : r)) }
              : i,
          ),
        },
        policy,
      ),
    );
  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...new Set([...list, value])] : list.filter((v) => v !== value);

  const communityRoute = policy.threshold.community.enabled && form.victimKind === 'community-group';
  const overrideAllowed = policy.threshold.seniorManagerOverride.enabled;
  const warning = titleWarning(form);
  const source = {
    kind: sourceKind ?? (initial?.emailId ? 'outlook' : 'tab'),
    ...(initial?.emailId ? { emailId: initial.emailId } : {}),
  } as const;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setServerError(undefined);
    const body = toNewApplication(form, { requestId, policy, source });
    const parsed = newApplicationSchema.safeParse(body);
    const found = mergeProblems(formProblems(form), parsed.success ? [] : problemsOf(parsed.error));
    setProblems(found);
    if (found.length > 0) {
      requestAnimationFrame(() => summaryRef.current?.querySelector<HTMLElement>('button, a')?.focus());
      return;
    }
    setBusy(true);
    try {
      const data = parsed.data ?? body;
      const created = await (send ? send(data) : api.createCase(data));
      const attachments = (initial?.attachments ?? []).filter((a) => keep.has(a.id));
      if (onCreated) onCreated({ ...created, attachments });
      else navigate({ view: 'case', caseId: created.caseId });
    } catch (err) {
      const error = asApiError(err);
      setServerError(error);
      setProblems([...error.problems]);
      setBusy(false);
    }
  };

  const partyFields = (who: 'victim' | 'applicant', p: PartyForm, label: string) => (
    <div className={styles.two}>
      <FormField path={`parties.${who}.name`} problems={index} label={`${label} name`}>
        <Input
          value={p.name}
          maxLength={200}
          autoComplete="off"
          onChange={(_, d) => update({ [who]: { ...p, name: d.value } })}
        />
      </FormField>
      <FormField path={`parties.${who}.email`} problems={index} label="Email">
        <Input
          type="email"
          value={p.email}
          autoComplete="off"
          onChange={(_, d) => update({ [who]: { ...p, email: d.value } })}
        />
      </FormField>
      <FormField path={`parties.${who}.phone`} problems={index} label="Phone">
        <Input
          type="tel"
          value={p.phone}
          maxLength={40}
          autoComplete="off"
          onChange={(_, d) => update({ [who]: { ...p, phone: d.value } })}
        />
      </FormField>
      <FormField path={`parties.${who}.address`} problems={index} label="Address">
        <Textarea
          value={p.address}
          maxLength={500}
          resize="vertical"
          onChange={(_, d) => update({ [who]: { ...p, address: d.value } })}
        />
      </FormField>
    </div>
  );

  return (
    <div className={styles.layout}>
      <form className={styles.form} onSubmit={submit} noValidate aria-label="New application">
        {!compact && (
          <p className={common.muted}>
            Record an application that came by web form, email, phone, letter or in person. Fields marked with
            a star are required.
          </p>
        )}

        <section aria-labelledby="app-arrived">
          <h2 id="app-arrived" className={common.h2}>
            How it arrived
          </h2>
          <div className={styles.two}>
            <FormField path="receivedVia" problems={index} label="How the application arrived" required>
              <Select
                value={form.receivedVia}
                onChange={(_, d) => update({ receivedVia: d.value as ApplicationFormState['receivedVia'] })}
              >
                <option value="">Choose...</option>
                {Object.entries(channelLabels).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </Select>
            </FormField>
            <FormField path="application.receivedOn" problems={index} label="Date received" required>
              <Input
                type="date"
                value={form.receivedOn}
                max={today}
                onChange={(_, d) => update({ receivedOn: d.value })}
              />
            </FormField>
          </div>
        </section>

        <section aria-labelledby="app-applicant">
          <h2 id="app-applicant" className={common.h2}>
            Applicant and victim
          </h2>
          <div className={common.stack}>
            <FormField
              path="application.applicant.relationship"
              problems={index}
              label="Who is applying"
              required
            >
              <RadioGroup
                layout="horizontal"
                value={form.relationship}
                onChange={(_, d) => update({ relationship: d.value as ApplicationFormState['relationship'] })}
              >
                <Radio value="victim" label="The victim" />
                <Radio value="third-party" label="Someone on the victim's behalf (third party)" />
              </RadioGroup>
            </FormField>
            {form.relationship === 'third-party' && (
              <FormField path="application.applicant.consentGiven" problems={index}>
                <Checkbox
                  checked={form.consentGiven}
                  label="The victim has given consent to this application"
                  onChange={(_, d) => update({ consentGiven: d.checked === true })}
                />
              </FormField>
            )}
            <FormField
              path="application.applicant.anonymous"
              problems={index}
              hint="A case review cannot go ahead on an anonymous application; the advice will say so."
            >
              <Checkbox
                checked={form.anonymous}
                label="The applicant wishes to remain anonymous"
                onChange={(_, d) => update({ anonymous: d.checked === true })}
              />
            </FormField>
            <FormField path="application.victim.kind" problems={index} label="The victim is" required>
              <RadioGroup
                layout="horizontal"
                value={form.victimKind}
                onChange={(_, d) => update({ victimKind: d.value as ApplicationFormState['victimKind'] })}
              >
                <Radio value="individual" label="A person" />
                <Radio value="business" label="A business" />
                <Radio value="community-group" label="A community group" />
              </RadioGroup>
            </FormField>
            <FormField path="application.victim.vulnerable" problems={index}>
              <Checkbox
                checked={form.vulnerable}
                label="The victim is vulnerable"
                onChange={(_, d) => update({ vulnerable: d.checked === true })}
              />
            </FormField>
            <Fieldset
              legend="Victim's contact details"
              hint="Personal data: kept for letters only, never shown to other agencies or in lists."
            >
              {partyFields(
                'victim',
                form.victim,
                form.victimKind === 'individual' ? "Victim's" : 'Business or group',
              )}
            </Fieldset>
            {form.relationship === 'third-party' && (
              <Fieldset legend="Applicant's contact details" hint="Personal data: kept for letters only.">
                {partyFields('applicant', form.applicant, "Applicant's")}
              </Fieldset>
            )}
          </div>
        </section>

        <section aria-labelledby="app-agencies">
          <h2 id="app-agencies" className={common.h2}>
            Agencies involved
          </h2>
          <Fieldset
            legend="Agencies on this case"
            hint="They receive requests for information and can see the case. Agencies named in a report are ticked for you."
            path="agencies"
            problems={index}
            plain
          >
            <div className={styles.checks}>
              {policy.agencies.map((a) => (
                <Checkbox
                  key={a.id}
                  label={a.name}
                  checked={form.agencies.includes(a.id)}
                  onChange={(_, d) => update({ agencies: toggle(form.agencies, a.id, d.checked === true) })}
                />
              ))}
            </div>
          </Fieldset>
        </section>

        <section aria-labelledby="app-incidents">
          <h2 id="app-incidents" className={common.h2}>
            Incidents
          </h2>
          <p className={common.muted}>
            One entry per incident, with each report of it. An incident reported to several agencies counts
            once.
          </p>
          <div className={common.stack}>
            {form.incidents.map((incident, i) => (
              <IncidentFields
                key={incident.key}
                incident={incident}
                index={i}
                problems={index}
                communityRoute={communityRoute}
                result={resultById.get(incident.id)}
                onChange={(patch) => updateIncident(incident.key, patch)}
                onReport={(reportKey, patch) => updateReport(incident.key, reportKey, patch)}
                onAddReport={() =>
                  updateIncident(incident.key, { reports: [...incident.reports, blankReport()] })
                }
                onRemoveReport={(reportKey) =>
                  updateIncident(incident.key, {
                    reports: incident.reports.filter((r) => r.key !== reportKey),
                  })
                }
                onRemove={() =>
                  setForm((f) => ({ ...f, incidents: f.incidents.filter((x) => x.key !== incident.key) }))
                }
              />
            ))}
            {index.at('application.incidents') && (
              <p role="alert" className={common.muted}>
                {index.at('application.incidents')}
              </p>
            )}
            <div>
              <Button onClick={() => setForm((f) => addIncident(f))}>Add an incident</Button>
            </div>
          </div>
        </section>

        <section aria-labelledby="app-eligibility">
          <h2 id="app-eligibility" className={common.h2}>
            Eligibility
          </h2>
          <div className={common.stack}>
            <Fieldset
              legend="Exclusions that apply"
              hint="Each one makes the application ineligible, with the reason recorded."
              path="application.exclusions"
              problems={index}
              plain
            >
              {policy.exclusions.length === 0 && (
                <span className={common.muted}>This policy excludes nothing.</span>
              )}
              {policy.exclusions.map((ground) => (
                <Checkbox
                  key={ground.id}
                  label={ground.label}
                  checked={form.exclusions.includes(ground.id)}
                  onChange={(_, d) =>
                    update({ exclusions: toggle(form.exclusions, ground.id, d.checked === true) })
                  }
                />
              ))}
            </Fieldset>
            {overrideAllowed && (
              <Fieldset
                legend="Senior manager's override"
                path="application.seniorManagerOverride"
                problems={index}
              >
                <Checkbox
                  checked={form.override.enabled}
                  label="A senior manager decided a case review is needed to safeguard a vulnerable victim"
                  onChange={(_, d) => update({ override: { ...form.override, enabled: d.checked === true } })}
                />
                {form.override.enabled && (
                  <div className={styles.two}>
                    <FormField
                      path="application.seniorManagerOverride.by"
                      problems={index}
                      label="Name"
                      required
                    >
                      <Input
                        value={form.override.by}
                        maxLength={120}
                        onChange={(_, d) => update({ override: { ...form.override, by: d.value } })}
                      />
                    </FormField>
                    <FormField
                      path="application.seniorManagerOverride.role"
                      problems={index}
                      label="Role"
                      required
                      hint={`Allowed: ${policy.threshold.seniorManagerOverride.eligibleRoles.join('; ')}`}
                    >
                      <Input
                        value={form.override.role}
                        maxLength={120}
                        onChange={(_, d) => update({ override: { ...form.override, role: d.value } })}
                      />
                    </FormField>
                    <FormField
                      path="application.seniorManagerOverride.reason"
                      problems={index}
                      label="Why a review is needed"
                      required
                    >
                      <Textarea
                        value={form.override.reason}
                        maxLength={2000}
                        resize="vertical"
                        onChange={(_, d) => update({ override: { ...form.override, reason: d.value } })}
                      />
                    </FormField>
                  </div>
                )}
              </Fieldset>
            )}
            <div className={styles.two}>
              <FormField
                path="previousCase"
                problems={index}
                label="Previous case reference"
                hint="If the victim applied before, for example CT-2025-0012."
              >
                <Input
                  value={form.previousCase}
                  maxLength={40}
                  onChange={(_, d) => update({ previousCase: d.value })}
                />
              </FormField>
              <FormField
                path="materialChange"
                problems={index}
                label="Material change of circumstances"
                hint="For a repeat application: what has changed since."
              >
                <Textarea
                  value={form.materialChange}
                  maxLength={2000}
                  resize="vertical"
                  onChange={(_, d) => update({ materialChange: d.value })}
                />
              </FormField>
            </div>
          </div>
        </section>

        <section aria-labelledby="app-summary">
          <h2 id="app-summary" className={common.h2}>
            Summary
          </h2>
          <div className={common.stack}>
            <FormField
              path="title"
              problems={index}
              label="Short title"
              hint="Shown in lists to every agency on the case: describe the problem and place, never the victim's name (for example 'Noise and harassment, Station Road')."
              {...(warning ? { extraMessage: { text: warning, state: 'warning' as const } } : {})}
            >
              <Input value={form.title} maxLength={120} onChange={(_, d) => update({ title: d.value })} />
            </FormField>
            <FormField
              path="account"
              problems={index}
              label="The applicant's account"
              hint={`In their words, as far as possible. ${form.account.length.toLocaleString('en-GB')} of 20,000 characters.`}
            >
              <Textarea
                value={form.account}
                maxLength={20_000}
                rows={6}
                resize="vertical"
                onChange={(_, d) => update({ account: d.value })}
              />
            </FormField>
          </div>
        </section>

        {initial?.attachments && initial.attachments.length > 0 && (
          <section aria-labelledby="app-attachments">
            <h2 id="app-attachments" className={common.h2}>
              Attachments
            </h2>
            <Fieldset legend="Keep these files with the case" plain>
              {initial.attachments.map((a) => (
                <Checkbox
                  key={a.id}
                  label={`${a.name}${a.size !== undefined ? ` (${formatSize(a.size)})` : ''}`}
                  checked={keep.has(a.id)}
                  onChange={(_, d) =>
                    setKeep((k) => {
                      const next = new Set(k);
                      if (d.checked === true) next.add(a.id);
                      else next.delete(a.id);
                      return next;
                    })
                  }
                />
              ))}
            </Fieldset>
          </section>
        )}

        <div className={styles.submitBar} ref={summaryRef}>
          <ProblemSummary
            title={serverError ? 'The application was not recorded' : undefined}
            message={
              serverError?.message ?? (problems.length > 0 ? 'Correct these and record it again:' : undefined)
            }
            problems={problems}
            labelOf={applicationFieldLabel}
          />
          <div className={styles.buttons}>
            <Button appearance="primary" type="submit" disabledFocusable={busy}>
              Record the application
            </Button>
            {busy && <Spinner size="tiny" label="Recording the application..." labelPosition="after" />}
          </div>
        </div>
      </form>

      <aside className={styles.advice} aria-labelledby="app-advice">
        <AdvicePanel advice={advice} incomplete={preview.incomplete} prompt={prompt} />
      </aside>
    </div>
  );
}

function AdvicePanel({
  advice,
  incomplete,
  prompt,
}: {
  advice: ReturnType<typeof safeAssessThreshold>;
  incomplete: string[];
  prompt: SecondReportPrompt | undefined;
}) {
  const styles = useStyles();
  const common = useCommonStyles();
  const outcome = advice.success ? advice.assessment.outcome : undefined;
  const spoken = advice.success
    ? `Advice: ${advice.assessment.reasons[0] ?? ''} ${advice.assessment.qualifyingCount} of ${advice.assessment.required} qualifying complaints.`
    : 'Advice not available yet: complete the details marked below.';
  return (
    <div className={common.card}>
      <h2 id="app-advice" className={common.h2} style={{ marginTop: 0 }}>
        Advisory threshold result
      </h2>
      <p className={common.muted}>
        Advice only: the decision is recorded on the case by a named officer, who may depart from it with a
        reason.
      </p>
      <div aria-live="polite" aria-atomic="true" className={common.srOnly}>
        {spoken}
      </div>
      {advice.success ? (
        <>
          <div className={styles.result}>
            <Badge
              size="large"
              appearance="filled"
              color={outcome === 'met' ? 'success' : outcome === 'ineligible' ? 'danger' : 'warning'}
            >
              {outcome ? outcomeLabels[outcome] : ''}
            </Badge>
            <span>
              {advice.assessment.qualifyingCount} of {advice.assessment.required} qualifying complaints
            </span>
          </div>
          <ul className={styles.reasons}>
            {advice.assessment.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <p>The advice appears when the details below are complete:</p>
          <ul className={styles.reasons}>
            {advice.problems.slice(0, 8).map((p, i) => (
              <li key={i}>
                {applicationFieldLabel(`application.${p.path}`) ?? p.path}: {p.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {incomplete.length > 0 && (
        <>
          <h3 className={common.h3}>Not yet counted</h3>
          <ul className={mergeClasses(styles.reasons, common.muted)}>
            {incomplete.slice(0, 10).map((m, i) => (
              <li key={i}>{m}</li>
            ))}
            {incomplete.length > 10 && <li>and {incomplete.length - 10} more</li>}
          </ul>
        </>
      )}
      {prompt?.applies && (
        <MessageBar intent="info" layout="multiline" style={{ marginTop: tokens.spacingVerticalM }}>
          <MessageBarBody>
            <MessageBarTitle>Explain the case review to the victim</MessageBarTitle>
            {prompt.reason}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

function IncidentFields({
  incident,
  index: i,
  problems,
  communityRoute,
  result,
  onChange,
  onReport,
  onAddReport,
  onRemoveReport,
  onRemove,
}: {
  incident: IncidentRow;
  index: number;
  problems: ProblemIndex;
  communityRoute: boolean;
  result: { qualifies: boolean; reasons: string[] } | undefined;
  onChange: (patch: Partial<IncidentRow>) => void;
  onReport: (reportKey: string, patch: Partial<ReportRow>) => void;
  onAddReport: () => void;
  onRemoveReport: (reportKey: string) => void;
  onRemove: () => void;
}) {
  const { me } = useApp();
  const styles = useStyles();
  const common = useCommonStyles();
  const base = `application.incidents[${i}]`;
  const number = i + 1;
  return (
    <Fieldset legend={`Incident ${number}`} path={base} problems={problems} className={styles.incident}>
      <div className={styles.two}>
        <FormField path={`${base}.occurredOn`} problems={problems} label="Date it happened" required>
          <Input
            type="date"
            value={incident.occurredOn}
            max={me.today}
            onChange={(_, d) => onChange({ occurredOn: d.value })}
          />
        </FormField>
        {/* A route the policy does not have is not offered (East Herts s.5 has no hate route). */}
        {me.policy.threshold.hate.enabled && (
          <FormField path={`${base}.hate`} problems={problems}>
            <Checkbox
              checked={incident.hate}
              label="A hate incident or crime"
              onChange={(_, d) => onChange({ hate: d.checked === true })}
            />
          </FormField>
        )}
      </div>
      {incident.reports.map((report, j) => (
        <Fieldset
          key={report.key}
          legend={`Incident ${number}, report ${j + 1}`}
          path={`${base}.reports[${j}]`}
          problems={problems}
          className={styles.reportBox}
        >
          <div className={styles.report}>
            <FormField path={`${base}.reports[${j}].agency`} problems={problems} label="Reported to" required>
              <Select value={report.agency} onChange={(_, d) => onReport(report.key, { agency: d.value })}>
                <option value="">Choose...</option>
                {me.policy.agencies.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
                <option value={OTHER_AGENCY}>Another agency</option>
              </Select>
            </FormField>
            {report.agency === OTHER_AGENCY && (
              <Field label="Agency name" required>
                <Input
                  value={report.otherAgency}
                  maxLength={120}
                  onChange={(_, d) => onReport(report.key, { otherAgency: d.value })}
                />
              </Field>
            )}
            <FormField
              path={`${base}.reports[${j}].reportedOn`}
              problems={problems}
              label="Date reported"
              required
            >
              <Input
                type="date"
                value={report.reportedOn}
                max={me.today}
                onChange={(_, d) => onReport(report.key, { reportedOn: d.value })}
              />
            </FormField>
            <FormField path={`${base}.reports[${j}].reference`} problems={problems} label="Their reference">
              <Input
                value={report.reference}
                maxLength={100}
                onChange={(_, d) => onReport(report.key, { reference: d.value })}
              />
            </FormField>
            <FormField path={`${base}.reports[${j}].kind`} problems={problems} label="Kind">
              <Select
                value={report.kind}
                onChange={(_, d) => onReport(report.key, { kind: d.value as ReportRow['kind'] })}
              >
                <option value="report">Report</option>
                <option value="diary-sheet">Diary sheet</option>
              </Select>
            </FormField>
            {communityRoute && (
              <FormField
                path={`${base}.reports[${j}].reportedBy`}
                problems={problems}
                label="Reported by"
                hint="A household reference such as H-12, never a name."
              >
                <Input
                  value={report.reportedBy}
                  maxLength={64}
                  onChange={(_, d) => onReport(report.key, { reportedBy: d.value })}
                />
              </FormField>
            )}
          </div>
          <div>
            <Button
              size="small"
              appearance="subtle"
              onClick={() => onRemoveReport(report.key)}
              aria-label={`Remove report ${j + 1} of incident ${number}`}
            >
              Remove report
            </Button>
          </div>
        </Fieldset>
      ))}
      {problems.at(`${base}.reports`) && (
        <p role="alert" className={common.muted}>
          {problems.at(`${base}.reports`)}
        </p>
      )}
      <div className={styles.buttons}>
        <Button size="small" onClick={onAddReport} aria-label={`Add a report of incident ${number}`}>
          Add a report
        </Button>
        <Button size="small" appearance="subtle" onClick={onRemove} aria-label={`Remove incident ${number}`}>
          Remove incident
        </Button>
      </div>
      {result && (
        <div>
          <Badge appearance="tint" color={result.qualifies ? 'success' : 'warning'}>
            {result.qualifies ? 'Counts as a qualifying complaint' : 'Does not count'}
          </Badge>
          <ul className={mergeClasses(styles.reasons, common.muted)}>
            {result.reasons.map((r, k) => (
              <li key={k}>{r}</li>
            ))}
          </ul>
        </div>
      )}
    </Fieldset>
  );
}
