import { useEffect, useState } from 'react';
import type { MeetingView } from '../../../../bot/api/contract';
import type { Api } from '../../api/client';
import type { ApiRequestError } from '../../lib/api-error';
import { earlyView, feedFor } from './meeting-feed';

/**
 * A member's side panel as it changes (meeting-feed.ts: the server's stream, reconnected when it drops;
 * on the meeting page it was opened before React loaded). A refusal is shown; the last view is kept while
 * reconnecting. `setView` shows the answer to the chair's own note at once. It starts from the view the
 * early feed holds, so the first render shows the panel (not a spinner) over the page's plain first view.
 */
export function useMeeting(api: Api, caseId: string) {
  const [view, setView] = useState<MeetingView | undefined>(() => earlyView(api, caseId));
  const [error, setError] = useState<ApiRequestError | undefined>();

  useEffect(() => {
    const feed = feedFor(api, caseId);
    feed.subscribe({
      view: (v) => {
        setView(v);
        setError(undefined);
      },
      error: setError,
    });
    return () => feed.close();
  }, [api, caseId]);

  return { view, error, setView };
}
