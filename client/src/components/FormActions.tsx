import { Button, Group, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A form's closing buttons. Cancel is held while the request runs, so a form mid-save is not thrown away. */
export function FormActions({
  onCancel,
  pending,
  submitLabel,
  testId,
  color,
}: {
  onCancel: () => void;
  pending: boolean;
  submitLabel: string;
  /** The submit button's data-testid. */
  testId: string;
  color?: MantineColor;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel} disabled={pending}>
        {t('app.cancel')}
      </Button>
      <Button type="submit" color={color} loading={pending} data-testid={testId}>
        {submitLabel}
      </Button>
    </Group>
  );
}
