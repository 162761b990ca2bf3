import { Outlet } from 'react-router-dom';
import { Box, Container, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { Brand } from './Brand';

/** Sign-in, registration and invitations: a plain header, one narrow column. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="md" h={56}>
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Brand />
            <LanguageSwitcher />
          </Group>
        </Container>
      </Box>
      <Container component="main" size={640} py="lg" px="md">
        <Outlet />
      </Container>
      <Container component="footer" size={640} pb="lg">
        <Text size="xs" c="dimmed" ta="center">
          {t('app.tagline')}
        </Text>
      </Container>
    </Box>
  );
}
