import { Alert } from '@mantine/core';
import { useRef, useState } from 'react';
import { ApiError } from '../api';

/** Holds the last API error of a form: the general message and the message per field. */
export function useApiError() {
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  // The error of the last run, readable right after it (the state above shows on the next render).
  const last = useRef<ApiError | null>(null);
  return {
    /** The last run's error, at once (for deciding what the form shows next). */
    latest: () => last.current,
    error,
    /** A request is on its way: the form's save button shows it and takes no second press. */
    pending,
    setError,
    clear: () => setError(null),
    field: (name: string) => error?.fields[name],
    /** Runs a request, keeping its error for display; returns undefined on failure. */
    async run<T>(work: () => Promise<T>): Promise<T | undefined> {
      setError(null);
      last.current = null;
      setPending(true);
      try {
        return await work();
      } catch (caught) {
        last.current = caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught));
        setError(last.current);
        return undefined;
      } finally {
        setPending(false);
      }
    },
  };
}

/** The general error message, announced to screen readers. */
export function FormError({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" variant="light">
      {error.message}
    </Alert>
  );
}
