import { useCallback } from 'react';
import {
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { BarChart, LineChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PRODUCT_CATEGORIES } from '@shared/catalog/categories';
import {
  BREAKDOWN_DIMENSIONS,
  REPORTS_TODAY_CHANGED_EVENT,
  SALES_CHANNELS,
  SERIES_BUCKETS,
  ZBreakdownDimension,
  ZReportsTodayChangedEvent,
  ZSeriesBucket,
  type TBreakdownDimension,
  type TBreakdownRow,
  type TSalesChannel,
} from '@shared/contracts/reports';
import { formatRupiah } from '@shared/money';
import { formatDateWib, todayInWib } from '@shared/time';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage } from '../../i18n';
import { useLiveEvent } from '../../realtime/live';
import { DistrictSelect } from '../catalog/CatalogParts';
import {
  exportUrl,
  getOverview,
  getSalesBreakdown,
  getSalesSeries,
  getSalesTop,
  getTodayPlaced,
  reportKeys,
  type DashboardFilters,
} from './api';
import { QUICK_PICKS, quickPeriod, useDashboardFilters } from './filters';

export type DashboardScope = 'dinkop' | 'seller';

/** Drill-down: a kecamatan opens its UMKM, a UMKM opens its products, by narrowing the filters. */
const DRILL: Partial<
  Record<TBreakdownDimension, { filter: keyof DashboardFilters; next: TBreakdownDimension }>
> = {
  kecamatan: { filter: 'kecamatan', next: 'umkm' },
  umkm: { filter: 'sellerOrganisationId', next: 'product' },
  category: { filter: 'category', next: 'product' },
  channel: { filter: 'channel', next: 'product' },
  programme: { filter: 'programme', next: 'product' },
};
/** A seller sees only itself: no kecamatan or UMKM comparison, which would reveal nothing anyway. */
const SELLER_HIDDEN: TBreakdownDimension[] = ['kecamatan', 'umkm'];

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);
const hours = (value: number | null) => (value === null ? '–' : value.toFixed(1));

