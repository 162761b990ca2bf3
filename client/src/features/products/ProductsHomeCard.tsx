import { Link } from 'react-router-dom';
import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** On the UMKM home: the way to the products and their curation by Dinkop. */
export function ProductsHomeCard() {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" data-testid="umkm-products-card">
      <Stack gap="sm">
        <Text fw={600}>{t('products.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('products.homeHint')}
        </Text>
        <Group gap="xs">
          <Button component={Link} to="/usaha/produk" variant="light" data-testid="home-products">
            {t('products.homeOpen')}
          </Button>
          <Button component={Link} to="/usaha/produk/baru" variant="subtle" data-testid="home-product-new">
            {t('products.new')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
