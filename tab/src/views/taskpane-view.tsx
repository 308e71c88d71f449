import {
  Button,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent, type MouseEvent } from 'react';
import type { NewApplication } from '../../../bot/api/contract';
import type { CreatedCase, RecordedEmail } from '../api/client';
import { useApp } from '../app-context';
import { inOutlookAddin } from '../auth/host';
import { Page } from '../components/page';
import { ProblemSummary } from '../components/problems';
import { useCommonStyles } from '../components/styles';
import { asApiError, type ApiRequestError } from '../lib/api-error';
import { formatInstant, formatSize } from '../lib/format';
import { hrefOf } from '../router';
import { emailToApplication, type EmailSnapshot } from '../outlook/email-to-application';
import { loadOffice, type OutlookOffice } from '../outlook/office-host';
import { bytesToBase64, emlToSnapshot, parseEml, snapshotToEml, textToBase64 } from '../outlook/parse-eml';
import { readEml, readOpenEmail } from '../outlook/read-email';
import { sampleEmails } from '../outlook/sample-emails';
import { ApplicationForm } from './application-form';

/**
 * The server takes JSON bodies up to 2 MB, so a bigger .eml (base64) would be refused: the case is then
 * recorded without it and the SPOC is told to keep the email with the case by hand.
 */