function FilterBar({ scope }: { scope: DashboardScope }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const [filters, update] = useDashboardFilters();
  return (
    <Card withBorder radius="md" p="sm" data-testid="dashboard-filters">
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          {QUICK_PICKS.map((pick) => (
            <Button
              key={pick}
              size="xs"
              variant="light"
              data-testid={`dashboard-pick-${pick}`}
              onClick={() => update(quickPeriod(pick))}
            >
              {t(`reports.picks.${pick}`)}
            </Button>
          ))}
        </Group>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            type="date"
            label={t('reports.from')}
            value={filters.from}
            data-testid="dashboard-from"
            onChange={(event) => update({ from: event.currentTarget.value })}
          />
          <TextInput
            type="date"
            label={t('reports.to')}
            value={filters.to}
            data-testid="dashboard-to"
            onChange={(event) => update({ to: event.currentTarget.value })}
          />
          {scope === 'dinkop' && (
            <DistrictSelect
              label={t('reports.kecamatan')}
              value={filters.kecamatan ?? ''}
              onChange={(code) => update({ kecamatan: code || undefined })}
              allLabel={t('reports.allKecamatan')}
              testId="dashboard-kecamatan"
            />
          )}
          <NativeSelect
            label={t('reports.category')}
            value={filters.category ?? ''}
            data-testid="dashboard-category"
            data={[
              { value: '', label: t('reports.all') },
              ...PRODUCT_CATEGORIES.map((c) => ({ value: c.id, label: c.label[locale] })),
            ]}
            onChange={(event) => update({ category: event.currentTarget.value || undefined })}
          />
          <TextInput
            label={t('reports.programme')}
            value={filters.programme ?? ''}
            data-testid="dashboard-programme"
            onChange={(event) => update({ programme: event.currentTarget.value || undefined })}
          />
          <NativeSelect
            label={t('reports.channel')}
            value={filters.channel ?? ''}
            data-testid="dashboard-channel"
            data={[
              { value: '', label: t('reports.all') },
              ...SALES_CHANNELS.map((c) => ({ value: c, label: t(`reports.channels.${c}`) })),
            ]}
            onChange={(event) =>
              update({ channel: (event.currentTarget.value || undefined) as TSalesChannel | undefined })
            }
          />
          {(filters.kecamatan || filters.sellerOrganisationId || filters.category || filters.channel) && (
            <Button
              variant="subtle"
              data-testid="dashboard-clear"
              onClick={() =>
                update({
                  kecamatan: undefined,
                  sellerOrganisationId: undefined,
                  category: undefined,
                  channel: undefined,
                  programme: undefined,
                })
              }
            >
              {t('reports.clear')}
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('reports.periodWib', {
            from: formatDateWib(`${filters.from}T12:00:00+07:00`, locale),
            to: formatDateWib(`${filters.to}T12:00:00+07:00`, locale),
          })}
        </Text>
      </Stack>
    </Card>
  );
}

/** Today's placed orders; refetched whenever the worker says today's rollups moved. */
function TodayCounters() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const today = todayInWib();
  const query = useQuery({
    queryKey: reportKeys.today(today),
    queryFn: ({ signal }) => getTodayPlaced(today, signal),
  });
  const refetch = useCallback(
    (payload: unknown) => {
      const event = ZReportsTodayChangedEvent.safeParse(payload);
      if (event.success) void queryClient.invalidateQueries({ queryKey: reportKeys.today(event.data.date) });
    },
    [queryClient],
  );
  const refetchAll = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: reportKeys.all }),
    [queryClient],
  );
  useLiveEvent(REPORTS_TODAY_CHANGED_EVENT, refetch, refetchAll);
  const point = query.data?.points[0];
  return (
    <SimpleGrid
      cols={{ base: 1, xs: 2 }}
      data-testid="dashboard-today"
      data-loaded={query.data ? 'yes' : 'no'}
    >
      <StatCard label={t('reports.todayOrders')} value={String(point?.orders ?? 0)} testId="today-orders" />
      <StatCard
        label={t('reports.todayValue')}
        value={formatRupiah(point?.grossRupiah ?? 0)}
        testId="today-value"
      />
    </SimpleGrid>
  );
}

function StatCard({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  testId: string;
}) {
  return (
    <Card withBorder radius="md" p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={`${testId}-value`}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

function OverviewCards({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: reportKeys.overview(filters),
    queryFn: ({ signal }) => getOverview(filters, signal),
  });
  if (query.error) return <ErrorAlert error={query.error} />;
  const o = query.data;
  if (!o) return null;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} data-testid="dashboard-overview">
      <StatCard
        label={t('reports.overview.activeUmkm')}
        value={String(o.activeUmkm)}
        testId="overview-active"
      />
      <StatCard
        label={t('reports.overview.newlyCurated')}
        value={String(o.newlyCuratedProducts)}
        testId="overview-curated"
      />
      <StatCard
        label={t('reports.overview.legality')}
        value={percent(o.legalityCoverage.share)}
        hint={t('reports.overview.ofTotal', {
          covered: o.legalityCoverage.covered,
          total: o.legalityCoverage.total,
        })}
        testId="overview-legality"
      />
      <StatCard
        label={t('reports.overview.hoursToDelivery')}
        value={hours(o.averageHoursToDelivery)}
        hint={t('reports.overview.deliveredOrders', { count: o.deliveredOrders })}
        testId="overview-delivery"
      />
      <StatCard
        label={t('reports.overview.onTime')}
        value={percent(o.onTimeDeliveryShare)}
        testId="overview-on-time"
      />
      <StatCard
        label={t('reports.overview.responseHours')}
        value={hours(o.averageResponseHours)}
        hint={t('reports.overview.answeredOrders', { count: o.answeredOrders })}
        testId="overview-response"
      />
    </SimpleGrid>
  );
}

