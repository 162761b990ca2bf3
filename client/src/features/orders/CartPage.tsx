import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Badge, Button, Card, Divider, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TCart } from '@shared/contracts/orders';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { useSession } from '../auth/session';
import { canUseCart } from './access';
import { CartLineRow } from './CartLineRow';
import { CheckoutForm } from './CheckoutForm';
import { OrderTotals } from './orderParts';
import { useCart, useCartChanges } from './useCart';

type LineProblems = Record<string, string>;

function SellerGroup({
  group,
  lineProblems,
  onEdited,
}: {
  group: TCart['groups'][number];
  lineProblems: LineProblems;
  onEdited: (productId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" p={{ base: 'sm', sm: 'md' }} data-testid="cart-group">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" align="baseline">
          <div>
            <Text fw={700}>{group.seller.name}</Text>
            {group.seller.districtName && (
              <Text size="xs" c="dimmed">
                {t('catalog.districtOf', { district: group.seller.districtName })}
              </Text>
            )}
          </div>
          {group.seller.isPkp && (
            <Badge variant="light" color="blue" size="sm">
              {t('orders.cart.pkp')}
            </Badge>
          )}
        </Group>
        {group.lines.map((line, index) => (
          <Stack key={line.productId} gap="sm">
            {index > 0 && <Divider />}
            <CartLineRow line={line} checkoutProblem={lineProblems[line.productId]} onEdited={onEdited} />
          </Stack>
        ))}
        <Divider />
        <OrderTotals totals={group.totals} saving={group.saving} testId="cart-group-totals" />
      </Stack>
    </Card>
  );
}

/** Lines whose product went off sale since it was added: they are left out of the order, to be removed. */
function UnavailableLines({ lines }: { lines: TCart['unavailable'] }) {
  const { t } = useTranslation();
  const { removeLine } = useCartChanges();
  return (
    <Alert
      color="orange"
      variant="light"
      title={t('orders.cart.unavailableTitle')}
      data-testid="cart-unavailable"
    >
      <Stack gap={4}>
        {lines.map((line) => (
          <Group key={line.productId} justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {line.name || t('orders.cart.unknownProduct')}
            </Text>
            <Button
              variant="subtle"
              color="red"
              size="compact-sm"
              onClick={() => removeLine.mutate(line.productId)}
              loading={removeLine.isPending && removeLine.variables === line.productId}
            >
              {t('orders.cart.remove')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}

/** `/keranjang`: the cart grouped per seller with tier prices, savings and PPN, and checkout beside it. */
export function CartPage() {
  const me = useSession();
  const { t } = useTranslation();
  const cart = useCart();
  const [lineProblems, setLineProblems] = useState<LineProblems>({});
  const forgetProblem = (productId: string) =>
    setLineProblems((current) => {
      if (!(productId in current)) return current;
      const rest = { ...current };
      delete rest[productId];
      return rest;
    });

  if (!canUseCart(me)) {
    return (
      <Alert color="gray" variant="light" data-testid="cart-not-allowed">
        {t('orders.cart.notAllowed')}
      </Alert>
    );
  }
  const heading = (
    <div>
      <Title order={1} size="h2">
        {t('orders.cart.title')}
      </Title>
      <Text c="dimmed" size="sm">
        {t('orders.cart.subtitle')}
      </Text>
    </div>
  );
  if (cart.isError) {
    return (
      <Stack gap="lg">
        {heading}
        <ErrorAlert error={cart.error} onRetry={() => void cart.refetch()} />
      </Stack>
    );
  }
  if (!cart.data) return <PageLoader />;

  const { groups, unavailable } = cart.data;
  if (groups.length === 0 && unavailable.length === 0) {
    return (
      <Stack gap="lg">
        {heading}
        <Card withBorder radius="md" data-testid="cart-empty">
          <Stack gap="sm" align="flex-start">
            <Text>{t('orders.cart.empty')}</Text>
            <Button component={Link} to="/katalog" variant="light">
              {t('orders.cart.browse')}
            </Button>
          </Stack>
        </Card>
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      {heading}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            {unavailable.length > 0 && <UnavailableLines lines={unavailable} />}
            {groups.map((group) => (
              <SellerGroup
                key={group.seller.id}
                group={group}
                lineProblems={lineProblems}
                onEdited={forgetProblem}
              />
            ))}
          </Stack>
        </Grid.Col>
        {groups.length > 0 && (
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Card withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
              <Stack gap="md">
                <OrderTotals totals={cart.data.totals} saving={cart.data.saving} testId="cart-totals" />
                <Divider />
                <CheckoutForm cart={cart.data} onLineProblems={setLineProblems} />
              </Stack>
            </Card>
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}
