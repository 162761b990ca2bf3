import { Link } from 'react-router-dom';
import { Button, Card, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getRegistrySummary, queryKeys } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage } from '../../i18n';
import { formatNumber } from '../catalog/catalogFormat';

/** For every Dinkop role: legality coverage of verified UMKM today, and who has documents running out. */
export function RegistryHomeCard() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const summary = useQuery({
    queryKey: queryKeys.registrySummary(undefined),
    queryFn: ({ signal }) => getRegistrySummary(undefined, signal),
  });
  const data = summary.data;
  return (
    <Card withBorder radius="md" data-testid="registry-home-card">
      <Stack gap="sm">
        <Text fw={600}>{t('registry.homeTitle')}</Text>
        {summary.isPending && <Skeleton h={40} />}
        {summary.isError && <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />}
        {data && (
          <Text size="sm" data-testid="registry-home-coverage">
            {data.verified === 0
              ? t('registry.summaryNoVerified')
              : t('registry.homeCoverage', {
                  complete: formatNumber(data.verifiedComplete, locale),
                  verified: formatNumber(data.verified, locale),
                })}
            {data.expiringSoon > 0 &&
              ` ${t('registry.homeExpiring', { count: formatNumber(data.expiringSoon, locale) })}`}
          </Text>
        )}
        <div>
          <Button component={Link} to="/dinkop/registri" variant="light" data-testid="home-registry">
            {t('registry.homeOpen')}
          </Button>
        </div>
      </Stack>
    </Card>
  );
}
