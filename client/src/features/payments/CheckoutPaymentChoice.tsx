import { useState } from 'react';
import { Alert, Radio, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ZCreditLimitDetails, type TCreditLine } from '@shared/contracts/credit';
import type { TPaymentMethod } from '@shared/contracts/orders';
import { formatRupiah } from '@shared/money';
import { ApiError } from '../../api/client';
import { getMyCreditLine, queryKeys } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';

export interface CheckoutPayment {
  /** What checkout sends: on terms only while the organisation's credit line is active. */
  method: TPaymentMethod;
  choose: (method: TPaymentMethod) => void;
  /** The active credit line, or null when the organisation pays online only. */
  line: TCreditLine | null;
  /** Still asking whether the organisation may buy on terms: checkout waits, so the choice is not a guess. */
  loading: boolean;
  query: ReturnType<typeof useCreditLineQuery>;
}

function useCreditLineQuery() {
  return useQuery({ queryKey: queryKeys.myCreditLine, queryFn: ({ signal }) => getMyCreditLine(signal) });
}

/**
 * How this checkout pays. Until the buyer picks, it follows what fits: on terms when the active credit
 * line covers the cart, otherwise online (the server would refuse terms above what is left anyway).
 */
export function useCheckoutPayment(total: number): CheckoutPayment {
  const query = useCreditLineQuery();
  const [chosen, setChosen] = useState<TPaymentMethod | null>(null);
  const line = query.data?.creditLine?.active ? query.data.creditLine : null;
  const method: TPaymentMethod = line
    ? (chosen ?? (total <= line.availableRupiah ? 'tempo' : 'online'))
    : 'online';
  return { method, choose: setChosen, line, loading: query.isPending, query };
}

/** 409 CREDIT_LIMIT_EXCEEDED in numbers: what the order needs and what the credit line still allows. */
export function creditLimitMessage(error: unknown, t: TFunction): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'CREDIT_LIMIT_EXCEEDED') return undefined;
  const details = ZCreditLimitDetails.safeParse(error.details);
  if (!details.success) return undefined;
  return t('payments.checkout.creditExceeded', {
    required: formatRupiah(details.data.requiredRupiah),
    available: formatRupiah(Math.max(0, details.data.availableRupiah)),
  });
}

/** The payment step of checkout: online, or on terms with what is left of the credit line. */
export function CheckoutPaymentChoice({ payment, total }: { payment: CheckoutPayment; total: number }) {
  const { t } = useTranslation();
  const { line, query } = payment;
  const available = line ? Math.max(0, line.availableRupiah) : 0;
  return (
    <Stack gap="xs" data-testid="checkout-payment" data-method={payment.method}>
      <Title order={3} size="h5">
        {t('payments.checkout.title')}
      </Title>
      {payment.loading ? (
        <Skeleton h={48} />
      ) : line ? (
        <Radio.Group
          value={payment.method}
          onChange={(value) => payment.choose(value === 'tempo' ? 'tempo' : 'online')}
          aria-label={t('payments.checkout.title')}
        >
          <Stack gap="sm">
            <Radio
              value="tempo"
              label={t('payments.methodTempo', { days: line.termDays })}
              description={
                <>
                  {t('payments.checkout.tempoHint', { days: line.termDays })}
                  <Text
                    component="span"
                    size="xs"
                    fw={600}
                    display="block"
                    data-testid="checkout-credit-available"
                  >
                    {t('payments.checkout.available', {
                      available: formatRupiah(available),
                      limit: formatRupiah(line.limitRupiah),
                    })}
                  </Text>
                </>
              }
              data-testid="checkout-payment-tempo"
            />
            <Radio
              value="online"
              label={t('payments.methods.online')}
              description={t('payments.checkout.onlineHint')}
              data-testid="checkout-payment-online"
            />
          </Stack>
        </Radio.Group>
      ) : (
        <div data-testid="checkout-payment-online-only">
          <Text size="sm" fw={500}>
            {t('payments.methods.online')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('payments.checkout.onlineHint')}
          </Text>
        </div>
      )}
      {line && payment.method === 'tempo' && total > line.availableRupiah && (
        <Alert color="yellow" variant="light" data-testid="checkout-credit-over">
          {t('payments.checkout.overLimit', {
            total: formatRupiah(total),
            available: formatRupiah(available),
          })}
        </Alert>
      )}
      {query.isError && (
        <ErrorAlert
          error={query.error}
          message={t('payments.checkout.creditFailed')}
          onRetry={() => void query.refetch()}
        />
      )}
    </Stack>
  );
}
