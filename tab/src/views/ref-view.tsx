import { Link, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useApp } from '../app-context';
import { Page } from '../components/page';
import { ProblemSummary } from '../components/problems';
import { asApiError, type ApiRequestError } from '../lib/api-error';
import { hrefOf, navigate } from '../router';

/**
 * Finds a case by its reference (`#/ref/CT-2026-0007`: statistics and channel names carry references, not
 * ids) and opens it. The list's search matches part of a reference, so only an exact match is taken.
 */
export async function findCaseId(
  api: ReturnType<typeof useApp>['api'],
  reference: string,
): Promise<string | undefined> {
  const page = await api.listCases({ q: reference, status: undefined, limit: 10 });
  const wanted = reference.trim().toUpperCase();
  return page.items.find((c) => c.reference.toUpperCase() === wanted)?.caseId;
}

export function RefView({ reference }: { reference: string }) {
  const { api } = useApp();
  const [error, setError] = useState<ApiRequestError | undefined>();
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    let live = true;
    findCaseId(api, reference).then(
      (caseId) => {
        if (!live) return;
        if (caseId) navigate({ view: 'case', caseId }, { replace: true });
        else setMissing(true);
      },
      (err: unknown) => live && setError(asApiError(err)),
    );
    return () => {
      live = false;
    };
  }, [api, reference]);

  return (
    <Page title={`Case ${reference}`}>
      {!missing && !error && <Spinner label={`Finding case ${reference}...`} />}
      {missing && (
        <p role="alert">
          There is no case {reference} that you can see.{' '}
          <Link href={hrefOf({ view: 'cases' })}>Go to the cases</Link>.
        </p>
      )}
      <ProblemSummary title="Could not find the case" message={error?.message} />
    </Page>
  );
}
