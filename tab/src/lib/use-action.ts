import { useCallback, useMemo, useRef, useState } from 'react';
import { asApiError, type ApiRequestError } from './api-error';

/** How a run ended: its value, or the error to show (none when it did not start: one was under way). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiRequestError | undefined };

export interface Action {
  /** A run is under way. */
  busy: boolean;
  /** What the run under way is about (a row's id, a button), '' when none is. */
  busyWith: string;
  /** Why the last run failed, until the next run starts or `reset`. */
  error: ApiRequestError | undefined;
  /**
   * Runs `work` once at a time: a second click while it runs does nothing. Busy is cleared before the
   * outcome is returned, so what follows a success (closing a dialog, reloading the case) runs unblocked.
   */
  run<T>(work: () => Promise<T>, about?: string): Promise<Outcome<T>>;
  /** Shows an error that did not come from a run (a check before sending), or clears it. */
  setError(error: ApiRequestError | undefined): void;
  reset(): void;
}

/**
 * The busy and error state of one thing a person does (send, issue, download): the pair of useStates and
 * the try/catch/finally every button repeated, once.
 */
export function useAction(): Action {
  const [busyWith, setBusyWith] = useState<string | undefined>();
  const [error, setError] = useState<ApiRequestError | undefined>();
  // A ref as well as state: two clicks in one frame both see the state before either re-render.
  const running = useRef(false);

  const run = useCallback(async <T>(work: () => Promise<T>, about = ''): Promise<Outcome<T>> => {
    if (running.current) return { ok: false, error: undefined };
    running.current = true;
    setBusyWith(about);
    setError(undefined);
    try {
      const value = await work();
      return { ok: true, value };
    } catch (err) {
      const failed = asApiError(err);
      setError(failed);
      return { ok: false, error: failed };
    } finally {
      running.current = false;
      setBusyWith(undefined);
    }
  }, []);

  const reset = useCallback(() => setError(undefined), []);

  return useMemo(
    () => ({ busy: busyWith !== undefined, busyWith: busyWith ?? '', error, run, setError, reset }),
    [busyWith, error, run, reset],
  );
}
