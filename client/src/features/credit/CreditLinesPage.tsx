import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  BUYER_TYPES_ON_TERMS,
  CREDIT_TERM_DAYS,
  ZCreditLineRequest,
  type TCreditLine,
  type TCreditLineRequest,
} from '@shared/contracts/credit';
import { formatRupiah } from '@shared/money';
import { formatDateTimeWib } from '@shared/time';
import { ApiError } from '../../api/client';
import {
  listCreditLines,
  listOrganisationsForDinkop,
  queryKeys,
  setCreditLine,
  type OrganisationListFilters,
} from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { PagedList } from '../../components/PagedList';
import { focusFirstInvalid, serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { currentLanguage } from '../../i18n';
import { useSession } from '../auth/session';
import { canSeeCreditLines, canSetCreditLines } from './access';
import { CreditActiveBadge } from './CreditUsageCard';

/** Enough buyers to pick from while typing; the search narrows it on the server. */
const PICKER_SIZE = 50;
const DEFAULT_TERM_DAYS = 30;

/** `50000000`, `50.000.000` or `Rp 50.000.000` → 50000000; anything else NaN (the schema then says so). */
function parseRupiah(text: string): number | undefined {
  const compact = text.replace(/^\s*rp\.?/i, '').replace(/\s+/g, '');
  if (compact === '') return undefined;
  if (/^\d+$/.test(compact)) return Number(compact);
  if (/^\d{1,3}(\.\d{3})+$/.test(compact)) return Number(compact.replaceAll('.', ''));
  return Number.NaN;
}

interface PickedOrganisation {
  id: string;
  name: string;
}

/**
 * Verified buyers of the kinds that may buy on terms, searched by name on the server (the list Dinkop's
 * verification page uses). The picked one stays in the options while the search moves on.
 */
function BuyerPicker({
  value,
  onChange,
  error,
}: {
  value: PickedOrganisation | null;
  onChange: (organisation: PickedOrganisation | null) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const filters: OrganisationListFilters = {
    kind: 'buyer',
    status: 'verified',
    q: debouncedSearch || undefined,
    limit: PICKER_SIZE,
  };
  const query = useQuery({
    queryKey: queryKeys.dinkopOrganisations(filters),
    queryFn: ({ signal }) => listOrganisationsForDinkop(filters, null, signal),
  });
  const found = (query.data?.items ?? [])
    .filter((organisation) =>
      (BUYER_TYPES_ON_TERMS as readonly string[]).includes(organisation.buyerType ?? ''),
    )
    .map((organisation) => ({ value: organisation.id, label: organisation.name }));
  const data =
    value && !found.some((option) => option.value === value.id)
      ? [{ value: value.id, label: value.name }, ...found]
      : found;
  return (
    <Stack gap={4}>
      <Select
        label={t('credit.form.organisation')}
        description={t('credit.form.organisationHint')}
        placeholder={t('credit.form.organisationPlaceholder')}
        required
        searchable
        clearable
        data={data}
        value={value?.id ?? null}
        onChange={(id, option) => onChange(id && option ? { id, name: option.label } : null)}
        searchValue={search}
        onSearchChange={setSearch}
        nothingFoundMessage={query.isPending ? t('app.loading') : t('credit.form.noOrganisations')}
        error={error}
        comboboxProps={{ withinPortal: true }}
        data-testid="credit-organisation"
        data-autofocus
      />
      {query.isError && (
        <ErrorAlert
          error={query.error}
          message={t('credit.form.organisationsFailed')}
          onRetry={() => void query.refetch()}
        />
      )}
    </Stack>
  );
}

/** Grants a credit line (picking the buyer) or changes one (`line` given): terms, limit, on or off. */
function CreditLineForm({ line, onClose }: { line: TCreditLine | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [organisation, setOrganisation] = useState<PickedOrganisation | null>(
    line ? { id: line.organisationId, name: line.organisationName } : null,
  );
  const [termDays, setTermDays] = useState(String(line?.termDays ?? DEFAULT_TERM_DAYS));
  const [limit, setLimit] = useState(line ? String(line.limitRupiah) : '');
  const [active, setActive] = useState(line?.active ?? true);
  const fields = useFieldErrors();
  const mutation = useMutation({
    mutationFn: ({ organisationId, body }: { organisationId: string; body: TCreditLineRequest }) =>
      setCreditLine(organisationId, body),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.creditLines });
      notifications.show({
        color: 'green',
        message: t('credit.form.saved', {
          name: saved.organisationName,
          days: saved.termDays,
          limit: formatRupiah(saved.limitRupiah),
        }),
      });
      onClose();
    },
    onError: (error) => fields.setServer(serverFieldErrors(error)),
  });
  const limitRupiah = parseRupiah(limit);
  const limitShown = limitRupiah !== undefined && Number.isSafeInteger(limitRupiah);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const form = event.currentTarget;
    const checked = validate(ZCreditLineRequest, { termDays: Number(termDays), limitRupiah, active }, t);
    const errors = checked.ok ? {} : { ...checked.errors };
    if (!organisation) errors.organisationId = t('credit.form.organisationRequired');
    fields.setErrors(errors);
    focusFirstInvalid(form);
    if (!checked.ok || !organisation) return;
    mutation.mutate({ organisationId: organisation.id, body: checked.data });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="credit-line-form">
      <Stack gap="md">
        {line ? null : (
          <BuyerPicker
            value={organisation}
            onChange={(picked) => {
              setOrganisation(picked);
              fields.clear('organisationId');
            }}
            error={fields.errorOf('organisationId')}
          />
        )}
        <NativeSelect
          label={t('credit.form.term')}
          required
          value={termDays}
          data={CREDIT_TERM_DAYS.map((days) => ({
            value: String(days),
            label: t('credit.termDays', { days }),
          }))}
          {...fields.bind('termDays', setTermDays)}
          data-testid="credit-term"
        />
        <TextInput
          label={t('credit.form.limit')}
          description={limitShown ? formatRupiah(limitRupiah) : t('credit.form.limitHint')}
          required
          inputMode="numeric"
          autoComplete="off"
          value={limit}
          {...fields.bind('limitRupiah', setLimit)}
          data-testid="credit-limit"
        />
        {line && limitShown && limitRupiah < line.outstandingRupiah && (
          <Alert color="yellow" variant="light" data-testid="credit-below-outstanding">
            {t('credit.form.belowOutstanding', { outstanding: formatRupiah(line.outstandingRupiah) })}
          </Alert>
        )}
        <Switch
          label={t('credit.form.active')}
          description={t('credit.form.activeHint')}
          checked={active}
          onChange={(event) => setActive(event.currentTarget.checked)}
          data-testid="credit-active"
        />
        {mutation.isError && (
          <ErrorAlert
            error={mutation.error}
            message={
              mutation.error instanceof ApiError && mutation.error.code === 'INVALID_STATE'
                ? t('credit.form.notEligible')
                : undefined
            }
            showIssues
            fieldKeys={['termDays', 'limitRupiah', 'active']}
            testId="credit-line-error"
          />
        )}
        <FormActions
          onCancel={onClose}
          pending={mutation.isPending}
          submitLabel={t('credit.form.save')}
          testId="credit-line-save"
        />
      </Stack>
    </form>
  );
}