function SeriesBars({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const parsed = ZSeriesBucket.safeParse(params.get('bucket'));
  const bucket = parsed.success ? parsed.data : 'day';
  const query = useQuery({
    queryKey: reportKeys.series(filters, bucket),
    queryFn: ({ signal }) => getSalesSeries(filters, bucket, signal),
  });
  return (
    <Card withBorder radius="md" p="sm" data-testid="dashboard-series">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('reports.seriesTitle')}</Title>
        <SegmentedControl
          size="xs"
          value={bucket}
          data={SERIES_BUCKETS.map((b) => ({ value: b, label: t(`reports.buckets.${b}`) }))}
          onChange={(value) =>
            setParams((previous) => {
              const next = new URLSearchParams(previous);
              next.set('bucket', value);
              return next;
            })
          }
        />
      </Group>
      {query.error && <ErrorAlert error={query.error} />}
      {query.data && (
        <LineChart
          h={260}
          data={query.data.points}
          dataKey="bucket"
          series={[{ name: 'grossRupiah', label: t('reports.gross'), color: 'teal.6' }]}
          valueFormatter={formatRupiah}
          curveType="linear"
          withDots={query.data.points.length <= 62}
        />
      )}
    </Card>
  );
}

function BreakdownTable({ filters, scope }: { filters: DashboardFilters; scope: DashboardScope }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const dimensions = BREAKDOWN_DIMENSIONS.filter((d) => scope === 'dinkop' || !SELLER_HIDDEN.includes(d));
  const parsed = ZBreakdownDimension.safeParse(params.get('by'));
  const fallback = scope === 'dinkop' ? 'kecamatan' : 'product';
  const by = parsed.success && dimensions.includes(parsed.data) ? parsed.data : fallback;
  const query = useQuery({
    queryKey: reportKeys.breakdown(filters, by),
    queryFn: ({ signal }) => getSalesBreakdown(filters, by, signal),
  });
  const setBy = (value: TBreakdownDimension, patch?: Partial<DashboardFilters>) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      next.set('by', value);
      for (const [key, v] of Object.entries(patch ?? {})) if (v) next.set(key, v);
      return next;
    });
  const drill = scope === 'dinkop' || !SELLER_HIDDEN.includes(DRILL[by]?.next ?? by) ? DRILL[by] : undefined;
  const drillInto = (row: TBreakdownRow) => {
    if (!drill) return;
    setBy(drill.next, { [drill.filter]: row.key });
  };
  return (
    <Card withBorder radius="md" p="sm" data-testid="dashboard-breakdown">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <NativeSelect
          label={t('reports.breakdownBy')}
          value={by}
          data-testid="dashboard-by"
          data={dimensions.map((d) => ({ value: d, label: t(`reports.dimensions.${d}`) }))}
          onChange={(event) => setBy(event.currentTarget.value as TBreakdownDimension)}
        />
        <Group gap="xs">
          <Button
            component="a"
            href={exportUrl(filters, by, 'csv')}
            variant="light"
            data-testid="dashboard-csv"
          >
            {t('reports.downloadCsv')}
          </Button>
          <Button
            component="a"
            href={exportUrl(filters, by, 'xlsx')}
            variant="light"
            data-testid="dashboard-xlsx"
          >
            {t('reports.downloadXlsx')}
          </Button>
        </Group>
      </Group>
      {query.error && <ErrorAlert error={query.error} />}
      {query.data && query.data.rows.length > 0 && (
        <BarChart
          h={260}
          mb="sm"
          data={query.data.rows.slice(0, 20).map((row) => ({
            label: row.label,
            current: row.current.grossRupiah,
            previous: row.previous.grossRupiah,
          }))}
          dataKey="label"
          series={[
            { name: 'current', label: t('reports.gross'), color: 'teal.6' },
            { name: 'previous', label: t('reports.previous'), color: 'gray.5' },
          ]}
          valueFormatter={formatRupiah}
        />
      )}
      {query.data && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="breakdown-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`reports.dimensions.${by}`)}</Table.Th>
                <Table.Th>{t('reports.orders')}</Table.Th>
                <Table.Th>{t('reports.units')}</Table.Th>
                <Table.Th>{t('reports.gross')}</Table.Th>
                <Table.Th>{t('reports.previous')}</Table.Th>
                <Table.Th>{t('reports.change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.rows.map((row) => (
                <Table.Tr key={row.key} data-testid="breakdown-row" data-key={row.key}>
                  <Table.Td>
                    {drill ? (
                      <Anchor component="button" onClick={() => drillInto(row)} data-testid="breakdown-drill">
                        {row.label}
                      </Anchor>
                    ) : (
                      row.label
                    )}
                  </Table.Td>
                  <Table.Td>{row.current.orders}</Table.Td>
                  <Table.Td>{row.current.units}</Table.Td>
                  <Table.Td data-testid="breakdown-gross">{formatRupiah(row.current.grossRupiah)}</Table.Td>
                  <Table.Td>{formatRupiah(row.previous.grossRupiah)}</Table.Td>
                  <Table.Td>
                    {row.grossChangePercent === null ? '–' : `${row.grossChangePercent.toFixed(1)}%`}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th>{t('reports.total')}</Table.Th>
                <Table.Th>{query.data.totals.current.orders}</Table.Th>
                <Table.Th>{query.data.totals.current.units}</Table.Th>
                <Table.Th data-testid="breakdown-total">
                  {formatRupiah(query.data.totals.current.grossRupiah)}
                </Table.Th>
                <Table.Th>{formatRupiah(query.data.totals.previous.grossRupiah)}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
      {query.data && query.data.rows.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('reports.empty')}
        </Text>
      )}
    </Card>
  );
}

