import { Group, Text, type MantineBreakpoint } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

/** The logo and the name; `nameVisibleFrom` leaves only the logo on narrower screens. */
export function Brand({ nameVisibleFrom }: { nameVisibleFrom?: MantineBreakpoint }) {
  const { t } = useTranslation();
  return (
    <Link to="/" style={{ textDecoration: 'none', color: 'inherit' }} aria-label={t('app.name')}>
      <Group gap={8} wrap="nowrap">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <Text fw={700} size="lg" c="green.8" visibleFrom={nameVisibleFrom}>
          {t('app.name')}
        </Text>
      </Group>
    </Link>
  );
}
