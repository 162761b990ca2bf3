import { useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTimeWib } from '@shared/time';
import {
  ORGANISATION_KINDS,
  ORGANISATION_STATUSES,
  ZOrganisationKind,
  ZOrganisationStatus,
  ZRejectOrganisationRequest,
  type TOrganisation,
} from '@shared/contracts/organisations';
import {
  listOrganisationsForDinkop,
  queryKeys,
  rejectOrganisation,
  verifyOrganisation,
  type OrganisationListFilters,
} from '../../api/endpoints';
import { formatAddress } from '../../components/AddressFields';
import { StatusBadge } from '../../components/Badges';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PagedList } from '../../components/PagedList';
import { FormActions } from '../../components/FormActions';
import { focusFirstInvalid, serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { currentLanguage } from '../../i18n';
import { canDecideVerification, canSeeVerificationQueue, useSession } from '../auth/session';

const PAGE_SIZE = 20;
const ALL = 'all';

function VerifyModal({ organisation, onClose }: { organisation: TOrganisation; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => verifyOrganisation(organisation.id),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.dinkopAll });
      notifications.show({ color: 'green', message: t('dinkop.verified', { name: updated.name }) });
      onClose();
    },
  });
  return (
    <ConfirmModal
      opened
      onClose={onClose}
      title={t('dinkop.verifyTitle')}
      body={t('dinkop.verifyConfirm', { name: organisation.name })}
      confirmLabel={t('dinkop.verify')}
      color="green"
      onConfirm={() => mutation.mutate()}
      loading={mutation.isPending}
      error={mutation.error}
      testId="verify-confirm"
    />
  );
}

function RejectModal({ organisation, onClose }: { organisation: TOrganisation; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const fields = useFieldErrors();
  const mutation = useMutation({
    mutationFn: (body: Parameters<typeof rejectOrganisation>[1]) => rejectOrganisation(organisation.id, body),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.dinkopAll });
      notifications.show({ color: 'orange', message: t('dinkop.rejected', { name: updated.name }) });
      onClose();
    },
    onError: (error) => fields.setServer(serverFieldErrors(error)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const form = event.currentTarget instanceof HTMLFormElement ? event.currentTarget : null;
    const result = validate(ZRejectOrganisationRequest, { reason }, t);
    fields.setErrors(result.ok ? {} : result.errors);
    focusFirstInvalid(form);
    if (result.ok) mutation.mutate(result.data);
  };
  return (
    <Modal opened onClose={onClose} title={t('dinkop.rejectTitle', { name: organisation.name })} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Textarea
            label={t('dinkop.rejectReason')}
            description={t('dinkop.rejectReasonHint')}
            required
            autosize
            minRows={3}
            maxLength={1000}
            value={reason}
            {...fields.bind('reason', setReason)}
            data-testid="reject-reason"
            data-autofocus
          />
          <Text size="xs" c="dimmed" ta="right" aria-live="polite">
            {reason.trim().length}/1000
          </Text>
          {mutation.isError && <ErrorAlert error={mutation.error} showIssues fieldKeys={['reason']} />}
          <FormActions
            onCancel={onClose}
            pending={mutation.isPending}
            submitLabel={t('dinkop.reject')}
            testId="reject-confirm"
            color="red"
          />
        </Stack>
      </form>
    </Modal>
  );
}

