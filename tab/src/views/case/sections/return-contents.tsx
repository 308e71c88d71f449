import { Fragment } from 'react';
import type { CaseDetail } from '../../../../../bot/api/contract';
import { formatDate } from '../../../lib/format';
import { useRecordStyles } from './record-styles';

/**
 * Issue 15: what each agency said in its return (the latest, when corrected), incident by incident, and
 * anything else it added. The access policy has already left out the returns this person may not read.
 */
export function ReturnContents({
  detail,
  name,
  person,
}: {
  detail: CaseDetail;
  name: (id: string) => string;
  person: (id: string) => string;
}) {
  const styles = useRecordStyles();
  const incidents = detail.state.application.incidents;
  const number = new Map(incidents.map((incident, i) => [incident.id, i + 1]));
  const when = new Map(incidents.map((incident) => [incident.id, incident.occurredOn]));
  const answered = detail.state.requests.filter((r) => r.returns.length > 0);
  if (answered.length === 0) return null;
  return (
    <>
      {answered.map((request) => {
        const latest = request.returns[request.returns.length - 1]!;
        return (
          <article key={request.requestId} aria-labelledby={`return-${request.requestId}`}>
            <h3 id={`return-${request.requestId}`} className={styles.h3}>
              What {name(request.agencyId)} said
            </h3>
            <p className={styles.meta}>
              Returned {formatDate(latest.receivedOn)} by {person(latest.submittedBy)}
              {request.returns.length > 1 ? ` (corrected ${request.returns.length - 1} time(s))` : ''}
            </p>
            <dl className={styles.dl}>
              {latest.incidents.map((answer) => (
                <Fragment key={answer.incidentId}>
                  <dt className={styles.dt}>
                    Incident {number.get(answer.incidentId) ?? '?'}
                    {when.get(answer.incidentId)
                      ? ` (${formatDate(when.get(answer.incidentId), 'short')})`
                      : ''}
                  </dt>
                  <dd className={styles.dd}>
                    {answer.holdsRecord ? 'Holds a record' : 'No record held'}
                    {answer.reference ? `; reference ${answer.reference}` : ''}
                    {answer.reportedOn ? `; reported ${formatDate(answer.reportedOn, 'short')}` : ''}
                    {answer.actionTaken ? `. Action taken: ${answer.actionTaken}` : ''}
                  </dd>
                </Fragment>
              ))}
              {latest.otherInformation && (
                <>
                  <dt className={styles.dt}>Other information</dt>
                  <dd className={styles.dd}>{latest.otherInformation}</dd>
                </>
              )}
            </dl>
          </article>
        );
      })}
    </>
  );
}
