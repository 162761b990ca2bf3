import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** On a buyer's home: straight into the catalog, with a search already typed when they like. */
export function CatalogHomeCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const words = q.trim();
    void navigate(words ? `/katalog?${new URLSearchParams({ q: words }).toString()}` : '/katalog');
  };
  return (
    <Card withBorder radius="md" data-testid="home-catalog-card">
      <form onSubmit={submit} role="search" aria-label={t('catalog.searchLabel')}>
        <Stack gap="sm">
          <Text fw={600}>{t('catalog.homeTitle')}</Text>
          <Text size="sm" c="dimmed">
            {t('catalog.homeHint')}
          </Text>
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              style={{ flex: 1 }}
              aria-label={t('catalog.searchLabel')}
              placeholder={t('catalog.searchPlaceholder')}
              type="search"
              maxLength={100}
              value={q}
              onChange={(event) => setQ(event.currentTarget.value)}
              data-testid="home-catalog-search"
            />
            <Button type="submit" variant="light" data-testid="home-catalog">
              {t('catalog.homeOpen')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
