import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  Anchor,
  Button,
  Divider,
  Group,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BUYER_TYPES, ZRegisterRequest, type TBuyerType } from '@shared/contracts/organisations';
import { ApiError } from '../../api/client';
import { register } from '../../api/endpoints';
import {
  AddressFields,
  EMPTY_ADDRESS,
  toAddressInput,
  type AddressValue,
} from '../../components/AddressFields';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordFields, passwordMismatch } from '../../components/NewPasswordFields';
import {
  focusFirstInvalid,
  serverFieldErrors,
  useFieldErrors,
  validate,
  type FieldErrors,
} from '../../components/forms';
import { useStartSession } from '../auth/session';

type Kind = 'buyer' | 'umkm';

/** The request-body paths this form shows under a field; any other server issue is listed in the alert. */
const FIELD_KEYS = [
  'organisation.buyerType',
  'organisation.name',
  'organisation.phone',
  'organisation.address.street',
  'organisation.address.districtCode',
  'organisation.address.villageCode',
  'organisation.address.postalCode',
  'account.name',
  'account.email',
  'account.phone',
  'account.password',
] as const;

interface OrganisationForm {
  buyerType: TBuyerType | '';
  name: string;
  phone: string;
  address: AddressValue;
}

interface AccountForm {
  name: string;
  email: string;
  phone: string;
  password: string;
  passwordConfirm: string;
}

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const startSession = useStartSession();
  const [kind, setKind] = useState<Kind | null>(null);
  const [organisation, setOrganisation] = useState<OrganisationForm>({
    buyerType: '',
    name: '',
    phone: '',
    address: EMPTY_ADDRESS,
  });
  const [account, setAccount] = useState<AccountForm>({
    name: '',
    email: '',
    phone: '',
    password: '',
    passwordConfirm: '',
  });
  const fields = useFieldErrors();

  const mutation = useMutation({
    mutationFn: register,
    onSuccess: async (me) => {
      await startSession(me, { keepUiLanguage: true });
      notifications.show({ color: 'green', message: t('register.success') });
      void navigate('/', { replace: true });
    },
    onError: (error) => {
      const server = serverFieldErrors(error);
      if (error instanceof ApiError && error.code === 'EMAIL_TAKEN')
        server['account.email'] = t('errors.EMAIL_TAKEN');
      fields.setServer(server);
    },
  });

  // A text field of either part, under the request-body path of its errors.
  const bindOrg = (key: 'name' | 'phone') =>
    fields.bind(`organisation.${key}`, (value) =>
      setOrganisation((current) => ({ ...current, [key]: value })),
    );
  const bindAcc = (key: keyof AccountForm) =>
    fields.bind(`account.${key}`, (value) => setAccount((current) => ({ ...current, [key]: value })));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const form = event.currentTarget instanceof HTMLFormElement ? event.currentTarget : null;
    if (!kind) return;
    const address = toAddressInput(organisation.address);
    const body =
      kind === 'buyer'
        ? {
            kind,
            organisation: {
              name: organisation.name,
              buyerType: organisation.buyerType,
              phone: organisation.phone,
              address,
            },
            account: {
              name: account.name,
              email: account.email,
              phone: account.phone,
              password: account.password,
            },
          }
        : {
            kind,
            organisation: { name: organisation.name, phone: organisation.phone, address },
            account: {
              name: account.name,
              email: account.email,
              phone: account.phone,
              password: account.password,
            },
          };
    const result = validate(ZRegisterRequest, body, t);
    const errors: FieldErrors = {
      ...(result.ok ? {} : result.errors),
      ...passwordMismatch('account.passwordConfirm', account.password, account.passwordConfirm, t),
    };
    // Friendlier words than zod's for the two choices the schema sees as empty codes.
    if (errors['organisation.buyerType']) errors['organisation.buyerType'] = t('validation.chooseBuyerType');
    if (!organisation.address.districtCode)
      errors['organisation.address.districtCode'] = t('validation.chooseDistrict');
    fields.setErrors(errors);
    focusFirstInvalid(form);
    if (result.ok && Object.keys(errors).length === 0) mutation.mutate(result.data);
  };

  const hasFieldErrors = Object.keys(fields.errors).length > 0;
  const isBuyer = kind === 'buyer';

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
      <form onSubmit={submit} noValidate data-testid="register-form">
        <Stack gap="lg">
          <div>
            <Title order={1} size="h2">
              {t('register.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('register.subtitle')}
            </Text>
          </div>

          <Radio.Group
            label={t('register.kindLabel')}
            value={kind}
            onChange={(value) => {
              setKind(value === 'umkm' ? 'umkm' : 'buyer');
              fields.reset();
            }}
            required
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="xs">
              <Radio.Card value="buyer" radius="md" p="md" data-testid="register-kind-buyer">
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <Radio.Indicator />
                  <div>
                    <Text fw={600}>{t('register.kindBuyer')}</Text>
                    <Text size="sm" c="dimmed">
                      {t('register.kindBuyerHint')}
                    </Text>
                  </div>
                </Group>
              </Radio.Card>
              <Radio.Card value="umkm" radius="md" p="md" data-testid="register-kind-umkm">
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <Radio.Indicator />
                  <div>
                    <Text fw={600}>{t('register.kindUmkm')}</Text>
                    <Text size="sm" c="dimmed">
                      {t('register.kindUmkmHint')}
                    </Text>
                  </div>
                </Group>
              </Radio.Card>
            </SimpleGrid>
          </Radio.Group>

          {kind && (
            <>
              <Divider
                label={isBuyer ? t('register.organisationSection') : t('register.umkmSection')}
                labelPosition="left"
              />
              <Stack gap="sm">
                {isBuyer && (
                  <NativeSelect
                    label={t('register.buyerType')}
                    required
                    value={organisation.buyerType}
                    {...fields.bind('organisation.buyerType', (value) => {
                      const buyerType = BUYER_TYPES.find((type) => type === value) ?? '';
                      setOrganisation((current) => ({ ...current, buyerType }));
                    })}
                    data={[
                      { value: '', label: t('address.choose') },
                      ...BUYER_TYPES.map((type) => ({ value: type, label: t(`labels.buyerTypes.${type}`) })),
                    ]}
                    data-testid="register-buyer-type"
                  />
                )}
                <TextInput
                  label={isBuyer ? t('register.orgName') : t('register.umkmName')}
                  required
                  maxLength={160}
                  autoComplete="organization"
                  value={organisation.name}
                  {...bindOrg('name')}
                  data-testid="register-org-name"
                />
                <TextInput
                  label={isBuyer ? t('register.orgPhone') : t('register.umkmPhone')}
                  required
                  type="tel"
                  inputMode="tel"
                  autoComplete="tel"
                  description={t('register.phoneHint')}
                  value={organisation.phone}
                  {...bindOrg('phone')}
                  data-testid="register-org-phone"
                />
                <AddressFields
                  value={organisation.address}
                  onChange={(address) => setOrganisation((current) => ({ ...current, address }))}
                  errorOf={(key) => fields.errorOf(`organisation.address.${key}`)}
                  onEdit={(key) => fields.clear(`organisation.address.${key}`)}
                  testIdPrefix="register-address"
                />
              </Stack>

              <Divider label={t('register.accountSection')} labelPosition="left" />
              <Stack gap="sm">
                <Text size="sm" c="dimmed">
                  {isBuyer ? t('register.accountHintBuyer') : t('register.accountHintUmkm')}
                </Text>
                <TextInput
                  label={t('register.name')}
                  required
                  maxLength={120}
                  autoComplete="name"
                  value={account.name}
                  {...bindAcc('name')}
                  data-testid="register-name"
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <TextInput
                    label={t('register.email')}
                    required
                    type="email"
                    inputMode="email"
                    autoComplete="email"
                    value={account.email}
                    {...bindAcc('email')}
                    data-testid="register-email"
                  />
                  <TextInput
                    label={t('register.phone')}
                    required
                    type="tel"
                    inputMode="tel"
                    autoComplete="tel"
                    description={t('register.phoneHint')}
                    value={account.phone}
                    {...bindAcc('phone')}
                    data-testid="register-phone"
                  />
                  <NewPasswordFields
                    password={{ value: account.password, ...bindAcc('password') }}
                    confirm={{ value: account.passwordConfirm, ...bindAcc('passwordConfirm') }}
                    testIds={{ password: 'register-password', confirm: 'register-password-confirm' }}
                    inGrid
                  />
                </SimpleGrid>
              </Stack>

              {hasFieldErrors && !mutation.isError && (
                <Text size="sm" c="red" role="alert" data-testid="register-field-errors">
                  {t('validation.fixFields')}
                </Text>
              )}
              {mutation.isError && (
                <ErrorAlert
                  error={mutation.error}
                  showIssues
                  fieldKeys={FIELD_KEYS}
                  testId="register-error"
                />
              )}
              <Button type="submit" size="md" loading={mutation.isPending} data-testid="register-submit">
                {t('register.submit')}
              </Button>
            </>
          )}

          <Text size="sm" ta="center">
            {t('register.haveAccount')}{' '}
            <Anchor component={Link} to="/masuk" data-testid="register-signin-link">
              {t('register.signIn')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
