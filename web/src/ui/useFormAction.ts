// The state of a form that sends one request: busy while it runs, and the problem to show (the
// request's error, or one the form finds itself before sending).
import { useState } from 'react';

export interface FormAction {
  readonly busy: boolean;
  readonly problem: string | null;
  /** Shows a problem found before sending (the request is not run). */
  readonly refuse: (problem: string) => void;
  /** Runs the request: busy meanwhile, its error shown as the problem. */
  readonly run: (request: () => Promise<void>) => void;
}

export function useFormAction(): FormAction {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return {
    busy,
    problem,
    refuse: setProblem,
    run: (request) => {
      setBusy(true);
      request().then(
        () => {
          setBusy(false);
        },
        (error: unknown) => {
          setBusy(false);
          setProblem(error instanceof Error ? error.message : String(error));
        },
      );
    },
  };
}
