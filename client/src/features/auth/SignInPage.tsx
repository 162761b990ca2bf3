import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ZSignInRequest } from '@shared/contracts/accounts';
import { signIn } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid, serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { safeNext, useStartSession } from './session';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const startSession = useStartSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const fields = useFieldErrors();

  const mutation = useMutation({
    mutationFn: signIn,
    onSuccess: async (me) => {
      await startSession(me, { keepUiLanguage: false });
      void navigate(safeNext(searchParams.get('next')), { replace: true });
    },
    onError: (error) => fields.setServer(serverFieldErrors(error)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const form = event.currentTarget instanceof HTMLFormElement ? event.currentTarget : null;
    const result = validate(ZSignInRequest, { email, password }, t);
    fields.setErrors(result.ok ? {} : result.errors);
    focusFirstInvalid(form);
    if (result.ok) mutation.mutate(result.data);
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} maw={440} mx="auto" mt={{ base: 0, sm: 'xl' }}>
      <form onSubmit={submit} noValidate data-testid="signin-form">
        <Stack gap="md">
          <div>
            <Title order={1} size="h2">
              {t('signIn.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('signIn.subtitle')}
            </Text>
          </div>
          {mutation.isError && <ErrorAlert error={mutation.error} testId="signin-error" />}
          <TextInput
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            value={email}
            {...fields.bind('email', setEmail)}
            data-testid="signin-email"
          />
          <PasswordInput
            label={t('signIn.password')}
            autoComplete="current-password"
            required
            value={password}
            {...fields.bind('password', setPassword)}
            data-testid="signin-password"
          />
          <Button type="submit" loading={mutation.isPending} fullWidth data-testid="signin-submit">
            {t('signIn.submit')}
          </Button>
          <Text size="sm" ta="center">
            {t('signIn.noAccount')}{' '}
            <Anchor component={Link} to="/daftar" data-testid="signin-register-link">
              {t('signIn.register')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
