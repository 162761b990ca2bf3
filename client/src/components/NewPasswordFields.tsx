import { PasswordInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FieldBinding, FieldErrors } from './forms';

/** One of the two inputs: its value and its `fields.bind(…)` wiring. */
export interface NewPasswordInput extends FieldBinding {
  value: string;
}

interface NewPasswordFieldsProps {
  password: NewPasswordInput;
  confirm: NewPasswordInput;
  testIds: { password: string; confirm: string };
  /** Labels other than 'Kata sandi' / 'Ulangi kata sandi' (changing a password: 'Kata sandi baru'). */
  label?: string;
  confirmLabel?: string;
  /** Side by side in a grid: the confirmation lines up with the password's input, under its hint. */
  inGrid?: boolean;
}

/**
 * A new password and its confirmation, with the password rules as hint and `new-password` for password
 * managers. The confirmation is never sent: check it with `passwordMismatch` before submitting.
 */
export function NewPasswordFields({
  password,
  confirm,
  testIds,
  label,
  confirmLabel,
  inGrid,
}: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={label ?? t('newPassword.password')}
        description={t('newPassword.hint')}
        required
        autoComplete="new-password"
        {...password}
        data-testid={testIds.password}
      />
      <PasswordInput
        label={confirmLabel ?? t('newPassword.confirm')}
        required
        autoComplete="new-password"
        {...confirm}
        data-testid={testIds.confirm}
        styles={inGrid ? { root: { alignSelf: 'end' } } : undefined}
      />
    </>
  );
}

/** The field error for a confirmation that does not repeat the new password, under the confirmation's key. */
export function passwordMismatch(
  confirmKey: string,
  password: string,
  confirm: string,
  t: TFunction,
): FieldErrors {
  return confirm === password ? {} : { [confirmKey]: t('validation.passwordMismatch') };
}
