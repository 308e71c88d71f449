import { Spinner } from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useState } from 'react';
import { useApp } from '../app-context';
import { Page } from '../components/page';
import { ProblemSummary } from '../components/problems';
import { asApiError, type ApiRequestError } from '../lib/api-error';
import { findCaseId } from './ref-view';

const CaseView = lazy(() => import('./case-view'));

/** A case reference in a channel name: "CT-2026-0007 Noise, Station Road" -> "CT-2026-0007". */
export function referenceIn(text: string | undefined): string | undefined {
  const m = /\bCT[-\s]?(\d{4})[-\s]?(\d{1,6})\b/i.exec(text ?? '');
  return m ? `CT-${m[1]}-${m[2]!.padStart(4, '0')}` : undefined;
}

/**
 * `/channel`: the channel tab of a case's Teams channel. The case comes from `?caseId=` (saved by the
 * config page) or, failing that, from the reference in the channel's name.
 */
export default function ChannelView() {
  const { api, host } = useApp();
  const params = new URLSearchParams(window.location.search);
  const [caseId, setCaseId] = useState<string | undefined>(params.get('caseId') ?? undefined);
  const [error, setError] = useState<ApiRequestError | undefined>();
  const [missing, setMissing] = useState<string | undefined>();
  const reference = referenceIn(params.get('reference') ?? host?.channelName);

  useEffect(() => {
    if (caseId) return;
    if (!reference) {
      setMissing(
        'This channel is not linked to a case: its name has no case reference. Configure the tab again.',
      );
      return;
    }
    let live = true;
    findCaseId(api, reference).then(
      (id) => {
        if (!live) return;
        if (id) setCaseId(id);
        else setMissing(`There is no case ${reference} that you can see.`);
      },
      (err: unknown) => live && setError(asApiError(err)),
    );
    return () => {
      live = false;
    };
  }, [api, caseId, reference]);

  if (caseId)
    return (
      <Suspense fallback={<Spinner label="Loading the case..." />}>
        <CaseView caseId={caseId} embedded />
      </Suspense>
    );
  return (
    <Page title="Case channel">
      {!missing && !error && <Spinner label="Finding the case..." />}
      {missing && <p role="alert">{missing}</p>}
      <ProblemSummary title="Could not find the case" message={error?.message} />
    </Page>
  );
}
