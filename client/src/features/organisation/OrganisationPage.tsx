import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTimeWib } from '@shared/time';
import { ADMIN_ROLE, ZUpdateOrganisationRequest, type TOrganisation } from '@shared/contracts/organisations';
import type { TMeResponse } from '@shared/contracts/accounts';
import { getOrganisation, queryKeys, updateOrganisation } from '../../api/endpoints';
import {
  AddressFields,
  addressValueFrom,
  formatAddress,
  toAddressInput,
  type AddressValue,
} from '../../components/AddressFields';
import { StatusBadge } from '../../components/Badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InfoRow } from '../../components/InfoRow';
import { PageLoader } from '../../components/PageLoader';
import { focusFirstInvalid, serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { currentLanguage } from '../../i18n';
import { isOrgAdmin, useSession } from '../auth/session';
import { VerificationBanner } from '../home/VerificationBanner';

const FIELD_KEYS = [
  'name',
  'phone',
  'address.street',
  'address.districtCode',
  'address.villageCode',
  'address.postalCode',
];

function OrganisationView({ organisation }: { organisation: TOrganisation }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  return (
    <Stack gap={0}>
      <InfoRow label={t('organisation.name')} testId="organisation-name">
        {organisation.name}
      </InfoRow>
      <InfoRow label={t('organisation.kind')}>{t(`labels.kinds.${organisation.kind}`)}</InfoRow>
      {organisation.buyerType && (
        <InfoRow label={t('organisation.buyerType')}>
          {t(`labels.buyerTypes.${organisation.buyerType}`)}
        </InfoRow>
      )}
      <InfoRow label={t('organisation.phone')}>{organisation.phone ?? t('app.notSet')}</InfoRow>
      <InfoRow label={t('organisation.address')}>
        {organisation.address ? formatAddress(organisation.address) : t('app.notSet')}
      </InfoRow>
      <InfoRow label={t('organisation.status')}>
        <StatusBadge status={organisation.status} />
      </InfoRow>
      {organisation.status === 'rejected' && organisation.rejectionReason && (
        <InfoRow label={t('organisation.rejectionReason')}>{organisation.rejectionReason}</InfoRow>
      )}
      {organisation.verifiedAt && (
        <InfoRow label={t('organisation.verifiedAt')}>
          {formatDateTimeWib(organisation.verifiedAt, locale)}
        </InfoRow>
      )}
      <InfoRow label={t('organisation.createdAt')}>
        {formatDateTimeWib(organisation.createdAt, locale)}
      </InfoRow>
    </Stack>
  );
}

function OrganisationEditForm({ organisation, onDone }: { organisation: TOrganisation; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(organisation.name);
  const [phone, setPhone] = useState(organisation.phone ?? '');
  const [address, setAddress] = useState<AddressValue>(addressValueFrom(organisation.address));
  const fields = useFieldErrors();

  const mutation = useMutation({
    mutationFn: updateOrganisation,
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.organisation, updated);
      queryClient.setQueryData<TMeResponse | null>(queryKeys.me, (current) =>
        current
          ? {
              ...current,
              organisation: { ...current.organisation, name: updated.name, status: updated.status },
            }
          : current,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      notifications.show({ color: 'green', message: t('organisation.saved') });
      onDone();
    },
    onError: (error) => fields.setServer(serverFieldErrors(error)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const form = event.currentTarget instanceof HTMLFormElement ? event.currentTarget : null;
    const body = { name, ...(phone.trim() ? { phone } : {}), address: toAddressInput(address) };
    const result = validate(ZUpdateOrganisationRequest, body, t);
    const errors = result.ok ? {} : { ...result.errors };
    if (!address.districtCode) errors['address.districtCode'] = t('validation.chooseDistrict');
    fields.setErrors(errors);
    focusFirstInvalid(form);
    if (result.ok && Object.keys(errors).length === 0) mutation.mutate(result.data);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="organisation-form">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('organisation.editTitle')}
        </Title>
        <TextInput
          label={t('organisation.name')}
          required
          maxLength={160}
          value={name}
          {...fields.bind('name', setName)}
          data-testid="organisation-name-input"
        />
        <TextInput
          label={t('organisation.phone')}
          type="tel"
          inputMode="tel"
          required
          value={phone}
          {...fields.bind('phone', setPhone)}
          data-testid="organisation-phone-input"
        />
        <AddressFields
          value={address}
          onChange={setAddress}
          errorOf={(key) => fields.errorOf(`address.${key}`)}
          onEdit={(key) => fields.clear(`address.${key}`)}
          testIdPrefix="organisation-address"
        />
        {mutation.isError && <ErrorAlert error={mutation.error} showIssues fieldKeys={FIELD_KEYS} />}
        <FormActions
          onCancel={onDone}
          pending={mutation.isPending}
          submitLabel={t('app.save')}
          testId="organisation-save"
        />
      </Stack>
    </form>
  );
}

export function OrganisationPage() {
  const me = useSession();
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const query = useQuery({ queryKey: queryKeys.organisation, queryFn: getOrganisation });
  const admin = isOrgAdmin(me);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {t('organisation.title')}
        </Title>
        {admin && query.data && !editing && (
          <Button variant="light" onClick={() => setEditing(true)} data-testid="organisation-edit">
            {t('organisation.edit')}
          </Button>
        )}
      </Group>
      <VerificationBanner showProfileLink={false} />
      {query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && (
        <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
          {editing ? (
            <OrganisationEditForm organisation={query.data} onDone={() => setEditing(false)} />
          ) : (
            <OrganisationView organisation={query.data} />
          )}
        </Paper>
      )}
      {!admin && (
        <Alert variant="light" color="gray">
          {t('organisation.onlyAdmin', { role: t(`labels.roles.${ADMIN_ROLE[me.organisation.kind]}`) })}
        </Alert>
      )}
    </Stack>
  );
}
