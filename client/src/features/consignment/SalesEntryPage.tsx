import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TDisplaySale, TStock } from '@shared/contracts/consignment';
import { formatRupiah } from '@shared/money';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { useSession } from '../auth/session';
import { canEnterSales, mayEnterAtPoint } from './access';
import { consignmentKeys, listPoints, listStock, recordSale } from './api';

const POINT_STORAGE_KEY = 'pasar.consignment.point';

/**
 * `/titik-pajang/penjualan`: the operator's (or, at an unstaffed corner, the seller's) sales screen, made
 * for a phone at the counter: pick the product with one big button, set the quantity, record. The
 * Idempotency-Key is made once per sale and kept until it is recorded, so tapping again after a dropped
 * connection records the sale once.
 */
export function SalesEntryPage() {
  const me = useSession();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [pointId, setPointId] = useState<string | null>(() => localStorage.getItem(POINT_STORAGE_KEY));
  const [product, setProduct] = useState<TStock | null>(null);
  const [units, setUnits] = useState(1);
  const [unitPrice, setUnitPrice] = useState<number | string>('');
  const [saleKey, setSaleKey] = useState(() => crypto.randomUUID());
  const [last, setLast] = useState<TDisplaySale | null>(null);

  const points = useQuery({ queryKey: consignmentKeys.points, queryFn: ({ signal }) => listPoints(signal) });
  const stock = useQuery({
    queryKey: consignmentKeys.stock(pointId ?? undefined),
    queryFn: ({ signal }) => listStock(pointId ?? undefined, signal),
    enabled: pointId !== null,
  });

  const sale = useMutation({
    mutationFn: (input: { productId: string; units: number; unitPrice?: number; key: string }) =>
      recordSale(
        pointId!,
        { productId: input.productId, units: input.units, unitPrice: input.unitPrice },
        input.key,
      ),
    onSuccess: (recorded) => {
      setLast(recorded);
      setSaleKey(crypto.randomUUID());
      setUnits(1);
      void queryClient.invalidateQueries({ queryKey: consignmentKeys.all });
      notifications.show({
        color: 'green',
        message: t('consignment.sales.recorded', {
          units: recorded.units,
          name: recorded.productName,
          amount: formatRupiah(recorded.grossRupiah),
        }),
      });
    },
    // A refusal (4xx) recorded nothing, so the next attempt is a new sale; after a lost answer the key
    // is kept, and the retry is recorded once.
    onError: (error) => {
      if (isApiError(error) && error.status >= 400 && error.status < 500) setSaleKey(crypto.randomUUID());
    },
  });

  if (!canEnterSales(me)) {
    return (
      <Alert color="gray" variant="light">
        {t('consignment.sales.noAccess')}
      </Alert>
    );
  }

  const choosePoint = (value: string | null) => {
    setPointId(value);
    setProduct(null);
    if (value) localStorage.setItem(POINT_STORAGE_KEY, value);
  };
  const chooseProduct = (item: TStock) => {
    setProduct(item);
    setUnits(1);
    setUnitPrice('');
    setSaleKey(crypto.randomUUID());
    sale.reset();
  };
  const submit = (input: { productId: string; units: number; unitPrice?: number }) =>
    sale.mutate({ ...input, key: saleKey });

  return (
    <Stack gap="md" maw={520} mx="auto">
      <Title order={1} size="h2">
        {t('consignment.sales.title')}
      </Title>
      {points.isError ? <ErrorAlert error={points.error} onRetry={() => void points.refetch()} /> : null}
      <Select
        size="lg"
        label={t('consignment.sales.point')}
        data={(points.data?.items ?? [])
          .filter((point) => mayEnterAtPoint(me, point))
          .map((point) => ({ value: point.id, label: point.name }))}
        value={pointId}
        onChange={choosePoint}
        data-testid="sales-point"
      />
      {pointId && stock.isPending ? <PageLoader /> : null}
      {stock.isError ? <ErrorAlert error={stock.error} onRetry={() => void stock.refetch()} /> : null}
      {pointId && stock.data ? (
        <Stack gap="xs">
          {stock.data.items.length === 0 ? <Text c="dimmed">{t('consignment.sales.noStock')}</Text> : null}
          {stock.data.items.map((item) => (
            <Button
              key={item.id}
              size="xl"
              variant={product?.id === item.id ? 'filled' : 'light'}
              disabled={item.quantity === 0}
              onClick={() => chooseProduct(item)}
              justify="space-between"
              fullWidth
              rightSection={<Text size="sm">{t('consignment.sales.left', { count: item.quantity })}</Text>}
              data-testid="sales-product"
            >
              <Stack gap={0} align="flex-start">
                <Text fw={600} truncate maw={300}>
                  {item.productName}
                </Text>
                <Text size="xs">{formatRupiah(item.consignmentPrice)}</Text>
              </Stack>
            </Button>
          ))}
        </Stack>
      ) : null}
      {product ? (
        <Card withBorder radius="md" p="md">
          <Stack>
            <Text fw={600}>{product.productName}</Text>
            <Group justify="center" gap="lg">
              <ActionIcon
                size={64}
                variant="default"
                aria-label={t('consignment.sales.less')}
                onClick={() => setUnits((value) => Math.max(1, value - 1))}
              >
                <Text size="xl">−</Text>
              </ActionIcon>
              <Text size="2.5rem" fw={700} miw={80} ta="center" data-testid="sales-units">
                {units}
              </Text>
              <ActionIcon
                size={64}
                variant="default"
                aria-label={t('consignment.sales.more')}
                onClick={() => setUnits((value) => Math.min(product.quantity, value + 1))}
              >
                <Text size="xl">+</Text>
              </ActionIcon>
            </Group>
            <NumberInput
              size="lg"
              label={t('consignment.sales.unitPrice')}
              placeholder={formatRupiah(product.consignmentPrice)}
              value={unitPrice}
              onChange={setUnitPrice}
              min={0}
              thousandSeparator="."
              decimalSeparator=","
              prefix="Rp "
            />
            {sale.isError ? <ErrorAlert error={sale.error} /> : null}
            <Button
              size="xl"
              color="green"
              loading={sale.isPending}
              onClick={() =>
                submit({
                  productId: product.productId,
                  units,
                  ...(unitPrice === '' ? {} : { unitPrice: Number(unitPrice) }),
                })
              }
              data-testid="sales-record"
            >
              {t('consignment.sales.record', {
                amount: formatRupiah(
                  units * (unitPrice === '' ? product.consignmentPrice : Number(unitPrice)),
                ),
              })}
            </Button>
          </Stack>
        </Card>
      ) : null}
      {last ? (
        <Button
          size="lg"
          variant="outline"
          loading={sale.isPending}
          onClick={() => submit({ productId: last.productId, units: last.units, unitPrice: last.unitPrice })}
          data-testid="sales-repeat"
        >
          {t('consignment.sales.repeat', { units: last.units, name: last.productName })}
        </Button>
      ) : null}
    </Stack>
  );
}
