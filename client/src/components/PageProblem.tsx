import type { ReactNode } from 'react';
import { Alert, Stack } from '@mantine/core';
import { ErrorAlert } from './ErrorAlert';

/**
 * What a detail page shows instead of its content: the way back, then either "not found" (a calm grey
 * note: a wrong or stale link) or the error with a retry.
 */
export function PageProblem({
  back,
  notFound,
  error,
  onRetry,
}: {
  back: ReactNode;
  notFound?: { text: string; testId: string };
  error?: unknown;
  onRetry: () => void;
}) {
  return (
    <Stack gap="md">
      {back}
      {notFound ? (
        <Alert color="gray" variant="light" data-testid={notFound.testId}>
          {notFound.text}
        </Alert>
      ) : (
        <ErrorAlert error={error} onRetry={onRetry} />
      )}
    </Stack>
  );
}
