import { useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { Anchor, Badge, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { unitPriceFor } from '@shared/catalog/pricing';
import type { TCatalogProduct } from '@shared/contracts/catalog';
import { ZObjectId } from '@shared/contracts/common';
import { formatRupiah } from '@shared/money';
import { formatDateWib } from '@shared/time';
import { getCatalogProduct, productPhotoUrl, queryKeys } from '../../api/endpoints';
import { detailPageState } from '../../components/PageProblem';
import { InfoRow } from '../../components/InfoRow';
import { QuantityStepper } from '../../components/QuantityStepper';
import { currentLanguage } from '../../i18n';
import { useSession } from '../auth/session';
import { orderingBlock } from '../orders/access';
import { AddToCartButton, OrderingBlockedNote } from '../orders/AddToCart';
import { PhotoGallery } from '../photos/PhotoGallery';
import { categoryLabel, formatDuration, formatNumber } from './catalogFormat';
import { LegalityBadges, TierTable, leadTimeText, unitLabel } from './CatalogParts';

/** Where "back to the catalog" leads: the result list the buyer came from, filters and all. */
export function catalogBackPath(state: unknown): string {
  if (state && typeof state === 'object' && 'from' in state && typeof state.from === 'string') {
    return state.from.startsWith('?') ? `/katalog${state.from}` : '/katalog';
  }
  return '/katalog';
}

/**
 * What an order of N units would cost: the tier reached, the total and the saving. `action` goes below
 * it (the cart button), given the quantity when it is orderable and null when it is not.
 */
function PriceCalculator({
  product,
  action,
}: {
  product: TCatalogProduct;
  action?: (orderableQuantity: number | null) => ReactNode;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const units = (count: number) => unitLabel(product.unit, t, count);
  const [quantity, setQuantity] = useState(String(product.minimumOrder));
  const amount = Number(quantity);
  let problem: string | null = null;
  if (quantity === '' || !Number.isSafeInteger(amount)) problem = t('catalog.calcEnterQuantity');
  else if (amount < product.minimumOrder)
    problem = t('catalog.calcBelowMinimum', {
      quantity: formatNumber(product.minimumOrder, locale),
      unit: units(product.minimumOrder),
    });
  else if (amount % product.orderIncrement !== 0)
    problem = t('catalog.calcNotMultiple', {
      increment: formatNumber(product.orderIncrement, locale),
      unit: units(product.orderIncrement),
    });
  const unitPrice = unitPriceFor(product, amount);
  const total = unitPrice * amount;
  const saving = (product.price - unitPrice) * amount;
  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('catalog.calcTitle')}
        </Text>
        <QuantityStepper
          label={t('catalog.calcQuantity', { unit: units(0) })}
          minimum={product.minimumOrder}
          increment={product.orderIncrement}
          value={quantity}
          onChange={setQuantity}
          error={problem ?? undefined}
          testId="catalog-calc-quantity"
        />
        {!problem && (
          <Text size="sm" data-testid="catalog-calc-result">
            {t('catalog.calcResult', {
              quantity: formatNumber(amount, locale),
              unit: units(amount),
              unitPrice: formatRupiah(unitPrice),
              total: formatRupiah(total),
            })}
            {saving > 0 && (
              <Text span c="green.8" size="sm">
                {' '}
                {t('catalog.calcSaving', { amount: formatRupiah(saving) })}
              </Text>
            )}
          </Text>
        )}
        {action?.(problem ? null : amount)}
      </Stack>
    </Paper>
  );
}

export function CatalogProductPage() {
  const me = useSession();
  const { t } = useTranslation();
  const locale = currentLanguage();
  const location = useLocation();
  const { productId = '' } = useParams();
  const validId = ZObjectId.safeParse(productId).success;
  const query = useQuery({
    queryKey: queryKeys.catalogProduct(productId),
    queryFn: ({ signal }) => getCatalogProduct(productId, signal),
    enabled: validId,
  });
  const back = (
    <Anchor component={Link} to={catalogBackPath(location.state)} size="sm" data-testid="catalog-back">
      {t('catalog.backToCatalog')}
    </Anchor>
  );

  const problem = detailPageState(query, {
    validId,
    back,
    notFound: { text: t('catalog.productNotFound'), testId: 'catalog-product-not-found' },
  });
  if (problem) return problem;

  const product = query.data!;
  const unit = unitLabel(product.unit, t);
  const units = (count: number) => unitLabel(product.unit, t, count);
  return (
    <Stack gap="lg" data-testid="catalog-product">
      {back}
      <div>
        <Text size="sm" c="dimmed">
          {categoryLabel(product.category, locale)}
        </Text>
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }} data-testid="catalog-product-name">
          {product.name}
        </Title>
        <Text size="sm" mt={4}>
          {t('catalog.soldBy')}{' '}
          <Anchor
            component={Link}
            to={`/katalog/penjual/${product.seller.id}`}
            fw={600}
            data-testid="catalog-seller-link"
          >
            {product.seller.name}
          </Anchor>
          {product.seller.districtName
            ? ` · ${t('catalog.districtOf', { district: product.seller.districtName })}`
            : ''}
        </Text>
      </div>

      <LegalityBadges badges={product.badges} full />

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="md">
          <PhotoGallery
            photos={product.photos}
            urlOf={(photoId, size) => productPhotoUrl(product.id, photoId, size)}
            subject={product.name}
            testId="catalog-product-photos"
          />
          <Card withBorder radius="md" p="md">
            <Stack gap="sm">
              <Group justify="space-between" align="baseline" gap="xs">
                <Text fw={700} size="xl" c="green.8">
                  {t('catalog.pricePer', { price: formatRupiah(product.price), unit })}
                </Text>
                {product.priceTiers.length > 0 && (
                  <Badge variant="light" color="green">
                    {t('catalog.tierCount', { count: product.priceTiers.length })}
                  </Badge>
                )}
              </Group>
              {product.priceTiers.length > 0 && <TierTable product={product} />}
              <PriceCalculator
                product={product}
                action={
                  orderingBlock(me)
                    ? undefined
                    : (quantity) => <AddToCartButton product={product} quantity={quantity} />
                }
              />
              <OrderingBlockedNote />
            </Stack>
          </Card>
        </Stack>

        <Card withBorder radius="md" p="md">
          <Stack gap={0}>
            <InfoRow label={t('catalog.minimumOrder')} testId="catalog-product-moq">
              {formatNumber(product.minimumOrder, locale)} {units(product.minimumOrder)}
            </InfoRow>
            <InfoRow label={t('catalog.orderIncrement')} testId="catalog-product-increment">
              {t('catalog.incrementValue', {
                quantity: formatNumber(product.orderIncrement, locale),
                unit: units(product.orderIncrement),
              })}
            </InfoRow>
            <InfoRow label={t('catalog.leadTime')} testId="catalog-product-lead-time">
              {leadTimeText(product, t, locale)}
            </InfoRow>
            <InfoRow label={t('catalog.shelfLife')}>
              {product.shelfLifeDays === null
                ? t('catalog.noShelfLife')
                : formatDuration(product.shelfLifeDays, 'day', locale)}
            </InfoRow>
            <InfoRow label={t('catalog.weight')}>
              {t('catalog.weightValue', { grams: formatNumber(product.weightGrams, locale), unit })}
            </InfoRow>
            <InfoRow label={t('catalog.curatedOn')}>{formatDateWib(product.approvedAt, locale)}</InfoRow>
          </Stack>
        </Card>
      </SimpleGrid>

      <Card withBorder radius="md" p="md">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('catalog.description')}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {product.description}
          </Text>
        </Stack>
      </Card>
    </Stack>
  );
}