function Amount({ label, amount, testId }: { label: string; amount: number; testId: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} c={amount < 0 ? 'red' : undefined} data-testid={testId}>
        {formatRupiah(amount)}
      </Text>
    </div>
  );
}

function CreditLineRow({ line, onEdit }: { line: TCreditLine; onEdit: (() => void) | null }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  return (
    <Card
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      data-testid="credit-line-row"
      data-organisation-id={line.organisationId}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
              {line.organisationName}
            </Text>
            <Text size="sm" data-testid="credit-line-term">
              {t('payments.methodTempo', { days: line.termDays })}
            </Text>
          </div>
          <CreditActiveBadge line={line} />
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
          <Amount label={t('credit.limit')} amount={line.limitRupiah} testId="credit-line-limit" />
          <Amount
            label={t('credit.outstanding')}
            amount={line.outstandingRupiah}
            testId="credit-line-outstanding"
          />
          <Amount
            label={t('credit.available')}
            amount={line.availableRupiah}
            testId="credit-line-available"
          />
        </SimpleGrid>
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed">
            {t('credit.updated', {
              name: line.updatedByName,
              date: formatDateTimeWib(line.updatedAt, locale),
            })}
          </Text>
          {onEdit && (
            <Button size="xs" variant="light" onClick={onEdit} data-testid="credit-line-edit">
              {t('credit.edit')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

/**
 * `/dinkop/kredit-tempo`: every buyer's credit on terms, last changed first. Dinkop admins grant and
 * change them here; analysts read.
 */
export function CreditLinesPage() {
  const me = useSession();
  const { t } = useTranslation();
  const allowed = canSeeCreditLines(me);
  const canSet = canSetCreditLines(me);
  // undefined: no form open; null: granting a new one; a line: changing that one.
  const [editing, setEditing] = useState<TCreditLine | null | undefined>(undefined);
  const query = useInfiniteQuery({
    queryKey: queryKeys.creditLines,
    queryFn: ({ pageParam, signal }) => listCreditLines(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    enabled: allowed,
  });

  if (!allowed) {
    return (
      <Stack gap="lg">
        <Title order={1} size="h2">
          {t('credit.title')}
        </Title>
        <Alert color="gray" variant="light" data-testid="credit-no-access">
          {t('credit.noAccess')}
        </Alert>
      </Stack>
    );
  }
  const lines = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="sm">
        <div style={{ flex: '1 1 320px' }}>
          <Title order={1} size="h2">
            {t('credit.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('credit.subtitle')}
          </Text>
        </div>
        {canSet && (
          <Button onClick={() => setEditing(null)} data-testid="credit-line-add">
            {t('credit.add')}
          </Button>
        )}
      </Group>
      {!canSet && (
        <Alert color="gray" variant="light" data-testid="credit-read-only">
          {t('credit.readOnly')}
        </Alert>
      )}
      <PagedList
        query={query}
        count={lines.length}
        empty={t('credit.empty')}
        testIdPrefix="credit-lines"
        listTestId="credit-line-list"
      >
        {lines.map((line) => (
          <CreditLineRow
            key={line.organisationId}
            line={line}
            onEdit={canSet ? () => setEditing(line) : null}
          />
        ))}
      </PagedList>
      {editing !== undefined && (
        <Modal
          opened
          onClose={() => setEditing(undefined)}
          title={
            editing
              ? t('credit.form.titleEdit', { name: editing.organisationName })
              : t('credit.form.titleNew')
          }
          centered
        >
          <CreditLineForm line={editing} onClose={() => setEditing(undefined)} />
        </Modal>
      )}
    </Stack>
  );
}
