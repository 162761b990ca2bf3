import { useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ZDeliveryRequest, type TDeliveryRequest } from '@shared/contracts/consignment';
import { formatRupiah } from '@shared/money';
import { formatDateWib, todayInWib } from '@shared/time';
import { listMyProducts } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { currentLanguage } from '../../i18n';
import { useSession } from '../auth/session';
import { canSeeOwnConsignment } from './access';
import {
  consignmentKeys,
  getExpiring,
  getSettlement,
  listPoints,
  listStock,
  recordDelivery,
  settlementCsvUrl,
} from './api';

const EXPIRING_DAYS = 14;

/** A delivery note: which point, which product, how many, and (first time there) the agreed price. */
function DeliveryForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fields = useFieldErrors();
  const [pointId, setPointId] = useState<string | null>(null);
  const [productId, setProductId] = useState<string | null>(null);
  const [units, setUnits] = useState<number | string>(1);
  const [note, setNote] = useState('');
  const [bestBefore, setBestBefore] = useState('');
  const [price, setPrice] = useState<number | string>('');
  const points = useQuery({ queryKey: consignmentKeys.points, queryFn: ({ signal }) => listPoints(signal) });
  const products = useQuery({
    queryKey: ['consignment', 'my-approved-products'],
    queryFn: ({ signal }) => listMyProducts({ status: 'approved', limit: 100 }, null, signal),
  });
  const mutation = useMutation({
    mutationFn: (body: TDeliveryRequest) => recordDelivery(pointId!, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: consignmentKeys.all });
      notifications.show({ color: 'green', message: t('consignment.delivery.saved') });
      setUnits(1);
      setNote('');
      setBestBefore('');
      setPrice('');
    },
    onError: (error) => fields.setServer(serverFieldErrors(error)),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = {
      productId: productId ?? '',
      units: Number(units),
      deliveryNoteNumber: note,
      ...(bestBefore ? { bestBefore } : {}),
      ...(price === '' ? {} : { consignmentPrice: Number(price) }),
    };
    const checked = validate(ZDeliveryRequest, body, t);
    if (!checked.ok || !pointId) {
      fields.setErrors({
        ...(checked.ok ? {} : checked.errors),
        ...(pointId ? {} : { pointId: t('consignment.delivery.pickPoint') }),
      });
      return;
    }
    mutation.mutate(checked.data);
  };
  return (
    <Card withBorder radius="md" p="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h4">
            {t('consignment.delivery.title')}
          </Title>
          <Group grow align="flex-start">
            <Select
              label={t('consignment.sales.point')}
              data={(points.data?.items ?? []).map((point) => ({ value: point.id, label: point.name }))}
              value={pointId}
              onChange={setPointId}
              error={fields.errorOf('pointId')}
            />
            <Select
              label={t('consignment.delivery.product')}
              data={(products.data?.items ?? []).map((product) => ({
                value: product.id,
                label: product.live?.name ?? product.content.name,
              }))}
              value={productId}
              onChange={setProductId}
              error={fields.errorOf('productId')}
              searchable
            />
          </Group>
          <Group grow align="flex-start">
            <NumberInput
              label={t('consignment.delivery.units')}
              value={units}
              onChange={setUnits}
              min={1}
              error={fields.errorOf('units')}
            />
            <TextInput
              label={t('consignment.delivery.noteNumber')}
              value={note}
              {...fields.bind('deliveryNoteNumber', setNote)}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label={t('consignment.delivery.bestBefore')}
              description={t('consignment.delivery.bestBeforeHint')}
              value={bestBefore}
              {...fields.bind('bestBefore', setBestBefore)}
            />
            <NumberInput
              label={t('consignment.delivery.price')}
              description={t('consignment.delivery.priceHint')}
              value={price}
              onChange={setPrice}
              min={0}
              prefix="Rp "
              thousandSeparator="."
              decimalSeparator=","
              error={fields.errorOf('consignmentPrice')}
            />
          </Group>
          {mutation.isError ? <ErrorAlert error={mutation.error} /> : null}
          <Group justify="flex-end">
            <Button type="submit" loading={mutation.isPending} data-testid="delivery-save">
              {t('consignment.delivery.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function StockCard() {
  const { t } = useTranslation();
  const points = useQuery({ queryKey: consignmentKeys.points, queryFn: ({ signal }) => listPoints(signal) });
  const stock = useQuery({
    queryKey: consignmentKeys.stock(undefined),
    queryFn: ({ signal }) => listStock(undefined, signal),
  });
  const expiring = useQuery({
    queryKey: consignmentKeys.expiring(EXPIRING_DAYS),
    queryFn: ({ signal }) => getExpiring(EXPIRING_DAYS, signal),
  });
  if (stock.isPending) return <PageLoader />;
  if (stock.isError) return <ErrorAlert error={stock.error} onRetry={() => void stock.refetch()} />;
  const pointName = new Map((points.data?.items ?? []).map((point) => [point.id, point.name]));
  const flagged = new Map((expiring.data?.items ?? []).map((item) => [item.stockId, item]));
  return (
    <Card withBorder radius="md" p={0}>
      <Title order={2} size="h4" p="md">
        {t('consignment.stock.title')}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('consignment.sales.point')}</Table.Th>
              <Table.Th>{t('consignment.delivery.product')}</Table.Th>
              <Table.Th>{t('consignment.stock.quantity')}</Table.Th>
              <Table.Th>{t('consignment.delivery.price')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stock.data.items.map((item) => {
              const expiry = flagged.get(item.id);
              return (
                <Table.Tr key={item.id} data-testid="stock-row">
                  <Table.Td>{pointName.get(item.pointId) ?? '—'}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {item.productName}
                      {expiry ? (
                        <Badge color={expiry.expired ? 'red' : 'orange'} variant="light">
                          {t(expiry.expired ? 'consignment.stock.expired' : 'consignment.stock.expiring', {
                            count: expiry.units,
                            date: formatDateWib(
                              `${expiry.earliestBestBefore}T00:00:00+07:00`,
                              currentLanguage(),
                            ),
                          })}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>{item.quantity}</Table.Td>
                  <Table.Td>{formatRupiah(item.consignmentPrice)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {stock.data.items.length === 0 ? (
        <Text c="dimmed" p="md">
          {t('consignment.stock.empty')}
        </Text>
      ) : null}
    </Card>
  );
}

/** The month's settlement; Dinkop sees every seller (`showSeller`), a seller its own rows. */
export function SettlementCard({ showSeller = false }: { showSeller?: boolean }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(todayInWib().slice(0, 7));
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const query = useQuery({
    queryKey: consignmentKeys.settlement(month),
    queryFn: ({ signal }) => getSettlement(month, signal),
    enabled: valid,
  });
  return (
    <Card withBorder radius="md" p="md">
      <Stack>
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h4">
            {t('consignment.settlement.title')}
          </Title>
          <Group align="flex-end">
            <TextInput
              type="month"
              label={t('consignment.settlement.month')}
              value={month}
              onChange={(event) => setMonth(event.currentTarget.value)}
            />
            {valid ? (
              <Anchor href={settlementCsvUrl(month)} download data-testid="settlement-csv">
                {t('consignment.settlement.csv')}
              </Anchor>
            ) : null}
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t('consignment.settlement.hint')}
        </Text>
        {query.isPending && valid ? <PageLoader /> : null}
        {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
        {query.data ? (
          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('consignment.sales.point')}</Table.Th>
                  {showSeller ? <Table.Th>{t('consignment.settlement.seller')}</Table.Th> : null}
                  <Table.Th>{t('consignment.settlement.units')}</Table.Th>
                  <Table.Th>{t('consignment.settlement.value')}</Table.Th>
                  <Table.Th>{t('consignment.settlement.commission')}</Table.Th>
                  <Table.Th>{t('consignment.settlement.payable')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.rows.map((row) => (
                  <Table.Tr key={`${row.pointId}-${row.sellerOrganisationId}`} data-testid="settlement-row">
                    <Table.Td>{row.pointName}</Table.Td>
                    {showSeller ? <Table.Td>{row.sellerName}</Table.Td> : null}
                    <Table.Td>{row.units}</Table.Td>
                    <Table.Td>{formatRupiah(row.consignmentValueRupiah)}</Table.Td>
                    <Table.Td>{formatRupiah(row.commissionRupiah)}</Table.Td>
                    <Table.Td fw={600}>{formatRupiah(row.payableRupiah)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        {query.data?.rows.length === 0 ? <Text c="dimmed">{t('consignment.settlement.empty')}</Text> : null}
      </Stack>
    </Card>
  );
}

/** `/usaha/konsinyasi`: my consignment stock per point, deliveries, and the settlement by month. */
export function SellerConsignmentPage() {
  const me = useSession();
  const { t } = useTranslation();
  if (!canSeeOwnConsignment(me)) {
    return (
      <Alert color="gray" variant="light">
        {t('consignment.sellerOnly')}
      </Alert>
    );
  }
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('consignment.seller.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('consignment.seller.subtitle')}
        </Text>
      </div>
      <StockCard />
      <DeliveryForm />
      <SettlementCard />
    </Stack>
  );
}
