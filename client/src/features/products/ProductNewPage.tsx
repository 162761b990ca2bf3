import { Link, useNavigate } from 'react-router-dom';
import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { ProductForm } from './ProductForm';

export function ProductNewPage() {
  const me = useSession();
  const { t } = useTranslation();
  const navigate = useNavigate();

  if (me.organisation.kind !== 'umkm') {
    return (
      <Alert color="gray" variant="light" data-testid="umkm-only">
        {t('umkmProfile.umkmOnly')}
      </Alert>
    );
  }

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/usaha/produk" size="sm">
          ← {t('products.backToList')}
        </Anchor>
        <Title order={1} size="h2" mt={4}>
          {t('products.newTitle')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('products.newSubtitle')}
        </Text>
      </div>
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
        <ProductForm
          onSaved={(product) => void navigate(`/usaha/produk/${product.id}`, { replace: true })}
          onCancel={() => void navigate('/usaha/produk')}
        />
      </Paper>
    </Stack>
  );
}
