import type { ReactNode } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';
import { PageLoader } from './PageLoader';

/** What these pieces read from a useInfiniteQuery result. */
interface PagedQuery {
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  error: unknown;
  refetch: () => unknown;
  hasNextPage: boolean;
  fetchNextPage: () => unknown;
  isFetchingNextPage: boolean;
}

/** Fetches the next page of a cursor-paged list; gone once the server says there is none. */
export function LoadMoreButton({
  query,
  testId,
}: {
  query: Pick<PagedQuery, 'hasNextPage' | 'fetchNextPage' | 'isFetchingNextPage'>;
  testId: string;
}) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <Button
      variant="default"
      onClick={() => void query.fetchNextPage()}
      loading={query.isFetchingNextPage}
      data-testid={testId}
    >
      {t('app.loadMore')}
    </Button>
  );
}

/**
 * A cursor-paged list below its filters: loader, error with retry, the empty note, the rows and "load more".
 * Test ids are `${testIdPrefix}-empty` and `${testIdPrefix}-load-more`.
 */
export function PagedList({
  query,
  count,
  empty,
  testIdPrefix,
  listTestId,
  children,
}: {
  query: PagedQuery;
  /** Rows loaded so far; none after a successful read shows `empty`. */
  count: number;
  empty: ReactNode;
  testIdPrefix: string;
  listTestId?: string;
  children: ReactNode;
}) {
  return (
    <>
      {query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && count === 0 && (
        <Text c="dimmed" ta="center" py="xl" data-testid={`${testIdPrefix}-empty`}>
          {empty}
        </Text>
      )}
      <Stack gap="sm" data-testid={listTestId}>
        {children}
      </Stack>
      <LoadMoreButton query={query} testId={`${testIdPrefix}-load-more`} />
    </>
  );
}
