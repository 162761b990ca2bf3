import { useState } from 'react';
import { Button, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TLegalityDocument } from '@shared/contracts/legality';
import { listMyProducts, queryKeys, setLegalityDocumentProducts } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';

const FIRST_PAGE = { limit: 100 } as const;

/** The seller's products to pick from (the first hundred: a UMKM rarely has more). */
function useProductOptions() {
  const products = useQuery({
    queryKey: queryKeys.myProducts(FIRST_PAGE),
    queryFn: ({ signal }) => listMyProducts(FIRST_PAGE, null, signal),
  });
  const options = (products.data?.items ?? []).map((product) => ({
    value: product.id,
    label: product.content.name,
  }));
  return { products, options };
}

/** Which products a new document covers; none chosen means the whole business (NIB, a shared halal certificate). */
export function DocumentProductsField({
  value,
  onChange,
}: {
  value: string[];
  onChange: (productIds: string[]) => void;
}) {
  const { t } = useTranslation();
  const { options } = useProductOptions();
  return (
    <MultiSelect
      label={t('legality.productsLabel')}
      description={t('legality.productsHint')}
      placeholder={value.length === 0 ? t('legality.allProducts') : undefined}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      clearable
      maxValues={100}
      data-testid="legality-products"
    />
  );
}

/** On a document card: what it covers, and a way to change it. */
export function DocumentProducts({ document }: { document: TLegalityDocument }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { options } = useProductOptions();
  const [editing, setEditing] = useState(false);
  const [chosen, setChosen] = useState<string[]>(document.productIds);
  const save = useMutation({
    mutationFn: () => setLegalityDocumentProducts(document.id, { productIds: chosen }),
    onSuccess: () => {
      // Products may have gone off or back on sale with this change.
      void queryClient.invalidateQueries({ queryKey: queryKeys.legalityDocuments });
      void queryClient.invalidateQueries({ queryKey: queryKeys.myProductsAll });
      notifications.show({ color: 'green', message: t('legality.productsSaved') });
      setEditing(false);
    },
  });
  const names = document.productIds.map(
    (id) => options.find((option) => option.value === id)?.label ?? t('legality.unknownProduct'),
  );

  if (!editing) {
    return (
      <Group gap="xs" wrap="nowrap" align="flex-start" data-testid="legality-covers">
        <Text size="sm" style={{ flex: 1, overflowWrap: 'anywhere' }}>
          <Text span size="sm" c="dimmed">
            {t('legality.covers')}{' '}
          </Text>
          {names.length === 0 ? t('legality.allProducts') : names.join(', ')}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => {
            setChosen(document.productIds);
            setEditing(true);
          }}
        >
          {t('legality.changeProducts')}
        </Button>
      </Group>
    );
  }
  return (
    <Stack gap="xs">
      <DocumentProductsField value={chosen} onChange={setChosen} />
      {save.isError && <ErrorAlert error={save.error} showIssues />}
      <Group gap="xs" justify="flex-end">
        <Button size="xs" variant="default" onClick={() => setEditing(false)}>
          {t('app.cancel')}
        </Button>
        <Button size="xs" onClick={() => save.mutate()} loading={save.isPending}>
          {t('app.save')}
        </Button>
      </Group>
    </Stack>
  );
}
