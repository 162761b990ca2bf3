import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  DELIVERY_LOCATIONS_MAX,
  ZDeliveryLocationRequest,
  type TDeliveryLocation,
  type TDeliveryLocationRequest,
} from '@shared/contracts/delivery-locations';
import {
  createDeliveryLocation,
  deleteDeliveryLocation,
  listDeliveryLocations,
  queryKeys,
  updateDeliveryLocation,
} from '../../api/endpoints';
import {
  AddressFields,
  addressValueFrom,
  formatAddress,
  toAddressInput,
  type AddressValue,
} from '../../components/AddressFields';
import { ConfirmModal } from '../../components/ConfirmModal';
import { CountedTextarea } from '../../components/CountedTextarea';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { PageLoader } from '../../components/PageLoader';
import { focusFirstInvalid, serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { isOrgAdmin, useSession } from '../auth/session';

const LABEL_MAX = 80;
const NOTE_MAX = 300;
const FIELD_KEYS = [
  'label',
  'recipientName',
  'recipientPhone',
  'note',
  'address.street',
  'address.districtCode',
  'address.villageCode',
  'address.postalCode',
];

/** Add (no location given) or edit one; the whole location is sent either way. */
function LocationForm({ location, onClose }: { location: TDeliveryLocation | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState(location?.label ?? '');
  const [recipientName, setRecipientName] = useState(location?.recipientName ?? '');
  const [recipientPhone, setRecipientPhone] = useState(location?.recipientPhone ?? '');
  const [address, setAddress] = useState<AddressValue>(addressValueFrom(location?.address ?? null));
  const [note, setNote] = useState(location?.note ?? '');
  const fields = useFieldErrors();

  const mutation = useMutation({
    mutationFn: (body: TDeliveryLocationRequest) =>
      location ? updateDeliveryLocation(location.id, body) : createDeliveryLocation(body),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.deliveryLocations });
      notifications.show({ color: 'green', message: t('deliveryLocations.saved', { label: saved.label }) });
      onClose();
    },
    onError: (error) => fields.setServer(serverFieldErrors(error)),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const body = {
      label,
      recipientName,
      recipientPhone,
      address: toAddressInput(address),
      ...(note.trim() ? { note } : {}),
    };
    const checked = validate(ZDeliveryLocationRequest, body, t);
    const errors = checked.ok ? {} : { ...checked.errors };
    if (!address.districtCode) errors['address.districtCode'] = t('validation.chooseDistrict');
    fields.setErrors(errors);
    focusFirstInvalid(form);
    if (checked.ok && Object.keys(errors).length === 0) mutation.mutate(checked.data);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={
        location
          ? t('deliveryLocations.editTitle', { label: location.label })
          : t('deliveryLocations.addTitle')
      }
      size="lg"
      centered
    >
      <form onSubmit={submit} noValidate data-testid="delivery-location-form">
        <Stack gap="sm">
          <TextInput
            label={t('deliveryLocations.label')}
            description={t('deliveryLocations.labelHint')}
            required
            maxLength={LABEL_MAX}
            value={label}
            {...fields.bind('label', setLabel)}
            data-testid="delivery-location-label"
            data-autofocus
          />
          <TextInput
            label={t('deliveryLocations.recipientName')}
            required
            maxLength={120}
            autoComplete="name"
            value={recipientName}
            {...fields.bind('recipientName', setRecipientName)}
            data-testid="delivery-location-recipient-name"
          />
          <TextInput
            label={t('deliveryLocations.recipientPhone')}
            description={t('register.phoneHint')}
            type="tel"
            inputMode="tel"
            required
            value={recipientPhone}
            {...fields.bind('recipientPhone', setRecipientPhone)}
            data-testid="delivery-location-recipient-phone"
          />
          <AddressFields
            value={address}
            onChange={setAddress}
            errorOf={(key) => fields.errorOf(`address.${key}`)}
            onEdit={(key) => fields.clear(`address.${key}`)}
            testIdPrefix="delivery-location-address"
          />
          <CountedTextarea
            label={`${t('deliveryLocations.note')} (${t('app.optional')})`}
            description={t('deliveryLocations.noteHint')}
            minRows={2}
            maxLength={NOTE_MAX}
            value={note}
            {...fields.bind('note', setNote)}
            countLabel={`${note.trim().length}/${NOTE_MAX}`}
            data-testid="delivery-location-note"
          />
          {mutation.isError && <ErrorAlert error={mutation.error} showIssues fieldKeys={FIELD_KEYS} />}
          <FormActions
            onCancel={onClose}
            pending={mutation.isPending}
            submitLabel={t('app.save')}
            testId="delivery-location-save"
          />
        </Stack>
      </form>
    </Modal>
  );
}

