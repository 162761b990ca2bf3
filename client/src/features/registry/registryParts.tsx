import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TMeResponse } from '@shared/contracts/accounts';
import type { TUmkmRegistryEntry } from '@shared/contracts/registry';

/** Every Dinkop role reads the registry (the server's rule for /api/dinkop/registry). */
export function canSeeRegistry(me: TMeResponse): boolean {
  return me.organisation.kind === 'dinkop';
}

/** Complete or not today, and whether a document runs out soon (both can hold at once). */
export function LegalityBadges({ entry }: { entry: TUmkmRegistryEntry }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge
        color={entry.legality.complete ? 'green' : 'red'}
        variant="light"
        data-testid="registry-legality"
        data-complete={entry.legality.complete}
      >
        {entry.legality.complete ? t('registry.complete') : t('registry.incomplete')}
      </Badge>
      {entry.documents.expiringSoon > 0 && (
        <Badge color="yellow" variant="light" data-testid="registry-expiring">
          {t('registry.expiringBadge', { count: entry.documents.expiringSoon })}
        </Badge>
      )}
    </Group>
  );
}

/** Product and document counts, and what makes legality incomplete: the row and the detail page share it. */
export function EntryFacts({ entry }: { entry: TUmkmRegistryEntry }) {
  const { t } = useTranslation();
  const { products, documents, legality } = entry;
  return (
    <Stack gap={2}>
      <Text size="sm" data-testid="registry-products">
        {t('registry.productCounts', products)}
      </Text>
      <Text size="sm" data-testid="registry-documents">
        {t('registry.documentCounts', documents)}
      </Text>
      {!legality.nibValid && (
        <Text size="sm" c="red.8">
          {t('registry.nibInvalid')}
        </Text>
      )}
      {legality.productsMissingLegality > 0 && (
        <Text size="sm" c="red.8">
          {t('registry.productsMissing', { count: legality.productsMissingLegality })}
        </Text>
      )}
    </Stack>
  );
}
