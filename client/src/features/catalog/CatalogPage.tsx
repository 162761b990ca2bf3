import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import {
  Button,
  Collapse,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PRODUCT_CATEGORY_IDS } from '@shared/catalog/categories';
import { CATALOG_SORTS, ZCatalogQuery } from '@shared/contracts/catalog';
import { LEGALITY_DOCUMENT_LABELS } from '@shared/legality/documents';
import { queryKeys, searchCatalog, type CatalogFilters } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMoreButton } from '../../components/PagedList';
import { PageLoader } from '../../components/PageLoader';
import { focusFirstInvalid, serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { currentLanguage } from '../../i18n';
import { BUYER_BADGES, categoryLabel } from './catalogFormat';
import { CatalogProductCard, DistrictSelect } from './CatalogParts';

const PAGE_SIZE = 24;

/** The filters live in the address bar, so a result list survives opening a product and coming back. */
const FILTER_KEYS = [
  'q',
  'category',
  'districtCode',
  'halal',
  'certification',
  'priceMin',
  'priceMax',
  'moqMax',
  'leadTimeMax',
  'sort',
] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** Typed into the form and applied with the search button; the selects and the switch apply at once. */
type TypedKey = 'q' | 'priceMin' | 'priceMax' | 'moqMax' | 'leadTimeMax';
/** What the form shows: typed values until searched for, chosen values at once (before the URL follows). */
type FormValues = Record<FilterKey, string>;

/** Behind "more filters": shown open when one of them is in use. */
const MORE_KEYS: readonly FilterKey[] = ['certification', 'priceMin', 'priceMax', 'moqMax', 'leadTimeMax'];

function readParams(params: URLSearchParams): Partial<Record<FilterKey, string>> {
  const values: Partial<Record<FilterKey, string>> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) values[key] = value;
  }
  return values;
}

function formValuesFrom(values: Partial<Record<FilterKey, string>>): FormValues {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, values[key] ?? ''])) as FormValues;
}

function withoutEmpty(values: Partial<Record<FilterKey, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(values))
    if (value && value.trim() !== '') kept[key] = value.trim();
  return kept;
}

/** People type "15.000" or "Rp 15.000": keep the digits. */
const digitsOnly = (value: string) => value.replace(/\D/g, '');

