import { useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { CountedTextarea } from '../../components/CountedTextarea';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { formatDateTimeWib } from '@shared/time';
import { ADMIN_ROLE } from '@shared/contracts/organisations';
import {
  PRODUCT_CATEGORIES,
  ZProductCategory,
  productCategory,
  type TProductCategory,
} from '@shared/catalog/categories';
import { ZUpdateUmkmProfileRequest, type TUmkmProfile } from '@shared/contracts/umkm';
import { ApiError } from '../../api/client';
import { getUmkmProfile, queryKeys, updateUmkmProfile } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { InfoRow } from '../../components/InfoRow';
import { PageLoader } from '../../components/PageLoader';
import { focusFirstInvalid, serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { currentLanguage } from '../../i18n';
import { isOrgAdmin, useSession } from '../auth/session';
import { UmkmPhotos } from './UmkmPhotos';

const STORY_MAX = 1000;

const FIELD_KEYS = [
  'nib',
  'npwp',
  'isPkp',
  'category',
  'payoutAccount.bankName',
  'payoutAccount.accountNumber',
  'payoutAccount.holderName',
  'story',
];

type UpdateBody = z.input<typeof ZUpdateUmkmProfileRequest>;

function ProgrammeBadges({ tags }: { tags: readonly string[] }) {
  const { t } = useTranslation();
  if (tags.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('umkmProfile.noProgrammes')}
      </Text>
    );
  }
  return (
    <Group gap={6} data-testid="umkm-programmes">
      {tags.map((tag) => (
        <Badge key={tag} variant="light" color="grape" style={{ textTransform: 'none' }}>
          {tag}
        </Badge>
      ))}
    </Group>
  );
}

function ProfileView({ profile }: { profile: TUmkmProfile }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const notSet = t('app.notSet');
  return (
    <Stack gap={0} data-testid="umkm-profile-view">
      <InfoRow label={t('umkmProfile.nib')} testId="umkm-profile-nib">
        {profile.nib ?? notSet}
      </InfoRow>
      <InfoRow label={t('umkmProfile.npwp')} testId="umkm-profile-npwp">
        {profile.npwp ?? notSet}
      </InfoRow>
      <InfoRow label={t('umkmProfile.taxStatus')} testId="umkm-profile-pkp">
        {profile.isPkp ? t('umkmProfile.pkpYes') : t('umkmProfile.pkpNo')}
      </InfoRow>
      <InfoRow label={t('umkmProfile.category')} testId="umkm-profile-category">
        {profile.category ? productCategory(profile.category).label[locale] : notSet}
      </InfoRow>
      <InfoRow label={t('umkmProfile.payoutTitle')} testId="umkm-profile-payout">
        {profile.payoutAccount ? (
          <>
            <div>{profile.payoutAccount.bankName}</div>
            <div>{profile.payoutAccount.accountNumber}</div>
            <div>{profile.payoutAccount.holderName}</div>
          </>
        ) : (
          notSet
        )}
      </InfoRow>
      <InfoRow label={t('umkmProfile.story')} testId="umkm-profile-story">
        {profile.story ? <span style={{ whiteSpace: 'pre-line' }}>{profile.story}</span> : notSet}
      </InfoRow>
      {profile.updatedAt && (
        <InfoRow label={t('umkmProfile.updatedAt')}>{formatDateTimeWib(profile.updatedAt, locale)}</InfoRow>
      )}
    </Stack>
  );
}