const MAX_EML_BASE64 = 1_500_000;
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const useStyles = makeStyles({
  email: {
    display: 'grid',
    gap: tokens.spacingVerticalXXS,
    margin: 0,
    overflowWrap: 'anywhere',
    '& dd': { margin: `0 0 ${tokens.spacingVerticalXS}` },
  },
  label: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  file: { maxWidth: '100%' },
  notes: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/** The email the pane works on, and how to get it as .eml (base64) when it is recorded. */
interface OpenEmail {
  snapshot: EmailSnapshot;
  eml: () => Promise<string | undefined>;
}

type Stage =
  | { stage: 'starting' }
  | { stage: 'choose' }
  | { stage: 'checking' }
  | { stage: 'known'; caseId: string; reference: string }
  | { stage: 'form' }
  | { stage: 'recorded'; result: RecordedEmail; emlLeftOut: boolean }
  | { stage: 'failed'; error: ApiRequestError };

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string | undefined> {
  try {
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    return undefined; // no crypto.subtle outside a secure context
  }
}

/**
 * `/taskpane`: the Outlook add-in's pane records the open email as an application. In Outlook it reads the
 * email with Office.js; in a plain browser (local mode) a sample email or an uploaded .eml stands in for
 * it. The server is asked first whether the email is already a case (one case per email); if not, the
 * New application form opens prefilled from the email, and recording it keeps the original .eml with the
 * case.
 */
export default function TaskpaneView() {
  const { api } = useApp();
  const styles = useStyles();
  const common = useCommonStyles();
  const [stage, setStage] = useState<Stage>({ stage: 'starting' });
  const [office, setOffice] = useState<OutlookOffice | undefined>();
  const [open, setOpen] = useState<OpenEmail | undefined>();
  const [sample, setSample] = useState(sampleEmails[0]?.itemId ?? '');
  const [uploadError, setUploadError] = useState<string | undefined>();
  const recordedRef = useRef<{ result: RecordedEmail; emlLeftOut: boolean } | undefined>(undefined);
  const mapping = useMemo(() => (open ? emailToApplication(open.snapshot) : undefined), [open]);

  const check = useCallback(
    async (email: OpenEmail) => {
      setOpen(email);
      setStage({ stage: 'checking' });
      try {
        const known = await api.emailCase(email.snapshot.itemId);
        setStage(known ? { stage: 'known', ...known } : { stage: 'form' });
      } catch (err) {
        setStage({ stage: 'failed', error: asApiError(err) });
      }
    },
    [api],
  );

  useEffect(() => {
    let live = true;
    void (async () => {
      const outlook = inOutlookAddin(window.location.search, window) ? await loadOffice() : undefined;
      if (!live) return;
      if (!outlook) {
        setStage({ stage: 'choose' });
        return;
      }
      setOffice(outlook);
      try {
        const snapshot = await readOpenEmail(outlook);
        if (live) void check({ snapshot, eml: () => readEml(outlook) });
      } catch (err) {
        if (live) setStage({ stage: 'failed', error: asApiError(err) });
      }
    })();
    return () => {
      live = false;
    };
  }, [check]);

  const openSample = () => {
    const email = sampleEmails.find((e) => e.itemId === sample);
    if (email) void check({ snapshot: email, eml: async () => textToBase64(snapshotToEml(email)) });
  };

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    setUploadError(undefined);
    if (!file) return;
    if (file.size > MAX_UPLOAD_BYTES) {
      setUploadError(`This file is ${formatSize(file.size)}; the largest email it takes is 10 MB.`);
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const parsed = parseEml(new TextDecoder().decode(bytes));
    if (!parsed.from.emailAddress) {
      setUploadError('This file does not look like an email saved as .eml: it has no sender (From).');
      return;
    }
    const digest = await sha256Hex(bytes);
    const snapshot = emlToSnapshot(parsed, {
      fallbackId: `eml:${digest ?? `${file.name}-${file.size}-${file.lastModified}`}`,
      receivedAt: new Date(file.lastModified || Date.now()).toISOString(),
    });
    void check({ snapshot, eml: async () => bytesToBase64(bytes) });
  };

  const submit = async (body: NewApplication): Promise<CreatedCase> => {
    if (!open || !mapping) throw new Error('There is no open email.');
    // The email route takes the application without the tab's own requestId and source: the email's id
    // makes the case unique instead.
    const { requestId: _requestId, source: _source, ...application } = body;
    const eml = await open.eml().catch(() => undefined);
    const emlLeftOut = !eml || eml.length > MAX_EML_BASE64;
    const attachments = (mapping.initial.attachments ?? [])
      .slice(0, 100)
      .map((a) => ({ name: a.name.slice(0, 300), size: Math.max(0, Math.round(a.size ?? 0)) }));
    const result = await api.recordEmail({
      ...application,
      emailId: open.snapshot.itemId,
      ...(eml && !emlLeftOut ? { eml } : {}),
      ...(attachments.length ? { attachments } : {}),
    });
    recordedRef.current = { result, emlLeftOut };
    return { caseId: result.caseId, reference: result.reference };
  };

  const caseUrl = (caseId: string) => `${window.location.origin}/${hrefOf({ view: 'case', caseId })}`;
  // Outlook on Windows shows the pane in a web view where a new-window link goes nowhere: ask Office.
  const openCase = (e: MouseEvent<HTMLAnchorElement>, caseId: string) => {
    const openWindow = office?.context.ui?.openBrowserWindow;
    if (!openWindow) return;
    e.preventDefault();
    openWindow(caseUrl(caseId));
  };
  const caseLink = (caseId: string, reference: string) => (
    <Link href={caseUrl(caseId)} target="_blank" rel="noopener" onClick={(e) => openCase(e, caseId)}>
      Open case {reference} in the workspace
    </Link>
  );

  const another = !office && (
    <p>
      <Button
        onClick={() => {
          setOpen(undefined);
          setStage({ stage: 'choose' });
        }}
      >
        Choose another email
      </Button>
    </p>
  );

  return (
    <Page title="Record this email as an application">
      {stage.stage === 'starting' && <Spinner label="Reading the email..." />}

      {stage.stage === 'choose' && (
        <div className={common.stack}>
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>No Outlook here</MessageBarTitle>
              In Outlook this pane reads the email you have open. Here, choose a sample email or upload one
              saved as .eml to stand in for it.
            </MessageBarBody>
          </MessageBar>
          <Field label="Sample email">
            <RadioGroup value={sample} onChange={(_, d) => setSample(d.value)}>
              {sampleEmails.map((e) => (
                <Radio key={e.itemId} value={e.itemId} label={`${e.subject} (from ${e.from.displayName})`} />
              ))}
            </RadioGroup>
          </Field>
          <div className={styles.buttons}>
            <Button appearance="primary" onClick={openSample} disabled={!sample}>
              Use this email
            </Button>
          </div>
          <Field
            label="Or upload an email saved as .eml"
            hint="Save the email from your mail program (Save as, or drag it out), then choose the file."
            validationMessage={uploadError}
            validationState={uploadError ? 'error' : 'none'}
          >
            {(props) => (
              <input
                {...props}
                className={styles.file}
                type="file"
                accept=".eml,message/rfc822"
                onChange={(e) => void upload(e)}
              />
            )}
          </Field>
        </div>
      )}

      {open && stage.stage !== 'choose' && stage.stage !== 'starting' && (
        <section aria-labelledby="pane-email" className={common.section}>
          <h2 id="pane-email" className={common.h2}>
            The email
          </h2>
          <dl className={styles.email}>
            <dt className={styles.label}>From</dt>
            <dd>
              {open.snapshot.from.displayName
                ? `${open.snapshot.from.displayName} <${open.snapshot.from.emailAddress}>`
                : open.snapshot.from.emailAddress}
            </dd>
            <dt className={styles.label}>Subject</dt>
            <dd>{open.snapshot.subject || '(no subject)'}</dd>
            <dt className={styles.label}>Received</dt>
            <dd>{formatInstant(open.snapshot.receivedAt)}</dd>
          </dl>
        </section>
      )}

      {stage.stage === 'checking' && <Spinner label="Checking whether this email is already a case..." />}

      {stage.stage === 'known' && (
        <div className={common.stack}>
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Already recorded</MessageBarTitle>
              This email is already recorded as case {stage.reference}. A second case is not needed.
            </MessageBarBody>
          </MessageBar>
          <p>{caseLink(stage.caseId, stage.reference)}</p>
          {another}
        </div>
      )}

      {stage.stage === 'form' && open && mapping && (
        <>
          <section aria-labelledby="pane-notes" className={common.section}>
            <h2 id="pane-notes" className={common.h2}>
              Filled in from the email
            </h2>
            <ul className={styles.notes}>
              {mapping.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </section>
          <ApplicationForm
            key={open.snapshot.itemId}
            initial={mapping.initial}
            sourceKind="outlook"
            compact
            submit={submit}
            onCreated={() => {
              const done = recordedRef.current;
              if (done) setStage({ stage: 'recorded', ...done });
            }}
          />
        </>
      )}

      {stage.stage === 'recorded' && (
        <div className={common.stack}>
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>
                {stage.result.alreadyRecorded ? 'Already recorded' : `Recorded as ${stage.result.reference}`}
              </MessageBarTitle>
              {stage.result.alreadyRecorded
                ? `This email was already recorded as case ${stage.result.reference}; nothing new was recorded.`
                : `The application is case ${stage.result.reference}, with this email kept as evidence.`}
            </MessageBarBody>
          </MessageBar>
          {stage.emlLeftOut && !stage.result.alreadyRecorded && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>The email itself was not kept</MessageBarTitle>
                It was too large to send with the application, or Outlook could not provide it. Save the email
                and add it to the case&apos;s files.
              </MessageBarBody>
            </MessageBar>
          )}
          <p>{caseLink(stage.result.caseId, stage.result.reference)}</p>
          {another}
        </div>
      )}

      {stage.stage === 'failed' && (
        <div className={common.stack}>
          <ProblemSummary title="Could not read or check the email" message={stage.error.message} />
          {another}
        </div>
      )}
    </Page>
  );
}
