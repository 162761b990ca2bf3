import type { KeyboardEvent } from 'react';
import { ActionIcon, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The next orderable quantity above `current`: the minimum, then every multiple of the increment. */
export function nextQuantity(current: number, minimum: number, increment: number): number {
  if (!Number.isFinite(current) || current < minimum) return minimum;
  return (Math.floor(current / increment) + 1) * increment;
}

/** The orderable quantity below `current`, never under the minimum. */
export function previousQuantity(current: number, minimum: number, increment: number): number {
  if (!Number.isFinite(current)) return minimum;
  return Math.max(minimum, (Math.ceil(current / increment) - 1) * increment);
}

/**
 * A quantity field with − and + buttons that step between orderable quantities (the minimum order, then
 * multiples of the increment); any number may still be typed. Big buttons, because sellers and buyers
 * use it on a phone. The value is the text as typed, digits only.
 */
export function QuantityStepper({
  value,
  onChange,
  minimum,
  increment,
  label,
  error,
  onBlur,
  onEnter,
  disabled,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  minimum: number;
  increment: number;
  label: string;
  error?: string;
  onBlur?: () => void;
  onEnter?: () => void;
  disabled?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const amount = value === '' ? Number.NaN : Number(value);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && onEnter) {
      event.preventDefault();
      onEnter();
    }
  };
  const stepButton = (direction: 'decrease' | 'increase') => (
    <ActionIcon
      variant="subtle"
      size={32}
      onClick={() =>
        onChange(
          String(
            direction === 'decrease'
              ? previousQuantity(amount, minimum, increment)
              : nextQuantity(amount, minimum, increment),
          ),
        )
      }
      disabled={disabled || (direction === 'decrease' && !(amount > minimum))}
      aria-label={t(`app.${direction}`)}
      data-testid={`${testId}-${direction}`}
    >
      {direction === 'decrease' ? '−' : '+'}
    </ActionIcon>
  );
  return (
    <TextInput
      label={label}
      inputMode="numeric"
      autoComplete="off"
      w={170}
      styles={{ input: { textAlign: 'center' } }}
      leftSection={stepButton('decrease')}
      leftSectionPointerEvents="all"
      rightSection={stepButton('increase')}
      rightSectionPointerEvents="all"
      value={value}
      onChange={(event) => onChange(event.currentTarget.value.replace(/\D/g, '').slice(0, 9))}
      onBlur={onBlur}
      onKeyDown={onKeyDown}
      error={error}
      disabled={disabled}
      data-testid={testId}
    />
  );
}
