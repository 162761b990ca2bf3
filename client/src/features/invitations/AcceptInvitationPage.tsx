import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Badge, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTimeWib } from '@shared/time';
import { ZAcceptInvitationRequest, ZInvitationTokenParams } from '@shared/contracts/accounts';
import { ApiError } from '../../api/client';
import { acceptInvitation, getInvitation, queryKeys } from '../../api/endpoints';
import { RoleBadges } from '../../components/Badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { InfoRow } from '../../components/InfoRow';
import { PageLoader } from '../../components/PageLoader';
import { NewPasswordFields, passwordMismatch } from '../../components/NewPasswordFields';
import { focusFirstInvalid, serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { currentLanguage } from '../../i18n';
import { useStartSession } from '../auth/session';

function InvalidInvitation({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="md">
        <Title order={1} size="h3">
          {t('invitation.invalidTitle')}
        </Title>
        <ErrorAlert error={error} />
        <div>
          <Button component={Link} to="/masuk" variant="light">
            {t('invitation.goSignIn')}
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}

export function AcceptInvitationPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const startSession = useStartSession();
  const tokenValid = ZInvitationTokenParams.safeParse({ token }).success;
  const preview = useQuery({
    queryKey: queryKeys.invitation(token),
    queryFn: () => getInvitation(token),
    enabled: tokenValid,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [passwordConfirm, setPasswordConfirm] = useState('');
  const fields = useFieldErrors();

  const mutation = useMutation({
    mutationFn: (body: Parameters<typeof acceptInvitation>[1]) => acceptInvitation(token, body),
    onSuccess: async (me) => {
      await startSession(me, { keepUiLanguage: true });
      notifications.show({
        color: 'green',
        message: t('invitation.accepted', { org: me.organisation.name }),
      });
      void navigate('/', { replace: true });
    },
    onError: (error) => fields.setServer(serverFieldErrors(error)),
  });

  if (!tokenValid)
    return <InvalidInvitation error={new ApiError('INVITATION_INVALID', 410, 'Malformed token')} />;
  if (preview.isPending) return <PageLoader />;
  if (preview.isError) {
    if (preview.error instanceof ApiError && (preview.error.status === 404 || preview.error.status === 410)) {
      return <InvalidInvitation error={new ApiError('INVITATION_INVALID', 410, preview.error.message)} />;
    }
    return <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} />;
  }
  const invitation = preview.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const form = event.currentTarget instanceof HTMLFormElement ? event.currentTarget : null;
    const body = { name, ...(phone.trim() ? { phone } : {}), password };
    const result = validate(ZAcceptInvitationRequest, body, t);
    const errors = {
      ...(result.ok ? {} : result.errors),
      ...passwordMismatch('passwordConfirm', password, passwordConfirm, t),
    };
    fields.setErrors(errors);
    focusFirstInvalid(form);
    if (result.ok && Object.keys(errors).length === 0) mutation.mutate(result.data);
  };

  if (
    mutation.isError &&
    mutation.error instanceof ApiError &&
    mutation.error.code === 'INVITATION_INVALID'
  ) {
    return <InvalidInvitation error={mutation.error} />;
  }

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
      <Stack gap="lg">
        <div>
          <Title order={1} size="h2">
            {t('invitation.title')}
          </Title>
          <Text data-testid="invitation-intro">
            {t('invitation.intro', {
              org: invitation.organisationName,
              kind: t(`labels.kinds.${invitation.organisationKind}`),
            })}
          </Text>
        </div>
        <Stack gap={0}>
          <InfoRow label={t('invitation.email')}>{invitation.email}</InfoRow>
          <InfoRow label={t('invitation.roles')}>
            <RoleBadges roles={invitation.roles} />
          </InfoRow>
          <InfoRow label={t('invitation.expiresAt')}>
            <Badge variant="light" color="gray">
              {formatDateTimeWib(invitation.expiresAt, currentLanguage())}
            </Badge>
          </InfoRow>
        </Stack>

        <form onSubmit={submit} noValidate data-testid="invitation-form">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('invitation.formTitle')}
            </Title>
            {/* Lets password managers store the login under the invited e-mail. */}
            <input
              type="email"
              name="email"
              autoComplete="username"
              value={invitation.email}
              readOnly
              hidden
            />
            <TextInput
              label={t('invitation.name')}
              required
              autoComplete="name"
              maxLength={120}
              value={name}
              {...fields.bind('name', setName)}
              data-testid="invitation-name"
            />
            <TextInput
              label={`${t('invitation.phone')} (${t('app.optional')})`}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              value={phone}
              {...fields.bind('phone', setPhone)}
              data-testid="invitation-phone"
            />
            <NewPasswordFields
              password={{ value: password, ...fields.bind('password', setPassword) }}
              confirm={{ value: passwordConfirm, ...fields.bind('passwordConfirm', setPasswordConfirm) }}
              testIds={{ password: 'invitation-password', confirm: 'invitation-password-confirm' }}
            />
            {mutation.isError && (
              <ErrorAlert error={mutation.error} showIssues fieldKeys={['name', 'phone', 'password']} />
            )}
            <Button type="submit" loading={mutation.isPending} data-testid="invitation-accept">
              {t('invitation.accept')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
