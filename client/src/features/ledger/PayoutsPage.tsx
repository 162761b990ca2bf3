import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  PAYOUT_BATCH_MAX_SELLERS,
  ZCreatePayoutBatchRequest,
  type TCreatePayoutBatchRequest,
  type TPayoutBatchSummary,
  type TSellerBalance,
} from '@shared/contracts/ledger';
import { formatRupiah } from '@shared/money';
import { formatDateTimeWib } from '@shared/time';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { PagedList } from '../../components/PagedList';
import { focusFirstInvalid, serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { currentLanguage } from '../../i18n';
import { useSession } from '../auth/session';
import { canMakePayouts, canSeePayouts } from './access';
import { createPayoutBatch, ledgerKeys, listPayoutBatches, listSellerBalances } from './api';

/**
 * 16 random bytes as hex. Not crypto.randomUUID(): that exists only on https or localhost, and a demo is
 * often opened over plain http on a LAN address.
 */
function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}

/**
 * One Idempotency-Key per payout attempt: the same submission sent again (a double click, a retry after a
 * network error) gets the batch already made instead of a second one; a changed submission gets a new key.
 */
function useAttemptKey() {
  const attempt = useRef<{ key: string; body: string } | null>(null);
  return (body: TCreatePayoutBatchRequest): string => {
    const serialized = JSON.stringify(body);
    if (attempt.current?.body !== serialized)
      attempt.current = { key: newIdempotencyKey(), body: serialized };
    return attempt.current.key;
  };
}

type Scope = 'selected' | 'all';

