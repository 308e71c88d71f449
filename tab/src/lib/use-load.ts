import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { asApiError, type ApiRequestError } from './api-error';

export interface Loaded<T> {
  /** The last answer; kept while a reload runs, so the page does not blank. */
  data: T | undefined;
  error: ApiRequestError | undefined;
  loading: boolean;
  /** Loads again (after a change); resolves when the answer is shown. */
  reload(): Promise<void>;
}

/**
 * What a view reads when it opens: loaded again when `deps` change (a new subject: the last error is
 * cleared), the request in flight abandoned when they do or the view closes (its answer is never shown).
 * `reload` keeps the error shown until it succeeds.
 */
export function useLoad<T>(load: (signal?: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<ApiRequestError | undefined>();
  const [loading, setLoading] = useState(true);
  const latest = useRef(load);
  latest.current = load;

  const fetchNow = useCallback(async (signal?: AbortSignal, fresh = false) => {
    setLoading(true);
    if (fresh) setError(undefined);
    try {
      const out = await latest.current(signal);
      if (signal?.aborted) return;
      setData(out);
      setError(undefined);
    } catch (err) {
      if (!signal?.aborted) setError(asApiError(err));
    } finally {
      if (!signal?.aborted) setLoading(false);
    }
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    void fetchNow(abort.signal, true);
    return () => abort.abort();
    // The caller's deps say when to load again; `load` itself is read through the ref.
  }, deps);

  const reload = useCallback(() => fetchNow(), [fetchNow]);
  return { data, error, loading, reload };
}