/** Current and previous period side by side, each stacked by channel: where the sales come from. */
function ChannelStack({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: reportKeys.breakdown(filters, 'channel'),
    queryFn: ({ signal }) => getSalesBreakdown(filters, 'channel', signal),
  });
  if (!query.data) return null;
  const periods = (['current', 'previous'] as const).map((period) => ({
    period: t(period === 'current' ? 'reports.currentPeriod' : 'reports.previous'),
    ...Object.fromEntries(query.data.rows.map((row) => [row.key, row[period].grossRupiah])),
  }));
  return (
    <Card withBorder radius="md" p="sm" data-testid="dashboard-channels">
      <Title order={4} mb="xs">
        {t('reports.channelsTitle')}
      </Title>
      <BarChart
        h={220}
        type="stacked"
        data={periods}
        dataKey="period"
        series={SALES_CHANNELS.map((channel, index) => ({
          name: channel,
          label: t(`reports.channels.${channel}`),
          color: ['teal.6', 'orange.5', 'grape.5'][index]!,
        }))}
        valueFormatter={formatRupiah}
      />
    </Card>
  );
}

function TopLists({ filters, scope }: { filters: DashboardFilters; scope: DashboardScope }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: reportKeys.top(filters),
    queryFn: ({ signal }) => getSalesTop(filters, signal),
  });
  if (!query.data) return null;
  const lists = scope === 'dinkop' ? (['products', 'umkm'] as const) : (['products'] as const);
  return (
    <SimpleGrid cols={{ base: 1, md: lists.length }} data-testid="dashboard-top">
      {lists.map((list) => (
        <Card key={list} withBorder radius="md" p="sm">
          <Title order={4} mb="xs">
            {t(`reports.top.${list}`)}
          </Title>
          {query.data[list].map((row, index) => (
            <Group key={row.key} justify="space-between" wrap="nowrap">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {index + 1}. {row.label}
              </Text>
              <Text size="sm" fw={600}>
                {formatRupiah(row.grossRupiah)}
              </Text>
            </Group>
          ))}
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** One dashboard for Dinkop (everything) and for a seller (the server scopes it to the seller). */
export function SalesDashboard({ scope }: { scope: DashboardScope }) {
  const { t } = useTranslation();
  const [filters] = useDashboardFilters();
  return (
    <Stack gap="md">
      <Title order={2}>{t(scope === 'dinkop' ? 'reports.dinkopTitle' : 'reports.sellerTitle')}</Title>
      <TodayCounters />
      <FilterBar scope={scope} />
      <OverviewCards filters={filters} />
      <SeriesBars filters={filters} />
      <BreakdownTable filters={filters} scope={scope} />
      <ChannelStack filters={filters} />
      <TopLists filters={filters} scope={scope} />
    </Stack>
  );
}
