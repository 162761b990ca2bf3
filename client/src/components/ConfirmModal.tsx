import type { ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

interface ConfirmModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  color?: string;
  onConfirm: () => void;
  loading?: boolean;
  error?: unknown;
  errorMessage?: string;
  testId?: string;
}

export function ConfirmModal(props: ConfirmModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <Stack gap="md">
        {typeof props.body === 'string' ? <Text size="sm">{props.body}</Text> : props.body}
        {props.error ? <ErrorAlert error={props.error} message={props.errorMessage} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose} disabled={props.loading}>
            {t('app.cancel')}
          </Button>
          <Button
            color={props.color}
            onClick={props.onConfirm}
            loading={props.loading}
            data-testid={props.testId}
          >
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
