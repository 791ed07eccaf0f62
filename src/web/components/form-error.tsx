import { Alert } from '@mantine/core';
import type { ApiError } from '../api';

/** The general error message, announced to screen readers. */
export function FormError({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" variant="light">
      {error.message}
    </Alert>
  );
}
