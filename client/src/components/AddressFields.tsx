import { Anchor, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TAddress } from '@shared/contracts/regions';
import { listRegions, queryKeys } from '../api/endpoints';

/** What the address part of a form holds while the user types (codes of the chosen regions). */
export interface AddressValue {
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  villageCode: string;
  street: string;
  postalCode: string;
}

export const EMPTY_ADDRESS: AddressValue = {
  provinceCode: '',
  regencyCode: '',
  districtCode: '',
  villageCode: '',
  street: '',
  postalCode: '',
};

export function addressValueFrom(address: TAddress | null): AddressValue {
  if (!address) return EMPTY_ADDRESS;
  return {
    provinceCode: address.province.code,
    regencyCode: address.regency.code,
    districtCode: address.district.code,
    villageCode: address.village?.code ?? '',
    street: address.street,
    postalCode: address.postalCode ?? '',
  };
}

/** The body for ZAddressInput (validated by the caller with the shared schema): empty optionals left out. */
export function toAddressInput(value: AddressValue) {
  return {
    street: value.street,
    districtCode: value.districtCode,
    ...(value.villageCode ? { villageCode: value.villageCode } : {}),
    ...(value.postalCode.trim() ? { postalCode: value.postalCode.trim() } : {}),
  };
}

/** One line for display: street, desa, kecamatan, kabupaten/kota, provinsi, postal code. */
export function formatAddress(address: TAddress): string {
  return [
    address.street,
    address.village?.name,
    address.district.name,
    address.regency.name,
    address.province.name,
    address.postalCode,
  ]
    .filter(Boolean)
    .join(', ');
}

interface RegionSelectProps {
  label: string;
  parent: string | null;
  enabled: boolean;
  value: string;
  onChange: (code: string) => void;
  waitingLabel: string;
  emptyLabel?: string;
  error?: string;
  required?: boolean;
  testId?: string;
  disabled?: boolean;
}

function RegionSelect(props: RegionSelectProps) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: queryKeys.regions(props.parent),
    queryFn: ({ signal }) => listRegions(props.parent, signal),
    enabled: props.enabled,
    staleTime: Infinity,
    gcTime: 60 * 60 * 1000,
  });
  // A select waiting for its parent shows nothing of any query (its key may be the provinces').
  const items = props.enabled ? (query.data?.items ?? []) : [];
  const failed = props.enabled && query.isError;
  const placeholder = !props.enabled
    ? props.waitingLabel
    : query.isPending
      ? t('app.loading')
      : (props.emptyLabel ?? t('address.choose'));
  const loadError = failed ? (
    <>
      {t('address.loadFailed')}{' '}
      <Anchor component="button" type="button" size="xs" onClick={() => void query.refetch()}>
        {t('app.retry')}
      </Anchor>
    </>
  ) : undefined;

  return (
    <NativeSelect
      label={props.label}
      required={props.required}
      value={props.value}
      onChange={(event) => props.onChange(event.currentTarget.value)}
      disabled={props.disabled || !props.enabled || query.isPending || failed}
      data={[
        { value: '', label: placeholder },
        ...items.map((region) => ({ value: region.code, label: region.name })),
      ]}
      error={loadError ?? props.error}
      data-testid={props.testId}
    />
  );
}

interface AddressFieldsProps {
  value: AddressValue;
  onChange: (value: AddressValue) => void;
  /** Error for a key of ZAddressInput ('street', 'districtCode', 'villageCode', 'postalCode'). */
  errorOf: (key: string) => string | undefined;
  onEdit?: (key: string) => void;
  testIdPrefix?: string;
  disabled?: boolean;
}

/** Provinsi → kabupaten/kota → kecamatan → desa/kelurahan (optional), street and postal code. */
export function AddressFields({
  value,
  onChange,
  errorOf,
  onEdit,
  testIdPrefix = 'address',
  disabled,
}: AddressFieldsProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<AddressValue>, key: string) => {
    onChange({ ...value, ...patch });
    onEdit?.(key);
  };

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <RegionSelect
          label={t('address.province')}
          parent={null}
          enabled
          required
          value={value.provinceCode}
          onChange={(code) =>
            set({ provinceCode: code, regencyCode: '', districtCode: '', villageCode: '' }, 'districtCode')
          }
          waitingLabel={t('address.choose')}
          testId={`${testIdPrefix}-province`}
          disabled={disabled}
        />
        <RegionSelect
          label={t('address.regency')}
          parent={value.provinceCode || null}
          enabled={Boolean(value.provinceCode)}
          required
          value={value.regencyCode}
          onChange={(code) => set({ regencyCode: code, districtCode: '', villageCode: '' }, 'districtCode')}
          waitingLabel={t('address.chooseProvinceFirst')}
          testId={`${testIdPrefix}-regency`}
          disabled={disabled}
        />
        <RegionSelect
          label={t('address.district')}
          parent={value.regencyCode || null}
          enabled={Boolean(value.regencyCode)}
          required
          value={value.districtCode}
          onChange={(code) => set({ districtCode: code, villageCode: '' }, 'districtCode')}
          waitingLabel={t('address.chooseRegencyFirst')}
          error={errorOf('districtCode')}
          testId={`${testIdPrefix}-district`}
          disabled={disabled}
        />
        <RegionSelect
          label={`${t('address.village')} (${t('app.optional')})`}
          parent={value.districtCode || null}
          enabled={Boolean(value.districtCode)}
          value={value.villageCode}
          onChange={(code) => set({ villageCode: code }, 'villageCode')}
          waitingLabel={t('address.chooseDistrictFirst')}
          emptyLabel={t('address.noVillage')}
          error={errorOf('villageCode')}
          testId={`${testIdPrefix}-village`}
          disabled={disabled}
        />
      </SimpleGrid>
      <Textarea
        label={t('address.street')}
        description={t('address.streetHint')}
        required
        autosize
        minRows={2}
        maxLength={300}
        value={value.street}
        onChange={(event) => set({ street: event.currentTarget.value }, 'street')}
        error={errorOf('street')}
        data-testid={`${testIdPrefix}-street`}
        autoComplete="street-address"
        disabled={disabled}
      />
      <TextInput
        label={`${t('address.postalCode')} (${t('app.optional')})`}
        inputMode="numeric"
        maxLength={5}
        w={{ base: '100%', sm: 200 }}
        value={value.postalCode}
        onChange={(event) => set({ postalCode: event.currentTarget.value.replace(/\D/g, '') }, 'postalCode')}
        error={errorOf('postalCode')}
        data-testid={`${testIdPrefix}-postal-code`}
        autoComplete="postal-code"
        disabled={disabled}
      />
    </Stack>
  );
}
