import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ZSetCartLineRequest, type TCartLine } from '@shared/contracts/orders';
import { formatRupiah } from '@shared/money';
import { QuantityStepper } from '../../components/QuantityStepper';
import { validate } from '../../components/forms';
import { currentLanguage } from '../../i18n';
import { errorMessage } from '../../i18n/messages';
import { formatNumber } from '../catalog/catalogFormat';
import { unitLabel } from '../catalog/CatalogParts';
import { useCartChanges } from './useCart';

/** Typing pauses this long before the new quantity is priced by the server (leaving the field: at once). */
const QUANTITY_SETTLE_MS = 700;

/** What is wrong with the line, in the UI language, from the problem's code and the line's own figures. */
function problemText(
  line: TCartLine,
  t: TFunction,
  locale: ReturnType<typeof currentLanguage>,
): string | null {
  if (!line.problem) return null;
  const count = (quantity: number) => ({
    quantity: formatNumber(quantity, locale),
    unit: unitLabel(line.unit, t, quantity),
  });
  switch (line.problem.code) {
    case 'unavailable':
      return t('orders.cart.problem.unavailable');
    case 'below_minimum':
      return t('orders.cart.problem.below_minimum', count(line.minimumOrder));
    case 'off_increment':
      return t('orders.cart.problem.off_increment', count(line.orderIncrement));
    case 'insufficient':
      return t('orders.cart.problem.insufficient', count(line.available ?? 0));
  }
}

/**
 * One product in the cart: its tier price and saving at this quantity, a quantity field that saves itself,
 * what is wrong with the line (from the cart, or from the last checkout attempt) and a remove button.
 */
export function CartLineRow({
  line,
  checkoutProblem,
  onEdited,
}: {
  line: TCartLine;
  /** Why the last checkout refused this line (short stock, a quantity issue), until the line is edited. */
  checkoutProblem?: string;
  onEdited: (productId: string) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { setLine, removeLine } = useCartChanges();
  // What the buyer typed and the server has not priced yet; null shows the cart's quantity.
  const [draft, setDraft] = useState<string | null>(null);
  const [draftError, setDraftError] = useState<string | undefined>();

  const save = (value: string) => {
    const checked = validate(ZSetCartLineRequest, { quantity: value === '' ? undefined : Number(value) }, t);
    if (!checked.ok) {
      setDraftError(checked.errors.quantity);
      return;
    }
    if (checked.data.quantity === line.quantity) {
      setDraft(null);
      return;
    }
    onEdited(line.productId);
    setLine.mutate(
      { productId: line.productId, quantity: checked.data.quantity },
      { onSuccess: () => setDraft((current) => (current === value ? null : current)) },
    );
  };
  const saveSoon = useDebouncedCallback(save, { delay: QUANTITY_SETTLE_MS, flushOnUnmount: true });
  const edit = (value: string) => {
    setDraft(value);
    setDraftError(undefined);
    saveSoon(value);
  };

  const problem = problemText(line, t, locale);
  const changeError = setLine.error ?? removeLine.error;
  return (
    <Stack gap={6} data-testid="cart-line" data-product-id={line.productId}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <Anchor
          component={Link}
          to={`/katalog/produk/${line.productId}`}
          fw={600}
          size="sm"
          style={{ overflowWrap: 'anywhere' }}
        >
          {line.name}
        </Anchor>
        <Button
          variant="subtle"
          color="red"
          size="compact-sm"
          onClick={() => removeLine.mutate(line.productId)}
          loading={removeLine.isPending}
          style={{ flexShrink: 0 }}
          data-testid="cart-line-remove"
        >
          {t('orders.cart.remove')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('orders.cart.unitPrice', {
          price: formatRupiah(line.unitPrice),
          unit: unitLabel(line.unit, t),
        })}
        {line.basePrice > line.unitPrice && (
          <Text span size="sm" c="dimmed" td="line-through" ml={6}>
            {formatRupiah(line.basePrice)}
          </Text>
        )}
      </Text>
      <Group justify="space-between" align="flex-start" gap="xs">
        <QuantityStepper
          label={t('orders.cart.quantity', { unit: unitLabel(line.unit, t, 0) })}
          minimum={line.minimumOrder}
          increment={line.orderIncrement}
          value={draft ?? String(line.quantity)}
          onChange={edit}
          onBlur={() => saveSoon.flush()}
          onEnter={() => saveSoon.flush()}
          error={draftError ?? (changeError ? errorMessage(t, changeError) : undefined)}
          testId="cart-line-quantity"
        />
        <Stack gap={0} align="flex-end">
          <Text fw={700} style={{ whiteSpace: 'nowrap' }} data-testid="cart-line-total">
            {formatRupiah(line.lineTotal)}
          </Text>
          {line.saving > 0 && (
            <Text size="xs" c="green.8" style={{ whiteSpace: 'nowrap' }} data-testid="cart-line-saving">
              {t('orders.cart.saving', { amount: formatRupiah(line.saving) })}
            </Text>
          )}
        </Stack>
      </Group>
      {(checkoutProblem ?? problem) && (
        <Text size="sm" c="red.7" role="alert" data-testid="cart-line-problem">
          {checkoutProblem ?? problem}
        </Text>
      )}
    </Stack>
  );
}