export function CatalogPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const applied = readParams(searchParams);
  const appliedKey = searchParams.toString();
  const [form, setForm] = useState<FormValues>(() => formValuesFrom(applied));
  const [moreOpen, setMoreOpen] = useState(() => MORE_KEYS.some((key) => applied[key] !== undefined));
  const fields = useFieldErrors();

  // A new address (the Katalog menu item, the back button) resets what the form shows; a filter the
  // page applied itself leaves alone what is typed but not yet searched for.
  const appliedByPage = useRef<string | null>(null);
  useEffect(() => {
    if (appliedKey === appliedByPage.current) return;
    setForm(formValuesFrom(readParams(new URLSearchParams(appliedKey))));
  }, [appliedKey]);

  const parsed = ZCatalogQuery.safeParse({ ...applied, limit: PAGE_SIZE });
  const filters: CatalogFilters | null = parsed.success ? parsed.data : null;

  const query = useInfiniteQuery({
    queryKey: queryKeys.catalogSearch(filters ?? {}),
    queryFn: ({ pageParam, signal }) => searchCatalog(filters ?? {}, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    enabled: filters !== null,
  });

  // The server's field issues (a filter it refused) go under the matching fields.
  const { setServer } = fields;
  useEffect(() => {
    setServer(query.error ? serverFieldErrors(query.error) : {});
  }, [query.error, setServer]);

  // Filters a hand-edited address got wrong are shown under their fields, as if typed.
  const { setErrors } = fields;
  useEffect(() => {
    const checked = validate(ZCatalogQuery, readParams(new URLSearchParams(appliedKey)), t);
    setErrors(checked.ok ? {} : checked.errors);
  }, [appliedKey, setErrors, t]);

  const apply = (next: Partial<Record<FilterKey, string>>) => {
    const values = withoutEmpty(next);
    appliedByPage.current = new URLSearchParams(values).toString();
    setSearchParams(values);
  };

  // A choice shows at once and applies at once, together with what was searched for before (not with
  // what is typed but not searched for yet).
  const setFilter = (key: FilterKey, value: string) => {
    fields.clear(key);
    setForm((current) => ({ ...current, [key]: value }));
    apply({ ...applied, [key]: value });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const next = withoutEmpty(form);
    const result = validate(ZCatalogQuery, next, t);
    fields.setErrors(result.ok ? {} : result.errors);
    if (!result.ok) {
      if (MORE_KEYS.some((key) => key in result.errors)) setMoreOpen(true);
      focusFirstInvalid(formElement);
      return;
    }
    apply(next);
  };

  const resetFilters = () => {
    fields.reset();
    const kept = applied.q ? { q: applied.q } : {};
    setForm(formValuesFrom(kept));
    apply(kept);
  };

  const draftBinding = (key: TypedKey, numeric: boolean) =>
    fields.bind(key, (value) =>
      setForm((current) => ({ ...current, [key]: numeric ? digitsOnly(value) : value })),
    );

  const activeFilters = FILTER_KEYS.filter((key) => key !== 'q' && key !== 'sort' && applied[key]).length;
  const activeMore = MORE_KEYS.filter((key) => applied[key]).length;
  const products = query.data?.pages.flatMap((page) => page.items) ?? [];
  const sort = form.sort || (applied.q ? 'relevance' : 'newest');
  const from = location.search;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('catalog.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('catalog.subtitle')}
        </Text>
      </div>

      <form onSubmit={submit} noValidate role="search" aria-label={t('catalog.searchLabel')}>
        <Stack gap="sm">
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              label={t('catalog.searchLabel')}
              placeholder={t('catalog.searchPlaceholder')}
              type="search"
              maxLength={100}
              value={form.q}
              {...draftBinding('q', false)}
              data-testid="catalog-search"
            />
            <Button type="submit" mt={25} data-testid="catalog-search-submit">
              {t('catalog.searchSubmit')}
            </Button>
          </Group>

          <Paper withBorder radius="md" p="sm">
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
                <NativeSelect
                  label={t('catalog.category')}
                  value={form.category}
                  onChange={(event) => setFilter('category', event.currentTarget.value)}
                  error={fields.errorOf('category')}
                  data={[
                    { value: '', label: t('catalog.allCategories') },
                    ...PRODUCT_CATEGORY_IDS.map((id) => ({ value: id, label: categoryLabel(id, locale) })),
                  ]}
                  data-testid="catalog-filter-category"
                />
                <DistrictSelect
                  label={t('catalog.district')}
                  value={form.districtCode}
                  onChange={(code) => setFilter('districtCode', code)}
                  allLabel={t('catalog.allDistricts')}
                  testId="catalog-filter-district"
                />
                <NativeSelect
                  label={t('catalog.sort')}
                  value={sort}
                  onChange={(event) => setFilter('sort', event.currentTarget.value)}
                  data={CATALOG_SORTS.map((value) => ({ value, label: t(`catalog.sorts.${value}`) }))}
                  data-testid="catalog-sort"
                />
                <Switch
                  label={t('catalog.halalOnly')}
                  checked={form.halal === 'true'}
                  onChange={(event) => setFilter('halal', event.currentTarget.checked ? 'true' : '')}
                  mt={{ base: 4, md: 30 }}
                  data-testid="catalog-filter-halal"
                />
              </SimpleGrid>

              <Collapse expanded={moreOpen}>
                <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs" pb="xs">
                  <NativeSelect
                    label={t('catalog.certification')}
                    value={form.certification}
                    onChange={(event) => setFilter('certification', event.currentTarget.value)}
                    error={fields.errorOf('certification')}
                    data={[
                      { value: '', label: t('catalog.anyCertification') },
                      ...BUYER_BADGES.filter((type) => type !== 'halal').map((type) => ({
                        value: type,
                        label: LEGALITY_DOCUMENT_LABELS[type][locale],
                      })),
                    ]}
                    data-testid="catalog-filter-certification"
                  />
                  <TextInput
                    label={t('catalog.priceMin')}
                    inputMode="numeric"
                    autoComplete="off"
                    leftSection={<Text size="xs">Rp</Text>}
                    value={form.priceMin}
                    {...draftBinding('priceMin', true)}
                    data-testid="catalog-filter-price-min"
                  />
                  <TextInput
                    label={t('catalog.priceMax')}
                    inputMode="numeric"
                    autoComplete="off"
                    leftSection={<Text size="xs">Rp</Text>}
                    value={form.priceMax}
                    {...draftBinding('priceMax', true)}
                    data-testid="catalog-filter-price-max"
                  />
                  <TextInput
                    label={t('catalog.moqMax')}
                    inputMode="numeric"
                    autoComplete="off"
                    value={form.moqMax}
                    {...draftBinding('moqMax', true)}
                    data-testid="catalog-filter-moq-max"
                  />
                  <TextInput
                    label={t('catalog.leadTimeMax')}
                    inputMode="numeric"
                    autoComplete="off"
                    value={form.leadTimeMax}
                    {...draftBinding('leadTimeMax', true)}
                    data-testid="catalog-filter-lead-time-max"
                  />
                </SimpleGrid>
                <Text size="xs" c="dimmed" pb="xs">
                  {t('catalog.priceHint')}
                </Text>
                <Group justify="flex-end" pb="xs">
                  <Button type="submit" variant="light" size="xs" data-testid="catalog-apply-filters">
                    {t('catalog.applyFilters')}
                  </Button>
                </Group>
              </Collapse>

              <Group justify="space-between" gap="xs">
                <Button
                  variant="subtle"
                  size="xs"
                  onClick={() => setMoreOpen((open) => !open)}
                  aria-expanded={moreOpen}
                  data-testid="catalog-more-filters"
                >
                  {moreOpen
                    ? t('catalog.fewerFilters')
                    : activeMore > 0
                      ? t('catalog.moreFiltersActive', { count: activeMore })
                      : t('catalog.moreFilters')}
                </Button>
                {activeFilters > 0 && (
                  <Button
                    variant="subtle"
                    color="gray"
                    size="xs"
                    onClick={resetFilters}
                    data-testid="catalog-reset"
                  >
                    {t('catalog.resetFilters', { count: activeFilters })}
                  </Button>
                )}
              </Group>
            </Stack>
          </Paper>
        </Stack>
      </form>

      {filters === null && (
        <Text c="red" size="sm" role="alert">
          {t('validation.fixFields')}
        </Text>
      )}
      {filters !== null && query.isPending && <PageLoader />}
      {query.isError && (
        <ErrorAlert
          error={query.error}
          onRetry={() => void query.refetch()}
          showIssues
          fieldKeys={[...FILTER_KEYS]}
        />
      )}
      {query.isSuccess && products.length === 0 && (
        <Text c="dimmed" ta="center" py="xl" data-testid="catalog-empty">
          {activeFilters > 0 || applied.q ? t('catalog.emptyFiltered') : t('catalog.emptyAll')}
        </Text>
      )}
      {products.length > 0 && (
        <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="md" data-testid="catalog-results">
          {products.map((product) => (
            <CatalogProductCard key={product.id} product={product} from={from} />
          ))}
        </SimpleGrid>
      )}
      <LoadMoreButton query={query} testId="catalog-load-more" />
    </Stack>
  );
}
