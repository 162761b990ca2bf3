import { Group, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

export function Brand() {
  const { t } = useTranslation();
  return (
    <Link to="/" style={{ textDecoration: 'none', color: 'inherit' }} aria-label={t('app.name')}>
      <Group gap={8} wrap="nowrap">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <Text fw={700} size="lg" c="green.8">
          {t('app.name')}
        </Text>
      </Group>
    </Link>
  );
}
