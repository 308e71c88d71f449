import {
  Badge,
  Button,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { CaseDetail } from '../../../../bot/api/contract';
import type { VictimVoiceView } from '../../../../bot/api/public';

import { downloadBlob } from '../../api/client';
import { useApp } from '../../app-context';
import { useCommonStyles } from '../../components/styles';
import { formatDate } from '../../lib/format';
import { hrefOf } from '../../router';

const attendance: Record<string, string> = {
  'attend-in-person': 'Will attend in person',
  'attend-online': 'Will attend online',
  'impact-statement': 'Will send a statement instead',
  'no-involvement': 'Does not want to take part',
};
const methods: Record<string, string> = {
  email: 'Email',
  sms: 'Text message',
  letter: 'Letter',
  phone: 'Phone call',
  'via-applicant': 'Through the person who applied',
};
const kinds: Record<string, string> = {
  acknowledgement: 'Acknowledgement',
  'threshold-decision': 'Threshold decision',
  'meeting-invitation': 'Meeting invitation',
  'action-plan': 'Draft action plan',
  outcome: 'Outcome',
  appeal: 'Appeal',
  closure: 'Closure',
};

/**
 * Issue 17: "The victim's own voice" on a case. For an online application: how the victim wants to hear,
 * any possible repeat, the messages sent through GOV.UK Notify and what became of them; for every case the
 * victim answered through their link: their attendance, impact statements and comments on the action
 * plan. The server sends each person only what the access policy lets them see (the panel: the voice).
 */
export function VictimVoiceSection({ detail }: { detail: CaseDetail }) {
  const { api } = useApp();
  const common = useCommonStyles();
  const [view, setView] = useState<VictimVoiceView | undefined>();
  useEffect(() => {
    const abort = new AbortController();
    api
      .victimVoice(detail.caseId, abort.signal)
      .then(setView)
      .catch(() => setView(undefined));
    return () => abort.abort();
  }, [api, detail.caseId, detail.version]);
  if (!view) return null;
  const voice = view.voice;
  const heard = voice.attendance || voice.statements.length || voice.comments.length;
  if (!view.online && !heard) return null;
  const open = async (fileId: string, name: string) =>
    downloadBlob(await api.file(detail.caseId, fileId), name);
  return (
    <section aria-labelledby="victim-voice" className={common.section}>
      <h2 id="victim-voice" className={common.h2}>
        The victim&rsquo;s own voice{' '}
        {view.online && (
          <Badge appearance="tint" color="brand">
            Online application
          </Badge>
        )}
      </h2>
      {view.possibleRepeatOf?.length ? (
        <p className={common.card} role="note">
          <strong>Possible repeat.</strong> The same victim and address applied before:{' '}
          {view.possibleRepeatOf.map((r, i) => (
            <span key={r.caseId}>
              {i > 0 && ', '}
              <Link href={hrefOf({ view: 'ref', reference: r.reference })}>{r.reference}</Link> (received{' '}
              {formatDate(r.receivedOn)})
            </span>
          ))}
          . Check whether this is a new application or more about that case.
        </p>
      ) : null}
      {view.contact && (
        <dl>
          <dt className={common.h3}>How they want to hear</dt>
          <dd>
            {methods[view.contact.method] ?? view.contact.method}
            {view.contact.language === 'cy' ? ', in Welsh' : ''}
            {view.parties?.victim?.email ? ` (${view.parties.victim.email})` : ''}
            {view.parties?.victim?.phone ? ` (${view.parties.victim.phone})` : ''}
          </dd>
          {view.contact.accessibilityNeeds && (
            <>
              <dt className={common.h3}>Support needs</dt>
              <dd>{view.contact.accessibilityNeeds}</dd>
            </>
          )}
          {view.contact.consent && (
            <>
              <dt className={common.h3}>Victim&rsquo;s consent</dt>
              <dd>
                Recorded by {view.parties?.applicant?.name ?? 'the applicant'}
                {view.contact.applicantRole ? ` (${view.contact.applicantRole})` : ''} on{' '}
                {formatDate(view.contact.consent.recordedOn)}, given{' '}
                {view.contact.consent.how.replace('-', ' ')}
                {view.contact.consent.detail ? `: ${view.contact.consent.detail}` : ''}
              </dd>
            </>
          )}
        </dl>
      )}
      <h3 className={common.h3}>Attending the panel</h3>
      <p>
        {voice.attendance
          ? `${attendance[voice.attendance.choice]} (said ${formatDate(voice.attendance.answeredOn)})${voice.attendance.note ? `: ${voice.attendance.note}` : ''}`
          : 'The victim has not said through their link.'}
      </p>
      <h3 className={common.h3}>Impact statements</h3>
      {voice.statements.length === 0 ? (
        <p className={common.muted}>None sent through the link.</p>
      ) : (
        voice.statements.map((s) => (
          <div key={s.statementId} className={common.card}>
            <p>
              <strong>Received {formatDate(s.receivedOn)}</strong>
            </p>
            {s.text && <p style={{ whiteSpace: 'pre-wrap' }}>{s.text}</p>}
            {s.file && view.canOpenFiles && (
              <Button appearance="secondary" onClick={() => void open(s.file!.fileId, s.file!.name)}>
                Download {s.file.name}
              </Button>
            )}
          </div>
        ))
      )}
      <h3 className={common.h3}>Comments on the draft action plan</h3>
      {voice.comments.length === 0 ? (
        <p className={common.muted}>None yet.</p>
      ) : (
        <ul>
          {voice.comments.map((c) => (
            <li key={c.commentId}>
              {formatDate(c.receivedOn)}: {c.text}
            </li>
          ))}
        </ul>
      )}
      {view.messages && view.messages.length > 0 && (
        <>
          <h3 className={common.h3}>Messages sent (GOV.UK Notify)</h3>
          <div className={common.tableWrap}>
            <Table aria-label="Messages sent to the victim and applicant" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Message</TableHeaderCell>
                  <TableHeaderCell>To</TableHeaderCell>
                  <TableHeaderCell>By</TableHeaderCell>
                  <TableHeaderCell>Sent</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {view.messages.map((m) => (
                  <TableRow key={m.messageId}>
                    <TableCell>{kinds[m.kind] ?? m.kind}</TableCell>
                    <TableCell>{m.recipient === 'victim' ? 'Victim' : 'Applicant'}</TableCell>
                    <TableCell>
                      {m.channel === 'sms' ? 'Text message' : m.channel === 'email' ? 'Email' : 'Letter'}
                    </TableCell>
                    <TableCell>{formatDate(m.sentOn, 'short')}</TableCell>
                    <TableCell>
                      <Badge
                        appearance="tint"
                        color={
                          m.status === 'delivered' || m.status === 'received'
                            ? 'success'
                            : m.status === 'sending' || m.status === 'accepted'
                              ? 'informative'
                              : 'danger'
                        }
                      >
                        {m.status.replace('-', ' ')}
                      </Badge>
                      {m.reason ? ` ${m.reason}` : ''}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </>
      )}
    </section>
  );
}

/** Issue 17: new online applications first on the case list, then the list's own order. */
export function onlineFirst<T extends object>(compare: (a: T, b: T) => number) {
  const online = (x: T) => Number(!!(x as { online?: boolean }).online);
  return (a: T, b: T) => online(b) - online(a) || compare(a, b);
}

/** Issue 17: the tag beside a new online application's title on the case list. */
export function OnlineTag({ item }: { item: object }) {
  return (item as { online?: boolean }).online ? (
    <Badge appearance="tint" color="brand" size="small">
      New online application
    </Badge>
  ) : null;
}