function ProfileEditForm({ profile, onDone }: { profile: TUmkmProfile; onDone: () => void }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const queryClient = useQueryClient();
  const [nib, setNib] = useState(profile.nib ?? '');
  const [npwp, setNpwp] = useState(profile.npwp ?? '');
  const [isPkp, setIsPkp] = useState(profile.isPkp);
  const [category, setCategory] = useState<TProductCategory | ''>(profile.category ?? '');
  const [bankName, setBankName] = useState(profile.payoutAccount?.bankName ?? '');
  const [accountNumber, setAccountNumber] = useState(profile.payoutAccount?.accountNumber ?? '');
  const [holderName, setHolderName] = useState(profile.payoutAccount?.holderName ?? '');
  const [story, setStory] = useState(profile.story ?? '');
  const fields = useFieldErrors();

  const mutation = useMutation({
    mutationFn: updateUmkmProfile,
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.umkmProfile, updated);
      notifications.show({ color: 'green', message: t('umkmProfile.saved') });
      onDone();
    },
    onError: (error) => fields.setServer(serverFieldErrors(error)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const form = event.currentTarget instanceof HTMLFormElement ? event.currentTarget : null;
    // Empty optional fields are left out; a NIB, payout account or story once saved cannot be removed
    // (the API has no way to), so clearing one is sent and the schema says what is missing.
    const payoutTyped = [bankName, accountNumber, holderName].some((value) => value.trim() !== '');
    const body: UpdateBody = {
      isPkp,
      npwp: npwp.trim() ? npwp : null,
      ...(nib.trim() || profile.nib ? { nib } : {}),
      ...(category ? { category } : {}),
      ...(payoutTyped || profile.payoutAccount
        ? { payoutAccount: { bankName, accountNumber, holderName } }
        : {}),
      ...(story.trim() || profile.story ? { story } : {}),
    };
    const result = validate(ZUpdateUmkmProfileRequest, body, t);
    const errors = result.ok ? {} : { ...result.errors };
    // Checked by the server on the saved result; said here first so the seller need not wait for it.
    if (isPkp && !npwp.trim()) errors.npwp ??= t('umkmProfile.pkpNeedsNpwp');
    fields.setErrors(errors);
    focusFirstInvalid(form);
    if (result.ok && Object.keys(errors).length === 0) mutation.mutate(result.data);
  };

  const alreadyExists = mutation.error instanceof ApiError && mutation.error.code === 'ALREADY_EXISTS';

  return (
    <form onSubmit={submit} noValidate data-testid="umkm-profile-form">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('umkmProfile.editTitle')}
        </Title>
        <TextInput
          label={t('umkmProfile.nib')}
          description={t('umkmProfile.nibHint')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={40}
          value={nib}
          {...fields.bind('nib', setNib)}
          data-testid="umkm-nib"
        />
        <Switch
          label={t('umkmProfile.isPkp')}
          description={t('umkmProfile.isPkpHint')}
          checked={isPkp}
          onChange={(event) => {
            setIsPkp(event.currentTarget.checked);
            fields.clear('isPkp');
            fields.clear('npwp');
          }}
          error={fields.errorOf('isPkp')}
          data-testid="umkm-pkp"
        />
        <TextInput
          label={t('umkmProfile.npwp')}
          description={t('umkmProfile.npwpHint')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={40}
          required={isPkp}
          value={npwp}
          {...fields.bind('npwp', setNpwp)}
          data-testid="umkm-npwp"
        />
        <NativeSelect
          label={t('umkmProfile.category')}
          description={t('umkmProfile.categoryHint')}
          value={category}
          onChange={(event) => {
            const parsed = ZProductCategory.safeParse(event.currentTarget.value);
            setCategory(parsed.success ? parsed.data : '');
            fields.clear('category');
          }}
          error={fields.errorOf('category')}
          data={[
            { value: '', label: t('umkmProfile.chooseCategory'), disabled: profile.category !== null },
            ...PRODUCT_CATEGORIES.map((item) => ({ value: item.id, label: item.label[locale] })),
          ]}
          data-testid="umkm-category"
        />
        <Fieldset legend={t('umkmProfile.payoutTitle')} variant="filled" p="sm">
          <Stack gap="sm">
            <Text size="xs" c="dimmed">
              {t('umkmProfile.payoutHint')}
            </Text>
            <TextInput
              label={t('umkmProfile.bankName')}
              placeholder={t('umkmProfile.bankNamePlaceholder')}
              maxLength={60}
              value={bankName}
              {...fields.bind('payoutAccount.bankName', setBankName)}
              data-testid="umkm-bank-name"
            />
            <TextInput
              label={t('umkmProfile.accountNumber')}
              inputMode="numeric"
              autoComplete="off"
              maxLength={40}
              value={accountNumber}
              {...fields.bind('payoutAccount.accountNumber', setAccountNumber)}
              data-testid="umkm-account-number"
            />
            <TextInput
              label={t('umkmProfile.holderName')}
              maxLength={120}
              value={holderName}
              {...fields.bind('payoutAccount.holderName', setHolderName)}
              data-testid="umkm-holder-name"
            />
          </Stack>
        </Fieldset>
        <CountedTextarea
          label={t('umkmProfile.story')}
          description={t('umkmProfile.storyHint')}
          maxLength={STORY_MAX}
          value={story}
          {...fields.bind('story', setStory)}
          data-testid="umkm-story"
          countLabel={t('umkmProfile.storyCount', { count: story.length, max: STORY_MAX })}
        />
        {mutation.isError && (
          <ErrorAlert
            error={mutation.error}
            message={alreadyExists ? t('umkmProfile.nibTaken') : undefined}
            showIssues
            fieldKeys={FIELD_KEYS}
          />
        )}
        <FormActions
          onCancel={onDone}
          pending={mutation.isPending}
          submitLabel={t('app.save')}
          testId="umkm-profile-save"
        />
      </Stack>
    </form>
  );
}

export function UmkmProfilePage() {
  const me = useSession();
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const isUmkm = me.organisation.kind === 'umkm';
  const query = useQuery({ queryKey: queryKeys.umkmProfile, queryFn: getUmkmProfile, enabled: isUmkm });
  const owner = isOrgAdmin(me);

  if (!isUmkm) {
    return (
      <Alert color="gray" variant="light" data-testid="umkm-only">
        {t('umkmProfile.umkmOnly')}
      </Alert>
    );
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('umkmProfile.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('umkmProfile.subtitle')}
          </Text>
        </div>
        {owner && query.data && !editing && (
          <Button variant="light" onClick={() => setEditing(true)} data-testid="umkm-profile-edit">
            {t('umkmProfile.edit')}
          </Button>
        )}
      </Group>
      {query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && (
        <>
          <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
            {editing ? (
              <ProfileEditForm profile={query.data} onDone={() => setEditing(false)} />
            ) : (
              <ProfileView profile={query.data} />
            )}
          </Paper>
          <UmkmPhotos profile={query.data} />
          <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
            <Stack gap="xs">
              <Title order={2} size="h4">
                {t('umkmProfile.programmes')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('umkmProfile.programmesHint')}
              </Text>
              <ProgrammeBadges tags={query.data.programmeTags} />
            </Stack>
          </Paper>
        </>
      )}
      {!owner && (
        <Alert variant="light" color="gray" data-testid="umkm-profile-read-only">
          {t('umkmProfile.onlyOwner', { role: t(`labels.roles.${ADMIN_ROLE.umkm}`) })}
        </Alert>
      )}
    </Stack>
  );
}