function OrganisationCard({
  organisation,
  canDecide,
  onVerify,
  onReject,
}: {
  organisation: TOrganisation;
  canDecide: boolean;
  onVerify: () => void;
  onReject: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  return (
    <Card withBorder radius="md" p="md" data-testid="verification-card">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Text fw={700} style={{ overflowWrap: 'anywhere', flex: '1 1 200px' }}>
            {organisation.name}
          </Text>
          <StatusBadge status={organisation.status} />
        </Group>
        <Group gap="xs">
          <Badge variant="light" color="blue">
            {t(`labels.kinds.${organisation.kind}`)}
          </Badge>
          {organisation.buyerType && (
            <Badge variant="outline" color="gray">
              {t(`labels.buyerTypes.${organisation.buyerType}`)}
            </Badge>
          )}
        </Group>
        <Text size="sm">{organisation.phone ?? t('dinkop.noPhone')}</Text>
        <Text size="sm" c={organisation.address ? undefined : 'dimmed'}>
          {organisation.address ? formatAddress(organisation.address) : t('dinkop.noAddress')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('dinkop.registeredAt', { date: formatDateTimeWib(organisation.createdAt, locale) })}
          {organisation.verifiedAt
            ? ` · ${t('dinkop.verifiedAt', { date: formatDateTimeWib(organisation.verifiedAt, locale) })}`
            : ''}
        </Text>
        {organisation.status === 'rejected' && organisation.rejectionReason && (
          <Alert color="red" variant="light" p="xs">
            <Text size="sm">{t('verificationBanner.reason', { reason: organisation.rejectionReason })}</Text>
          </Alert>
        )}
        {canDecide && organisation.status !== 'verified' && (
          <Group gap="xs" mt={4}>
            <Button size="xs" color="green" onClick={onVerify} data-testid="verify-button">
              {t('dinkop.verify')}
            </Button>
            {organisation.status === 'pending_verification' && (
              <Button size="xs" variant="light" color="red" onClick={onReject} data-testid="reject-button">
                {t('dinkop.reject')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

export function VerificationPage() {
  const me = useSession();
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>('pending_verification');
  const [kind, setKind] = useState<string>(ALL);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 350);
  const [verifying, setVerifying] = useState<TOrganisation | null>(null);
  const [rejecting, setRejecting] = useState<TOrganisation | null>(null);

  const statusFilter = ZOrganisationStatus.safeParse(status);
  const kindFilter = ZOrganisationKind.safeParse(kind);
  const filters: OrganisationListFilters = {
    status: statusFilter.success ? statusFilter.data : undefined,
    kind: kindFilter.success ? kindFilter.data : undefined,
    q: debouncedSearch || undefined,
    limit: PAGE_SIZE,
  };

  const allowed = canSeeVerificationQueue(me);
  const query = useInfiniteQuery({
    queryKey: queryKeys.dinkopOrganisations(filters),
    queryFn: ({ pageParam, signal }) => listOrganisationsForDinkop(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    enabled: allowed,
  });

  if (!allowed) {
    return (
      <Stack gap="lg">
        <Title order={1} size="h2">
          {t('dinkop.title')}
        </Title>
        <Alert color="gray" variant="light">
          {t('dinkop.noAccess')}
        </Alert>
      </Stack>
    );
  }

  const canDecide = canDecideVerification(me);
  const organisations = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('dinkop.title')}
        </Title>
        <Text c="dimmed">{t('dinkop.subtitle')}</Text>
      </div>
      {!canDecide && (
        <Alert color="gray" variant="light">
          {t('dinkop.readOnly')}
        </Alert>
      )}

      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <NativeSelect
          label={t('dinkop.filterStatus')}
          value={status}
          onChange={(event) => setStatus(event.currentTarget.value)}
          data={[
            ...ORGANISATION_STATUSES.map((value) => ({ value, label: t(`labels.statuses.${value}`) })),
            { value: ALL, label: t('dinkop.allStatuses') },
          ]}
          data-testid="verification-filter-status"
        />
        <NativeSelect
          label={t('dinkop.filterKind')}
          value={kind}
          onChange={(event) => setKind(event.currentTarget.value)}
          data={[
            { value: ALL, label: t('dinkop.allKinds') },
            ...ORGANISATION_KINDS.map((value) => ({ value, label: t(`labels.kinds.${value}`) })),
          ]}
          data-testid="verification-filter-kind"
        />
        <TextInput
          label={t('dinkop.search')}
          placeholder={t('dinkop.searchPlaceholder')}
          type="search"
          maxLength={100}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          data-testid="verification-search"
        />
      </SimpleGrid>

      <PagedList
        query={query}
        count={organisations.length}
        empty={t('dinkop.empty')}
        testIdPrefix="verification"
      >
        {organisations.map((organisation) => (
          <OrganisationCard
            key={organisation.id}
            organisation={organisation}
            canDecide={canDecide}
            onVerify={() => setVerifying(organisation)}
            onReject={() => setRejecting(organisation)}
          />
        ))}
      </PagedList>

      {verifying && <VerifyModal organisation={verifying} onClose={() => setVerifying(null)} />}
      {rejecting && <RejectModal organisation={rejecting} onClose={() => setRejecting(null)} />}
    </Stack>
  );
}
