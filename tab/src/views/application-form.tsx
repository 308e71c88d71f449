import { Button, Checkbox, Spinner } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
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
import { Choice, DateInput, LongText, TextInput, binder, optionsOf } from '../components/fields';
import { FormProblems } from '../components/problems';
import { useCommonStyles } from '../components/styles';
import {
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
  type ReportRow,
} from '../lib/application-form';
import { formatSize } from '../lib/format';
import { channelLabels } from '../lib/labels';
import { ProblemIndex, stillWrong, type Problem } from '../lib/problems';
import { useAction } from '../lib/use-action';
import { uuid } from '../lib/uuid';
import { navigate } from '../router';
import { AdvicePanel } from './application/advice-panel';
import { ApplicantSection } from './application/applicant-section';
import { EligibilitySection } from './application/eligibility-section';
import { IncidentFields } from './application/incident-fields';
import { toggle } from './application/section-props';
import { useApplicationStyles } from './application/styles';

export type { ApplicationInitial, AttachmentInfo } from '../lib/application-form';

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
  const styles = useApplicationStyles();
  const common = useCommonStyles();
  const [form, setForm] = useState<ApplicationFormState>(() => initialForm(today, initial));
  const [requestId] = useState(uuid);
  const [problems, setProblems] = useState<Problem[]>([]);
  const save = useAction();
  const serverError = save.error;
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
  const field = binder(form, update, index);
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

  const communityRoute = policy.threshold.community.enabled && form.victimKind === 'community-group';
  const warning = titleWarning(form);
  const source = {
    kind: sourceKind ?? (initial?.emailId ? 'outlook' : 'tab'),
    ...(initial?.emailId ? { emailId: initial.emailId } : {}),
  } as const;

  const localProblems = (f: ApplicationFormState) => {
    const parsed = newApplicationSchema.safeParse(toNewApplication(f, { requestId, policy, source }));
    return mergeProblems(formProblems(f), parsed.success ? [] : problemsOf(parsed.error));
  };
  // A field fixed loses its error as soon as it is right (issue 15); the server's stay until the next submit.
  const serverProblems = useRef<Problem[]>([]);
  useEffect(() => {
    setProblems((shown) =>
      shown.length ? stillWrong(shown, localProblems(form), serverProblems.current) : shown,
    );
  }, [form]); // checked again when the form changes, not when the problems do

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (save.busy) return;
    save.reset();
    serverProblems.current = [];
    const body = toNewApplication(form, { requestId, policy, source });
    const parsed = newApplicationSchema.safeParse(body);
    const found = mergeProblems(formProblems(form), parsed.success ? [] : problemsOf(parsed.error));
    setProblems(found);
    if (found.length > 0) {
      requestAnimationFrame(() => summaryRef.current?.querySelector<HTMLElement>('button, a')?.focus());
      return;
    }
    const data = parsed.data ?? body;
    // Busy until the case opens (or the pane moves on), so the button cannot send it again meanwhile.
    const done = await save.run(async () => {
      const created = await (send ? send(data) : api.createCase(data));
      const attachments = (initial?.attachments ?? []).filter((a) => keep.has(a.id));
      if (onCreated) onCreated({ ...created, attachments });
      else navigate({ view: 'case', caseId: created.caseId });
    });
    if (!done.ok && done.error) {
      serverProblems.current = [...done.error.problems];
      setProblems([...done.error.problems]);
    }
  };

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
            <Choice
              {...field('receivedVia')}
              label="How the application arrived"
              required
              placeholder="Choose..."
              options={optionsOf(channelLabels)}
            />
            <DateInput
              {...field('receivedOn')}
              path="application.receivedOn"
              label="Date received"
              required
              max={today}
            />
          </div>
        </section>

        <ApplicantSection form={form} update={update} problems={index} />

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

        <EligibilitySection form={form} update={update} problems={index} policy={policy} />

        <section aria-labelledby="app-summary">
          <h2 id="app-summary" className={common.h2}>
            Summary
          </h2>
          <div className={common.stack}>
            <TextInput
              {...field('title')}
              label="Short title"
              hint="Shown in lists to every agency on the case: describe the problem and place, never the victim's name (for example 'Noise and harassment, Station Road')."
              maxLength={120}
              {...(warning ? { extraMessage: { text: warning, state: 'warning' as const } } : {})}
            />
            <LongText
              {...field('account')}
              label="The applicant's account"
              hint="In their words, as far as possible."
              maxLength={20_000}
              rows={6}
            />
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
          <FormProblems
            error={serverError}
            problems={problems}
            failed="The application was not recorded"
            ask="Correct these and record it again:"
            labelOf={applicationFieldLabel}
          />
          <div className={styles.buttons}>
            <Button appearance="primary" type="submit" disabledFocusable={save.busy}>
              Record the application
            </Button>
            {save.busy && <Spinner size="tiny" label="Recording the application..." labelPosition="after" />}
          </div>
        </div>
      </form>

      <aside className={styles.advice} aria-labelledby="app-advice">
        <AdvicePanel advice={advice} incomplete={preview.incomplete} prompt={prompt} />
      </aside>
    </div>
  );
}