function CreateBatchModal({
  opened,
  onClose,
  selected,
}: {
  opened: boolean;
  onClose: () => void;
  selected: TSellerBalance[];
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [reference, setReference] = useState('');
  const [scope, setScope] = useState<Scope>(selected.length > 0 ? 'selected' : 'all');
  const fields = useFieldErrors();
  const attemptKey = useAttemptKey();
  const mutation = useMutation({
    mutationFn: (body: TCreatePayoutBatchRequest) => createPayoutBatch(body, attemptKey(body)),
    onSuccess: async (batch) => {
      await queryClient.invalidateQueries({ queryKey: ledgerKeys.all });
      notifications.show({
        color: 'green',
        message: t('payouts.created', { sellers: batch.itemCount, total: formatRupiah(batch.totalRupiah) }),
      });
      onClose();
      void navigate(`/dinkop/pembayaran/${batch.id}`);
    },
    onError: (error) => fields.setServer(serverFieldErrors(error)),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = {
      transferReference: reference,
      ...(scope === 'selected'
        ? { sellerOrganisationIds: selected.map((row) => row.sellerOrganisationId) }
        : {}),
    };
    const checked = validate(ZCreatePayoutBatchRequest, body, t);
    if (!checked.ok) {
      fields.setErrors(checked.errors);
      focusFirstInvalid(formRef.current);
      return;
    }
    mutation.mutate(checked.data);
  };
  const selectedTotal = selected.reduce((total, row) => total + row.balanceRupiah, 0);
  return (
    <Modal opened={opened} onClose={onClose} title={t('payouts.form.title')} size="lg">
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('payouts.form.intro')}
          </Text>
          <Radio.Group
            label={t('payouts.form.scope')}
            value={scope}
            onChange={(value) => setScope(value as Scope)}
            error={fields.errorOf('sellerOrganisationIds')}
          >
            <Stack gap="xs" mt="xs">
              <Radio
                value="selected"
                disabled={selected.length === 0}
                label={t('payouts.form.selected', {
                  sellers: selected.length,
                  total: formatRupiah(selectedTotal),
                })}
                data-testid="payout-scope-selected"
              />
              <Radio value="all" label={t('payouts.form.all')} data-testid="payout-scope-all" />
            </Stack>
          </Radio.Group>
          <TextInput
            label={t('payouts.form.reference')}
            description={t('payouts.form.referenceHint')}
            required
            value={reference}
            maxLength={60}
            {...fields.bind('transferReference', setReference)}
            data-testid="payout-reference"
            data-autofocus
          />
          {mutation.isError && (
            <ErrorAlert
              error={mutation.error}
              showIssues
              fieldKeys={['transferReference', 'sellerOrganisationIds']}
              testId="payout-error"
            />
          )}
          <FormActions
            onCancel={onClose}
            pending={mutation.isPending}
            submitLabel={t('payouts.form.submit')}
            testId="payout-submit"
          />
        </Stack>
      </form>
    </Modal>
  );
}

function BalancesSection() {
  const me = useSession();
  const { t } = useTranslation();
  const canPay = canMakePayouts(me);
  const [selected, setSelected] = useState<Map<string, TSellerBalance>>(new Map());
  const [formOpen, setFormOpen] = useState(false);
  const query = useInfiniteQuery({
    queryKey: ledgerKeys.balances,
    queryFn: ({ pageParam, signal }) => listSellerBalances(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
  const rows = query.data?.pages.flatMap((page) => page.items) ?? [];
  const toggle = (row: TSellerBalance, on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      if (on && next.size < PAYOUT_BATCH_MAX_SELLERS) next.set(row.sellerOrganisationId, row);
      else next.delete(row.sellerOrganisationId);
      return next;
    });
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h4">
          {t('payouts.balances')}
        </Title>
        {canPay && (
          <Button onClick={() => setFormOpen(true)} data-testid="payout-open">
            {t('payouts.record')}
          </Button>
        )}
      </Group>
      {!canPay && (
        <Alert color="gray" variant="light">
          {t('payouts.readOnly')}
        </Alert>
      )}
      <PagedList
        query={query}
        count={rows.length}
        empty={t('payouts.balancesEmpty')}
        testIdPrefix="seller-balances"
      >
        {rows.length > 0 && (
          <Table.ScrollContainer minWidth={360}>
            <Table striped withTableBorder verticalSpacing="xs" data-testid="seller-balances">
              <Table.Thead>
                <Table.Tr>
                  {canPay && <Table.Th w={40} aria-label={t('payouts.select')} />}
                  <Table.Th>{t('payouts.columns.seller')}</Table.Th>
                  <Table.Th ta="right">{t('payouts.columns.balance')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.sellerOrganisationId} data-testid="seller-balance-row">
                    {canPay && (
                      <Table.Td>
                        <Checkbox
                          aria-label={t('payouts.selectSeller', { name: row.sellerName })}
                          disabled={row.balanceRupiah <= 0}
                          checked={selected.has(row.sellerOrganisationId)}
                          onChange={(event) => toggle(row, event.currentTarget.checked)}
                        />
                      </Table.Td>
                    )}
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      <Anchor component={Link} to={`/dinkop/pembayaran/umkm/${row.sellerOrganisationId}`}>
                        {row.sellerName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      <Text span fw={600} c={row.balanceRupiah < 0 ? 'red.7' : undefined}>
                        {formatRupiah(row.balanceRupiah)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </PagedList>
      {canPay && formOpen && (
        <CreateBatchModal
          opened={formOpen}
          onClose={() => {
            setFormOpen(false);
            setSelected(new Map());
          }}
          selected={[...selected.values()]}
        />
      )}
    </Stack>
  );
}

export function PayoutStatusBadge({ status }: { status: TPayoutBatchSummary['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={status === 'done' ? 'green' : 'yellow'} variant="light">
      {t(`payouts.status.${status}`)}
    </Badge>
  );
}

function BatchRow({ batch }: { batch: TPayoutBatchSummary }) {
  const { t } = useTranslation();
  return (
    <Card
      withBorder
      radius="md"
      p="sm"
      component={Link}
      to={`/dinkop/pembayaran/${batch.id}`}
      data-testid="payout-batch-row"
      style={{ color: 'inherit', textDecoration: 'none' }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
            {batch.transferReference}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTimeWib(batch.createdAt, currentLanguage())} · {batch.createdBy.name}
          </Text>
        </div>
        <Stack gap={2} align="flex-end">
          <Text fw={700}>{formatRupiah(batch.totalRupiah)}</Text>
          <Text size="xs" c="dimmed">
            {t('payouts.itemCount', { count: batch.itemCount })}
          </Text>
          <PayoutStatusBadge status={batch.status} />
        </Stack>
      </Group>
    </Card>
  );
}

function BatchesSection() {
  const { t } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: ledgerKeys.batches,
    queryFn: ({ pageParam, signal }) => listPayoutBatches(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
  const batches = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('payouts.batches')}
      </Title>
      <PagedList
        query={query}
        count={batches.length}
        empty={t('payouts.batchesEmpty')}
        testIdPrefix="payout-batches"
        listTestId="payout-batch-list"
      >
        {batches.map((batch) => (
          <BatchRow key={batch.id} batch={batch} />
        ))}
      </PagedList>
    </Stack>
  );
}

/** `/dinkop/pembayaran`: what the platform owes each UMKM, recording payout batches, and the batches so far. */
export function PayoutsPage() {
  const me = useSession();
  const { t } = useTranslation();
  if (!canSeePayouts(me)) {
    return (
      <Alert color="gray" variant="light" data-testid="payouts-no-access">
        {t('payouts.noAccess')}
      </Alert>
    );
  }
  return (
    <Stack gap="xl">
      <div>
        <Title order={1} size="h2">
          {t('payouts.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('payouts.subtitle')}
        </Text>
      </div>
      <BalancesSection />
      <BatchesSection />
    </Stack>
  );
}
