import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  Alert,
  Badge,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ORGANISATION_STATUSES, ZOrganisationStatus } from '@shared/contracts/organisations';
import {
  REGISTRY_LEGALITY_FILTERS,
  ZRegistryLegalityFilter,
  type TUmkmRegistryEntry,
} from '@shared/contracts/registry';
import { ZDistrictCode } from '@shared/contracts/regions';
import { formatDateWib } from '@shared/time';
import { getRegistrySummary, listRegistry, queryKeys, type RegistryFilters } from '../../api/endpoints';
import { StatusBadge } from '../../components/Badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PagedList } from '../../components/PagedList';
import { currentLanguage } from '../../i18n';
import { useSession } from '../auth/session';
import { DistrictSelect } from '../catalog/CatalogParts';
import { formatNumber } from '../catalog/catalogFormat';
import { canSeeRegistry, EntryFacts, LegalityBadges } from './registryParts';

const PAGE_SIZE = 20;
type FilterKey = 'districtCode' | 'status' | 'legality';

/** The filters live in the address bar, so coming back from a UMKM's page keeps them. */
function filtersFrom(params: URLSearchParams): RegistryFilters {
  const districtCode = ZDistrictCode.safeParse(params.get('districtCode'));
  const status = ZOrganisationStatus.safeParse(params.get('status'));
  const legality = ZRegistryLegalityFilter.safeParse(params.get('legality'));
  return {
    districtCode: districtCode.success ? districtCode.data : undefined,
    status: status.success ? status.data : undefined,
    legality: legality.success ? legality.data : undefined,
  };
}

function SummaryCards({ districtCode }: { districtCode: string | undefined }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const query = useQuery({
    queryKey: queryKeys.registrySummary(districtCode),
    queryFn: ({ signal }) => getRegistrySummary(districtCode, signal),
  });
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const summary = query.data;
  const figure = (value: string | null, label: string, hint: string, testId: string) => (
    <Card withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {summary ? (
        <Text fw={700} size="xl" data-testid={testId}>
          {value}
        </Text>
      ) : (
        <Skeleton h={28} my={4} />
      )}
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Card>
  );
  const coverage =
    !summary || summary.coverage === null
      ? null
      : new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'id-ID', {
          style: 'percent',
          maximumFractionDigits: 1,
        }).format(summary.coverage);
  return (
    <Stack gap={4}>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {figure(
          summary ? formatNumber(summary.umkm, locale) : null,
          t('registry.summaryUmkm'),
          t('registry.summaryUmkmHint'),
          'registry-summary-umkm',
        )}
        {figure(
          coverage ?? '–',
          t('registry.summaryCoverage'),
          summary && summary.verified > 0
            ? t('registry.summaryCoverageHint', {
                complete: formatNumber(summary.verifiedComplete, locale),
                verified: formatNumber(summary.verified, locale),
              })
            : t('registry.summaryNoVerified'),
          'registry-summary-coverage',
        )}
        {figure(
          summary ? formatNumber(summary.expiringSoon, locale) : null,
          t('registry.summaryExpiring'),
          t('registry.summaryExpiringHint'),
          'registry-summary-expiring',
        )}
      </SimpleGrid>
      {summary && (
        <Text size="xs" c="dimmed" ta="right">
          {t('registry.asOf', { date: formatDateWib(`${summary.asOf}T12:00:00+07:00`, locale) })}
        </Text>
      )}
    </Stack>
  );
}

function RegistryRow({ entry }: { entry: TUmkmRegistryEntry }) {
  return (
    // The whole row is one link to the UMKM's page.
    <Card
      withBorder
      radius="md"
      p="md"
      component={Link}
      to={`/dinkop/registri/${entry.organisationId}`}
      style={{ color: 'inherit', textDecoration: 'none' }}
      data-testid="registry-row"
      data-organisation-id={entry.organisationId}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Text fw={700} style={{ overflowWrap: 'anywhere', flex: '1 1 14rem' }}>
            {entry.name}
          </Text>
          <StatusBadge status={entry.status} />
        </Group>
        <Group gap="xs" justify="space-between">
          <Text size="sm" c="dimmed">
            {entry.district?.name ?? '–'}
          </Text>
          <LegalityBadges entry={entry} />
        </Group>
        {entry.programmeTags.length > 0 && (
          <Group gap={4}>
            {entry.programmeTags.map((tag) => (
              <Badge key={tag} variant="outline" color="gray" size="sm">
                {tag}
              </Badge>
            ))}
          </Group>
        )}
        <EntryFacts entry={entry} />
      </Stack>
    </Card>
  );
}

export function RegistryPage() {
  const me = useSession();
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 350);
  const filters: RegistryFilters = {
    ...filtersFrom(searchParams),
    q: debouncedSearch || undefined,
    limit: PAGE_SIZE,
  };
  const allowed = canSeeRegistry(me);

  const setParam = (key: FilterKey, value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearchParams(next, { replace: true });
  };
  const query = useInfiniteQuery({
    queryKey: queryKeys.registry(filters),
    queryFn: ({ pageParam, signal }) => listRegistry(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    enabled: allowed,
  });

  if (!allowed) {
    return (
      <Stack gap="lg">
        <Title order={1} size="h2">
          {t('registry.title')}
        </Title>
        <Alert color="gray" variant="light" data-testid="registry-no-access">
          {t('registry.noAccess')}
        </Alert>
      </Stack>
    );
  }

  const entries = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('registry.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('registry.subtitle')}
        </Text>
      </div>

      <SummaryCards districtCode={filters.districtCode} />

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <DistrictSelect
          label={t('registry.filterDistrict')}
          value={filters.districtCode ?? ''}
          onChange={(code) => setParam('districtCode', code)}
          allLabel={t('registry.allDistricts')}
          testId="registry-filter-district"
        />
        <NativeSelect
          label={t('registry.filterStatus')}
          value={filters.status ?? ''}
          onChange={(event) => setParam('status', event.currentTarget.value)}
          data={[
            { value: '', label: t('registry.allStatuses') },
            ...ORGANISATION_STATUSES.map((value) => ({ value, label: t(`labels.statuses.${value}`) })),
          ]}
          data-testid="registry-filter-status"
        />
        <NativeSelect
          label={t('registry.filterLegality')}
          value={filters.legality ?? ''}
          onChange={(event) => setParam('legality', event.currentTarget.value)}
          data={[
            { value: '', label: t('registry.allLegality') },
            ...REGISTRY_LEGALITY_FILTERS.map((value) => ({
              value,
              label: t(`registry.legalityFilters.${value}`),
            })),
          ]}
          data-testid="registry-filter-legality"
        />
        <TextInput
          label={t('registry.search')}
          placeholder={t('registry.searchPlaceholder')}
          type="search"
          maxLength={100}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          data-testid="registry-search"
        />
      </SimpleGrid>

      <PagedList query={query} count={entries.length} empty={t('registry.empty')} testIdPrefix="registry">
        {entries.map((entry) => (
          <RegistryRow key={entry.organisationId} entry={entry} />
        ))}
      </PagedList>
    </Stack>
  );
}
