import { Link } from 'react-router-dom';
import { Anchor, Badge, Card, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { TCatalogProduct } from '@shared/contracts/catalog';
import type { TLocale } from '@shared/contracts/accounts';
import { LEGALITY_DOCUMENT_LABELS, type TLegalityDocumentType } from '@shared/legality/documents';
import { formatRupiah } from '@shared/money';
import { listRegions, productPhotoUrl, queryKeys } from '../../api/endpoints';
import { currentLanguage } from '../../i18n';
import { PhotoCover } from '../photos/PhotoGallery';
import {
  BADGE_COLOR,
  BUYER_BADGES,
  KARAWANG_REGENCY,
  categoryLabel,
  formatDuration,
  formatNumber,
  lowestUnitPrice,
  tierRows,
} from './catalogFormat';

/** Halal, P-IRT, BPOM, SNI as short badges; `full` gives the document's whole name (product page). */
export function LegalityBadges({
  badges,
  full = false,
}: {
  badges: readonly TLegalityDocumentType[];
  full?: boolean;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const shown = BUYER_BADGES.filter((type) => badges.includes(type));
  if (shown.length === 0) return null;
  return (
    <Group gap={4}>
      {shown.map((type) => (
        <Badge
          key={type}
          size={full ? 'md' : 'sm'}
          variant="light"
          color={BADGE_COLOR[type] ?? 'gray'}
          data-testid="catalog-badge"
          data-badge={type}
          style={full ? { textTransform: 'none', height: 'auto', whiteSpace: 'normal' } : undefined}
        >
          {full ? LEGALITY_DOCUMENT_LABELS[type][locale] : t(`catalog.badges.${type}`)}
        </Badge>
      ))}
    </Group>
  );
}

/** How soon the goods can leave the seller: made to order in N days, or ready (within N days). */
export function leadTimeText(
  product: Pick<TCatalogProduct, 'leadTimeDays' | 'madeToOrder'>,
  t: TFunction,
  locale: TLocale,
): string {
  const days = formatDuration(product.leadTimeDays, 'day', locale);
  if (product.madeToOrder) return t('catalog.madeToOrder', { days });
  if (product.leadTimeDays === 0) return t('catalog.readyNow');
  return t('catalog.readyWithin', { days });
}

/** `pak` / `pack`; with a quantity other than one, the plural (`20 packs`; Indonesian has none). */
export function unitLabel(unit: TCatalogProduct['unit'], t: TFunction, quantity?: number): string {
  return quantity === undefined || quantity === 1
    ? t(`catalog.units.${unit}`)
    : t(`catalog.unitsMany.${unit}`);
}

/** The kecamatan of Kabupaten Karawang, as loaded for the address form (cached for the session). */
export function DistrictSelect({
  label,
  value,
  onChange,
  allLabel,
  testId,
}: {
  label: string;
  value: string;
  onChange: (districtCode: string) => void;
  allLabel: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: queryKeys.regions(KARAWANG_REGENCY),
    queryFn: ({ signal }) => listRegions(KARAWANG_REGENCY, signal),
    staleTime: Infinity,
    gcTime: 60 * 60 * 1000,
  });
  const items = query.data?.items ?? [];
  // A kecamatan chosen before the list arrived (from the address bar) keeps its option meanwhile.
  const known = value === '' || items.some((region) => region.code === value);
  return (
    <NativeSelect
      label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={[
        { value: '', label: query.isPending ? t('app.loading') : allLabel },
        ...(known ? [] : [{ value, label: value }]),
        ...items.map((region) => ({ value: region.code, label: region.name })),
      ]}
      error={query.isError ? t('address.loadFailed') : undefined}
      data-testid={testId}
    />
  );
}

/** A product in a result list: what a purchaser compares before opening it. */
export function CatalogProductCard({ product, from }: { product: TCatalogProduct; from?: string }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const unit = unitLabel(product.unit, t);
  const units = unitLabel(product.unit, t, product.minimumOrder);
  const lowest = lowestUnitPrice(product);
  const cover = product.photos[0];
  const link = { to: `/katalog/produk/${product.id}`, state: from !== undefined ? { from } : undefined };
  return (
    <Card
      withBorder
      radius="md"
      p="md"
      data-testid="catalog-card"
      data-product-id={product.id}
      style={{ display: 'flex', flexDirection: 'column' }}
    >
      {/* The name below is the link for keyboards and screen readers; the photo is one for fingers. */}
      <Card.Section component={Link} {...link} mb="sm" tabIndex={-1} aria-hidden>
        <PhotoCover src={cover ? productPhotoUrl(product.id, cover.id, 'small') : null} alt={product.name} />
      </Card.Section>
      <Stack gap={6} style={{ flex: 1 }}>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {categoryLabel(product.category, locale)}
        </Text>
        <Anchor
          component={Link}
          {...link}
          fw={700}
          c="var(--mantine-color-text)"
          style={{ overflowWrap: 'anywhere' }}
          data-testid="catalog-card-link"
        >
          {product.name}
        </Anchor>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          <Anchor component={Link} to={`/katalog/penjual/${product.seller.id}`} size="sm" inherit>
            {product.seller.name}
          </Anchor>
          {product.seller.districtName ? ` · ${product.seller.districtName}` : ''}
        </Text>
        <div>
          <Text fw={700} size="lg" c="green.8" data-testid="catalog-card-price">
            {product.priceTiers.length > 0
              ? t('catalog.priceFrom', { price: formatRupiah(lowest), unit })
              : t('catalog.pricePer', { price: formatRupiah(lowest), unit })}
          </Text>
          {product.priceTiers.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('catalog.basePrice', {
                price: formatRupiah(product.price),
                quantity: formatNumber(product.minimumOrder, locale),
                unit: units,
              })}
            </Text>
          )}
        </div>
        <Text size="sm">
          {t('catalog.minimumOrderShort', {
            quantity: formatNumber(product.minimumOrder, locale),
            unit: units,
          })}
          {product.orderIncrement > 1
            ? ` ${t('catalog.incrementShort', { quantity: formatNumber(product.orderIncrement, locale) })}`
            : ''}
        </Text>
        <Text size="sm">{leadTimeText(product, t, locale)}</Text>
        <div style={{ marginTop: 'auto' }}>
          <LegalityBadges badges={product.badges} />
        </div>
      </Stack>
    </Card>
  );
}

