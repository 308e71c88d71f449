import { Fieldset } from '../../../components/fieldset';
import { formatDate } from '../../../lib/format';
import { Choice, DateInput, LongText, TextInput, Tick, useFieldStyles } from '../../../components/fields';
import { opt, spec, type FieldsProps } from './event-spec';

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

function ReturnFields({ form, set, problems, field, ctx }: FieldsProps<ReturnForm>) {
  const styles = useFieldStyles();
  const setRow = (i: number, patch: Partial<ReturnRow>) =>
    set({ incidents: form.incidents.map((r, k) => (k === i ? { ...r, ...patch } : r)) });
  const incidents = ctx.detail.state.application.incidents;
  const row = (i: number, key: 'reference' | 'reportedOn' | 'actionTaken') => ({
    path: `incidents[${i}].${key}`,
    value: form.incidents[i]?.[key] ?? '',
    problems,
    onChange: (value: string) => setRow(i, { [key]: value }),
  });
  return (
    <>
      <div className={styles.two}>
        <Choice
          {...field('requestId')}
          label="Request"
          required
          placeholder="Choose..."
          options={ctx.detail.state.requests.map((r) => ({
            value: r.requestId,
            label: `${ctx.agencyName(r.agencyId)}, asked ${formatDate(r.requestedOn, 'short')}${r.returns.length ? ' (answered; this corrects it)' : ''}`,
          }))}
        />
        <DateInput {...field('receivedOn')} label="Received on" required max={ctx.today} />
      </div>
      {form.incidents.map((r, i) => {
        const incident = incidents.find((x) => x.id === r.incidentId);
        return (
          <Fieldset
            key={r.incidentId}
            path={`incidents[${i}]`}
            problems={problems}
            legend={`Incident ${i + 1}${incident ? `, ${formatDate(incident.occurredOn, 'short')}` : ''}`}
          >
            <Tick
              path={`incidents[${i}].holdsRecord`}
              label="The agency holds a record of this incident"
              checked={r.holdsRecord}
              problems={problems}
              onChange={(holdsRecord) => setRow(i, { holdsRecord })}
            />
            {r.holdsRecord && (
              <div className={styles.two}>
                <TextInput {...row(i, 'reference')} label="Their reference" maxLength={100} />
                <DateInput {...row(i, 'reportedOn')} label="Reported to them on" max={ctx.today} />
                <LongText {...row(i, 'actionTaken')} label="Action taken" maxLength={4000} />
              </div>
            )}
          </Fieldset>
        );
      })}
      <LongText {...field('otherInformation')} label="Other information" maxLength={20_000} />
    </>
  );
}

export const returnReceived = spec<ReturnForm>({
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
  Fields: ReturnFields,
});
