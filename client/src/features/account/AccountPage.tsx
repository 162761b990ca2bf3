import { useState, type FormEvent } from 'react';
import {
  Button,
  Group,
  NativeSelect,
  Paper,
  PasswordInput,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  LOCALES,
  ZChangePasswordRequest,
  ZLocale,
  ZUpdateMeRequest,
  type TLocale,
} from '@shared/contracts/accounts';
import { ApiError } from '../../api/client';
import { changePassword, queryKeys, updateMe } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordFields, passwordMismatch } from '../../components/NewPasswordFields';
import { focusFirstInvalid, serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { setLanguage } from '../../i18n';
import { RoleBadges } from '../../components/Badges';
import { InfoRow } from '../../components/InfoRow';
import { useSession } from '../auth/session';

function ProfileForm() {
  const me = useSession();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(me.user.name);
  const [phone, setPhone] = useState(me.user.phone ?? '');
  const [locale, setLocale] = useState<TLocale>(me.user.locale);
  const fields = useFieldErrors();

  const mutation = useMutation({
    mutationFn: updateMe,
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.me, updated);
      setLanguage(updated.user.locale);
      void queryClient.invalidateQueries({ queryKey: queryKeys.members });
      notifications.show({ color: 'green', message: t('account.saved') });
    },
    onError: (error) => fields.setServer(serverFieldErrors(error)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const form = event.currentTarget instanceof HTMLFormElement ? event.currentTarget : null;
    // The phone cannot be cleared through this API (ZPhone is not nullable): an empty field is left out.
    const body = { name, ...(phone.trim() ? { phone } : {}), locale };
    const result = validate(ZUpdateMeRequest, body, t);
    fields.setErrors(result.ok ? {} : result.errors);
    focusFirstInvalid(form);
    if (result.ok) mutation.mutate(result.data);
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
      <form onSubmit={submit} noValidate data-testid="account-form">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('account.profileTitle')}
          </Title>
          <Stack gap={0}>
            <InfoRow label={t('account.email')}>
              {me.user.email}
              <Text size="xs" c="dimmed">
                {t('account.emailHint')}
              </Text>
            </InfoRow>
            <InfoRow label={t('home.yourRoles')}>
              <RoleBadges roles={me.user.roles} />
            </InfoRow>
          </Stack>
          <TextInput
            label={t('account.name')}
            required
            autoComplete="name"
            maxLength={120}
            value={name}
            {...fields.bind('name', setName)}
            data-testid="account-name"
          />
          <TextInput
            label={t('account.phone')}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            value={phone}
            {...fields.bind('phone', setPhone)}
            data-testid="account-phone"
          />
          <NativeSelect
            label={t('account.language')}
            value={locale}
            onChange={(event) => {
              const parsed = ZLocale.safeParse(event.currentTarget.value);
              if (parsed.success) setLocale(parsed.data);
            }}
            data={LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))}
            data-testid="account-language"
          />
          {mutation.isError && (
            <ErrorAlert error={mutation.error} showIssues fieldKeys={['name', 'phone', 'locale']} />
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={mutation.isPending} data-testid="account-save">
              {t('app.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Each switch saves at once: e-mail and WhatsApp notices on or off for this person. */
function NoticeSettings() {
  const me = useSession();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: updateMe,
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.me, updated);
      notifications.show({ color: 'green', message: t('account.noticesSaved') });
    },
  });
  const { email, whatsapp } =
    mutation.isPending && mutation.variables.notices
      ? { ...me.user.notices, ...mutation.variables.notices }
      : me.user.notices;

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            {t('account.noticesTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('account.noticesIntro')}
          </Text>
        </div>
        <Switch
          label={t('account.noticesEmail', { email: me.user.email })}
          checked={email}
          disabled={mutation.isPending}
          onChange={(event) => mutation.mutate({ notices: { email: event.currentTarget.checked } })}
          data-testid="notices-email"
        />
        <Switch
          label={
            me.user.phone
              ? t('account.noticesWhatsapp', { phone: me.user.phone })
              : t('account.noticesWhatsappNoPhone')
          }
          checked={whatsapp}
          disabled={mutation.isPending}
          onChange={(event) => mutation.mutate({ notices: { whatsapp: event.currentTarget.checked } })}
          data-testid="notices-whatsapp"
        />
        {mutation.isError && <ErrorAlert error={mutation.error} />}
      </Stack>
    </Paper>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const fields = useFieldErrors();

  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: () => {
      setCurrentPassword('');
      setNewPassword('');
      setConfirm('');
      notifications.show({ color: 'green', message: t('account.passwordChanged') });
    },
    onError: (error) => {
      const server = serverFieldErrors(error);
      if (error instanceof ApiError && error.code === 'INVALID_CREDENTIALS') {
        server.currentPassword = t('account.currentPasswordWrong');
      }
      fields.setServer(server);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const form = event.currentTarget instanceof HTMLFormElement ? event.currentTarget : null;
    const result = validate(ZChangePasswordRequest, { currentPassword, newPassword }, t);
    const errors = {
      ...(result.ok ? {} : result.errors),
      ...passwordMismatch('newPasswordConfirm', newPassword, confirm, t),
    };
    fields.setErrors(errors);
    focusFirstInvalid(form);
    if (result.ok && Object.keys(errors).length === 0) mutation.mutate(result.data);
  };

  const wrongCurrent = mutation.error instanceof ApiError && mutation.error.code === 'INVALID_CREDENTIALS';

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
      <form onSubmit={submit} noValidate data-testid="password-form">
        <Stack gap="sm">
          <div>
            <Title order={2} size="h4">
              {t('account.passwordTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('account.passwordIntro')}
            </Text>
          </div>
          <PasswordInput
            label={t('account.currentPassword')}
            required
            autoComplete="current-password"
            value={currentPassword}
            {...fields.bind('currentPassword', setCurrentPassword)}
            data-testid="password-current"
          />
          <NewPasswordFields
            label={t('account.newPassword')}
            confirmLabel={t('account.newPasswordConfirm')}
            password={{ value: newPassword, ...fields.bind('newPassword', setNewPassword) }}
            confirm={{ value: confirm, ...fields.bind('newPasswordConfirm', setConfirm) }}
            testIds={{ password: 'password-new', confirm: 'password-confirm' }}
          />
          {mutation.isError && !wrongCurrent && (
            <ErrorAlert error={mutation.error} showIssues fieldKeys={['currentPassword', 'newPassword']} />
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={mutation.isPending} data-testid="password-submit">
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('account.title')}
      </Title>
      <ProfileForm />
      <NoticeSettings />
      <PasswordForm />
    </Stack>
  );
}