/** Base price from the minimum order, then each tier with what it saves per unit against the base. */
export function TierTable({
  product,
}: {
  product: Pick<TCatalogProduct, 'price' | 'priceTiers' | 'minimumOrder' | 'unit'>;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const unit = unitLabel(product.unit, t, 0);
  const rows = tierRows(product);
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table striped withTableBorder verticalSpacing="xs" data-testid="catalog-tiers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('catalog.tierQuantity', { unit })}</Table.Th>
            <Table.Th ta="right">{t('catalog.tierUnitPrice')}</Table.Th>
            <Table.Th ta="right">{t('catalog.tierSaving')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.fromQuantity} data-testid="catalog-tier-row">
              <Table.Td>
                {row.toQuantity === null
                  ? t('catalog.tierFrom', { from: formatNumber(row.fromQuantity, locale) })
                  : t('catalog.tierRange', {
                      from: formatNumber(row.fromQuantity, locale),
                      to: formatNumber(row.toQuantity, locale),
                    })}
              </Table.Td>
              <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {formatRupiah(row.unitPrice)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {row.savingPerUnit > 0 ? (
                  <Text span size="sm" c="green.8">
                    {t('catalog.tierSavingValue', {
                      amount: formatRupiah(row.savingPerUnit),
                      percent: row.savingPercent,
                    })}
                  </Text>
                ) : (
                  <Text span size="sm" c="dimmed">
                    {t('catalog.tierBase')}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
