import type { ReactNode } from 'react';
import { Alert, Stack } from '@mantine/core';
import { ApiError } from '../api/client';
import { ErrorAlert } from './ErrorAlert';
import { PageLoader } from './PageLoader';

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

/**
 * What a detail page shows before its content: "not found" for a malformed id or a 404, the error with a
 * retry for anything else, the loader while waiting; null once the data is there.
 */
export function detailPageState(
  query: { data: unknown; error: unknown; isError: boolean; refetch: () => unknown },
  options: { validId: boolean; back: ReactNode; notFound: { text: string; testId: string } },
): ReactNode | null {
  const notFound = !options.validId || (query.error instanceof ApiError && query.error.code === 'NOT_FOUND');
  if (notFound || query.isError) {
    return (
      <PageProblem
        back={options.back}
        notFound={notFound ? options.notFound : undefined}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  }
  return query.data === undefined ? <PageLoader /> : null;
}