function DeleteLocationModal({ location, onClose }: { location: TDeliveryLocation; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => deleteDeliveryLocation(location.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.deliveryLocations });
      notifications.show({
        color: 'green',
        message: t('deliveryLocations.deleted', { label: location.label }),
      });
      onClose();
    },
  });
  return (
    <ConfirmModal
      opened
      onClose={onClose}
      title={t('deliveryLocations.deleteTitle')}
      body={t('deliveryLocations.deleteConfirm', { label: location.label })}
      confirmLabel={t('deliveryLocations.delete')}
      color="red"
      onConfirm={() => mutation.mutate()}
      loading={mutation.isPending}
      error={mutation.error}
      testId="delivery-location-delete-confirm"
    />
  );
}

/** Name, recipient, address and note: the same lines the checkout and the seller read. */
export function DeliveryLocationSummary({ location }: { location: TDeliveryLocation }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
        {location.label}
      </Text>
      <Text size="sm">
        {t('deliveryLocations.recipientLine', {
          name: location.recipientName,
          phone: location.recipientPhone,
        })}
      </Text>
      <Text size="sm" c="dimmed">
        {formatAddress(location.address)}
      </Text>
      {location.note && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
          {t('deliveryLocations.noteLine', { note: location.note })}
        </Text>
      )}
    </Stack>
  );
}

/** `/organisasi/lokasi-pengiriman`: where a buyer organisation takes deliveries; its admins keep the list. */
export function DeliveryLocationsPage() {
  const me = useSession();
  const { t } = useTranslation();
  const admin = isOrgAdmin(me);
  const isBuyer = me.organisation.kind === 'buyer';
  const [editing, setEditing] = useState<TDeliveryLocation | 'new' | null>(null);
  const [deleting, setDeleting] = useState<TDeliveryLocation | null>(null);
  const query = useQuery({
    queryKey: queryKeys.deliveryLocations,
    queryFn: ({ signal }) => listDeliveryLocations(signal),
    enabled: isBuyer,
  });

  const heading = (
    <div>
      <Title order={1} size="h2">
        {t('deliveryLocations.title')}
      </Title>
      <Text c="dimmed" size="sm">
        {t('deliveryLocations.subtitle')}
      </Text>
    </div>
  );
  if (!isBuyer) {
    return (
      <Stack gap="lg">
        {heading}
        <Alert color="gray" variant="light">
          {t('deliveryLocations.buyerOnly')}
        </Alert>
      </Stack>
    );
  }
  const items = query.data?.items ?? [];
  const full = items.length >= DELIVERY_LOCATIONS_MAX;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        {heading}
        {admin && query.data && (
          <Button onClick={() => setEditing('new')} disabled={full} data-testid="delivery-location-add">
            {t('deliveryLocations.add')}
          </Button>
        )}
      </Group>
      {admin && full && (
        <Alert color="yellow" variant="light">
          {t('deliveryLocations.full', { max: DELIVERY_LOCATIONS_MAX })}
        </Alert>
      )}
      {!admin && (
        <Alert color="gray" variant="light">
          {t('deliveryLocations.onlyAdmin')}
        </Alert>
      )}
      {query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && items.length === 0 && (
        <Card withBorder radius="md" data-testid="delivery-locations-empty">
          <Text size="sm">{t('deliveryLocations.empty')}</Text>
        </Card>
      )}
      {items.map((location) => (
        <Card
          key={location.id}
          withBorder
          radius="md"
          p={{ base: 'sm', sm: 'md' }}
          data-testid="delivery-location"
        >
          <Group justify="space-between" align="flex-start" gap="sm">
            <div style={{ flex: 1, minWidth: 220 }}>
              <DeliveryLocationSummary location={location} />
            </div>
            {admin && (
              <Group gap="xs">
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => setEditing(location)}
                  data-testid="delivery-location-edit"
                >
                  {t('deliveryLocations.edit')}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => setDeleting(location)}
                  data-testid="delivery-location-delete"
                >
                  {t('deliveryLocations.delete')}
                </Button>
              </Group>
            )}
          </Group>
        </Card>
      ))}
      {editing && (
        <LocationForm location={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {deleting && <DeleteLocationModal location={deleting} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}
