import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { errorMessage, localiseSharedMessage } from '../i18n/messages';

interface ErrorAlertProps {
  error: unknown;
  /** Replace the generic message (e.g. a friendlier LAST_ADMIN sentence). */
  message?: string;
  title?: string;
  onRetry?: () => void;
  /** List the server's field issues that no field of the form shows (keys as 'account.email'). */
  showIssues?: boolean;
  fieldKeys?: readonly string[];
  testId?: string;
}

/** A translated, friendly error box: never a raw server message or a crash. */
export function ErrorAlert({
  error,
  message,
  title,
  onRetry,
  showIssues,
  fieldKeys = [],
  testId,
}: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const issues =
    showIssues && error instanceof ApiError
      ? error.issues.filter((issue) => !fieldKeys.includes(issue.path.map(String).join('.')))
      : [];
  return (
    <Alert color="red" variant="light" title={title} role="alert" data-testid={testId}>
      <Stack gap="xs">
        <Text size="sm">{message ?? errorMessage(t, error)}</Text>
        {issues.length > 0 && (
          <List size="sm">
            {issues.map((issue, index) => (
              <List.Item key={index}>{localiseSharedMessage(issue.message)}</List.Item>
            ))}
          </List>
        )}
        {onRetry && (
          <div>
            <Button size="xs" variant="white" color="red" onClick={onRetry}>
              {t('app.retry')}
            </Button>
          </div>
        )}
      </Stack>
    </Alert>
  );
}
