import { useEffect, useState } from 'react';
import type { MeetingView } from '../../../../bot/api/contract';
import type { Api } from '../../api/client';
import { asApiError, type ApiRequestError } from '../../lib/api-error';

/**
 * A member's side panel as it changes: the server's stream of views (each change any member makes reaches
 * every panel within a second), reconnected after a pause when it drops. A refusal (404: not on the panel)
 * is final and shown; the last view is kept while reconnecting.
 */
export function useMeeting(api: Api, caseId: string) {
  const [view, setView] = useState<MeetingView | undefined>();
  const [error, setError] = useState<ApiRequestError | undefined>();

  useEffect(() => {
    const controller = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      api
        .meetingStream(
          caseId,
          (v) => {
            setView(v);
            setError(undefined);
          },
          controller.signal,
        )
        .then(
          () => {
            if (!controller.signal.aborted) retry = setTimeout(connect, 1000);
          },
          (err: unknown) => {
            if (controller.signal.aborted) return;
            const e = asApiError(err);
            setError(e);
            if (e.status !== 404 && e.status !== 403) retry = setTimeout(connect, 2000);
          },
        );
    };
    connect();
    return () => {
      controller.abort();
      clearTimeout(retry);
    };
  }, [api, caseId]);

  return { view, error, setView };
}
