import { Link, isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { Button, Center, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="xl">
      <Stack gap="sm" align="flex-start">
        <Title order={1} size="h2">
          {t('notFound.title')}
        </Title>
        <Text c="dimmed">{t('notFound.body')}</Text>
        <Button component={Link} to="/">
          {t('notFound.home')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** The router's error element: an unexpected render error shows this instead of a blank page. */
export function CrashPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <Container size="sm" py="xl">
        <NotFoundPage />
      </Container>
    );
  }
  console.error(error);
  return (
    <Container size="sm" py="xl">
      <Center mih="60vh">
        <Paper withBorder radius="md" p="xl">
          <Stack gap="sm" align="flex-start">
            <Title order={1} size="h3">
              {t('crash.title')}
            </Title>
            <Text c="dimmed">{t('crash.body')}</Text>
            <Button onClick={() => window.location.reload()}>{t('app.reload')}</Button>
          </Stack>
        </Paper>
      </Center>
    </Container>
  );
}
