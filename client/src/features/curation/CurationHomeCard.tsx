import { Link } from 'react-router-dom';
import { Button, Card, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listCurationQueue, queryKeys, type CurationQueueFilters } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';

const WAITING: CurationQueueFilters = { status: 'submitted', limit: 100 };

/** For Dinkop admins and curators: how many products wait for curation (counted on one page of 100). */
export function CurationHomeCard() {
  const { t } = useTranslation();
  const waiting = useQuery({
    queryKey: [...queryKeys.curationAll, 'waiting-count'],
    queryFn: ({ signal }) => listCurationQueue(WAITING, null, signal),
  });
  const page = waiting.data;
  const count = page?.items.length ?? 0;
  return (
    <Card withBorder radius="md" data-testid="curation-queue-card">
      <Stack gap="sm">
        <Text fw={600}>{t('curation.homeTitle')}</Text>
        {waiting.isPending && <Skeleton h={20} />}
        {waiting.isError && <ErrorAlert error={waiting.error} onRetry={() => void waiting.refetch()} />}
        {page && (
          <Text size="sm" data-testid="curation-waiting-count">
            {count === 0
              ? t('curation.homeNone')
              : page.nextCursor
                ? t('curation.homeCountMore', { count })
                : t('curation.homeCount', { count })}
          </Text>
        )}
        <div>
          <Button component={Link} to="/dinkop/kurasi" variant="light" data-testid="home-curation">
            {t('curation.homeOpen')}
          </Button>
        </div>
      </Stack>
    </Card>
  );
}
