import { useRef, useState } from 'react';
import { stillWrong, type Problem } from './problems';

/**
 * A dialog's form and the problems shown on it (issue 15): a field fixed loses its error at once (the
 * browser's own `check` runs again on each change), nothing new shows before the next submit, and the
 * server's problems, which the browser cannot check again, stay until their field changes.
 */
export function useCheckedForm<F extends object | undefined>(
  initial: F,
  check: (form: NonNullable<F>) => Problem[],
) {
  const [form, setForm] = useState<F>(initial);
  const current = useRef<F>(initial);
  const [problems, setProblems] = useState<Problem[]>([]);
  const serverProblems = useRef<Problem[]>([]);
  const latestCheck = useRef(check);
  latestCheck.current = check;

  return {
    form,
    problems,
    set(patch: Partial<NonNullable<F>>) {
      const next = { ...current.current, ...patch } as NonNullable<F>;
      current.current = next;
      setForm(next);
      setProblems((shown) =>
        shown.length
          ? stillWrong(shown, latestCheck.current(next), serverProblems.current, Object.keys(patch))
          : shown,
      );
    },
    /** A fresh form, no problems shown. */
    start(fresh: NonNullable<F>) {
      current.current = fresh;
      setForm(fresh);
      serverProblems.current = [];
      setProblems([]);
    },
    /** What the browser found on submit. */
    found(list: Problem[]) {
      serverProblems.current = [];
      setProblems(list);
    },
    /** What the server refused. */
    refused(list: readonly Problem[]) {
      serverProblems.current = [...list];
      setProblems([...list]);
    },
  };
}
