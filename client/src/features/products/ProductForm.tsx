import { useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  CloseButton,
  Fieldset,
  Group,
  Input,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { CountedTextarea } from '../../components/CountedTextarea';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { formatRupiah } from '@shared/money';
import { PRODUCT_CATEGORIES, ZProductCategory, type TProductCategory } from '@shared/catalog/categories';
import {
  PRODUCT_UNITS,
  ZProductContent,
  ZProductStatus,
  ZProductUnit,
  type TProductContent,
  type TSellerProduct,
} from '@shared/contracts/products';
import { ApiError } from '../../api/client';
import { createMyProduct, queryKeys, updateMyProduct } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { focusFirstInvalid, serverFieldErrors, useFieldErrors, validate } from '../../components/forms';
import { currentLanguage } from '../../i18n';
import { sameContent, tierSaving, writtenContent, type TProductUnit } from './productDisplay';

/** As ZProductContent allows: at most 5 tiers, descriptions up to 3000 characters. */
const MAX_TIERS = 5;
const DESCRIPTION_MAX = 3000;

type TSupplyMode = TProductContent['supply']['mode'];

interface TierDraft {
  /** A stable React key: rows are removed from the middle too. */
  key: number;
  minQuantity: string;
  unitPrice: string;
}

/** Whole numbers as typed: "12500", "12.500" (Indonesian grouping) or "Rp 12.500". */
function parseWhole(text: string): number | undefined {
  const compact = text.replace(/^\s*rp\.?/i, '').replace(/\s+/g, '');
  if (compact === '') return undefined;
  if (/^\d+$/.test(compact)) return Number(compact);
  if (/^\d{1,3}(\.\d{3})+$/.test(compact)) return Number(compact.replaceAll('.', ''));
  return Number.NaN;
}

const toText = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

/** What INVALID_STATE carries: the status the product has now (Dinkop took it into curation). */
const ZStateDetails = z.object({ currentStatus: ZProductStatus });

let nextTierKey = 1;
const tierDraft = (minQuantity = '', unitPrice = ''): TierDraft => ({
  key: nextTierKey++,
  minQuantity,
  unitPrice,
});

interface ProductFormProps {
  /** The product being edited; absent when a new one is created. */
  product?: TSellerProduct;
  onSaved: (product: TSellerProduct) => void;
  onCancel: () => void;
}

export function ProductForm({ product, onSaved, onCancel }: ProductFormProps) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const initial = product?.content;
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [category, setCategory] = useState<TProductCategory | ''>(initial?.category ?? '');
  const [unit, setUnit] = useState<TProductUnit | ''>(initial?.unit ?? '');
  const [weight, setWeight] = useState(toText(initial?.weightGrams));
  const [price, setPrice] = useState(toText(initial?.price));
  const [tiers, setTiers] = useState<TierDraft[]>(
    initial?.priceTiers.map((tier) => tierDraft(String(tier.minQuantity), String(tier.unitPrice))) ?? [],
  );
  const [minimumOrder, setMinimumOrder] = useState(toText(initial?.minimumOrder));
  const [orderIncrement, setOrderIncrement] = useState(toText(initial?.orderIncrement ?? 1));
  // Bulk B2B orders (hundreds of packs for a koperasi) are mostly made to order: capacity comes first.
  const [supplyMode, setSupplyMode] = useState<TSupplyMode>(initial?.supply.mode ?? 'capacity');
  const [stock, setStock] = useState(
    initial?.supply.mode === 'stock' ? String(initial.supply.stockOnHand) : '',
  );
  const [capacity, setCapacity] = useState(
    initial?.supply.mode === 'capacity' ? String(initial.supply.weeklyCapacity) : '',
  );
  const [leadTime, setLeadTime] = useState(toText(initial?.leadTimeDays));
  const [shelfLife, setShelfLife] = useState(toText(initial?.shelfLifeDays));
  const fields = useFieldErrors();

  const unitShort = unit ? t(`products.unitsShort.${unit}`) : '';
  const basePrice = parseWhole(price);

  const mutation = useMutation({
    mutationFn: (content: TProductContent) =>
      product ? updateMyProduct(product.id, content) : createMyProduct(content),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.myProduct(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: [...queryKeys.myProductsAll, 'list'] });
      notifications.show({
        color: 'green',
        message: product
          ? t('products.form.saved')
          : t('products.form.created', { name: saved.content.name }),
      });
      onSaved(saved);
    },
    onError: (error) => {
      fields.setServer(serverFieldErrors(error));
      // Dinkop took the product into curation meanwhile: show it as it is now.
      if (product && error instanceof ApiError && error.code === 'INVALID_STATE') {
        void queryClient.invalidateQueries({ queryKey: queryKeys.myProduct(product.id) });
      }
    },
  });

  // --- tiers ---

  const clearTierErrors = () => {
    fields.clear('priceTiers');
    tiers.forEach((_, index) => {
      fields.clear(`priceTiers.${index}.minQuantity`);
      fields.clear(`priceTiers.${index}.unitPrice`);
    });
  };
  const updateTier = (key: number, change: Partial<Omit<TierDraft, 'key'>>) =>
    setTiers((current) => current.map((tier) => (tier.key === key ? { ...tier, ...change } : tier)));
  const addTier = () => {
    clearTierErrors();
    setTiers((current) => [...current, tierDraft()]);
  };
  const removeTier = (key: number) => {
    // Errors are keyed by position, which shifts: ask again on the next save.
    clearTierErrors();
    setTiers((current) => current.filter((tier) => tier.key !== key));
  };

  // --- submit ---

  const numberFields: Array<{ key: string; text: string; required: boolean }> = [
    { key: 'weightGrams', text: weight, required: true },
    { key: 'price', text: price, required: true },
    ...tiers.flatMap((tier, index) => [
      { key: `priceTiers.${index}.minQuantity`, text: tier.minQuantity, required: true },
      { key: `priceTiers.${index}.unitPrice`, text: tier.unitPrice, required: true },
    ]),
    { key: 'minimumOrder', text: minimumOrder, required: true },
    { key: 'orderIncrement', text: orderIncrement, required: true },
    supplyMode === 'stock'
      ? { key: 'supply.stockOnHand', text: stock, required: true }
      : { key: 'supply.weeklyCapacity', text: capacity, required: true },
    { key: 'leadTimeDays', text: leadTime, required: true },
    { key: 'shelfLifeDays', text: shelfLife, required: false },
  ];
  const fieldKeys = [
    'name',
    'description',
    'category',
    'unit',
    'priceTiers',
    'supply',
    'supply.mode',
    ...numberFields.map((field) => field.key),
  ];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const shelfLifeDays = parseWhole(shelfLife);
    const body = {
      name,
      description,
      category: category || undefined,
      unit: unit || undefined,
      weightGrams: parseWhole(weight),
      price: basePrice,
      priceTiers: tiers.map((tier) => ({
        minQuantity: parseWhole(tier.minQuantity),
        unitPrice: parseWhole(tier.unitPrice),
      })),
      minimumOrder: parseWhole(minimumOrder),
      orderIncrement: parseWhole(orderIncrement),
      supply:
        supplyMode === 'stock'
          ? { mode: supplyMode, stockOnHand: parseWhole(stock) }
          : { mode: supplyMode, weeklyCapacity: parseWhole(capacity) },
      leadTimeDays: parseWhole(leadTime),
      shelfLifeDays: shelfLifeDays === undefined ? null : shelfLifeDays,
    };
    const result = validate(ZProductContent, body, t);
    const errors = result.ok ? {} : { ...result.errors };
    // The schema only sees "not a number": say what is wrong with what was typed.
    for (const field of numberFields) {
      const parsed = parseWhole(field.text);
      if (parsed === undefined && field.required) errors[field.key] = t('validation.required');
      else if (Number.isNaN(parsed)) errors[field.key] = t('products.form.wholeNumber');
    }
    if (!category) errors.category = t('validation.required');
    if (!unit) errors.unit = t('validation.required');
    fields.setErrors(errors);
    focusFirstInvalid(formRef.current);
    if (!result.ok || Object.keys(errors).length > 0) return;
    // Saving an unchanged approved product would start a revision for nothing.
    if (product && sameContent(result.data, writtenContent(product.content))) {
      onCancel();
      return;
    }
    mutation.mutate(result.data);
  };

  const lockedNow =
    mutation.error instanceof ApiError && mutation.error.code === 'INVALID_STATE'
      ? ZStateDetails.safeParse(mutation.error.details)
      : null;
  const qtySection = unitShort
    ? { rightSection: <Text size="xs">{unitShort}</Text>, rightSectionWidth: 56 }
    : {};

  return (
    <form ref={formRef} onSubmit={submit} noValidate data-testid="product-form">
      <Stack gap="md">
        {product?.live && (
          <Alert color="blue" variant="light" data-testid="product-new-revision">
            {t('products.form.newRevision')}
          </Alert>
        )}
        {product && !product.live && product.status !== 'draft' && (
          <Alert color="gray" variant="light">
            {t('products.form.backToDraft')}
          </Alert>
        )}

        <Fieldset legend={t('products.form.infoSection')} variant="filled" p="sm">
          <Stack gap="sm">
            <TextInput
              label={t('products.form.name')}
              description={t('products.form.nameHint')}
              required
              maxLength={120}
              value={name}
              {...fields.bind('name', setName)}
              data-testid="product-name"
            />
            <CountedTextarea
              label={t('products.form.description')}
              description={t('products.form.descriptionHint')}
              required
              maxLength={DESCRIPTION_MAX}
              value={description}
              {...fields.bind('description', setDescription)}
              data-testid="product-description"
              countLabel={t('products.form.descriptionCount', {
                count: description.length,
                max: DESCRIPTION_MAX,
              })}
            />
            <NativeSelect
              label={t('products.form.category')}
              description={t('products.form.categoryHint')}
              required
              value={category}
              onChange={(event) => {
                const parsed = ZProductCategory.safeParse(event.currentTarget.value);
                setCategory(parsed.success ? parsed.data : '');
                fields.clear('category');
              }}
              error={fields.errorOf('category')}
              data={[
                { value: '', label: t('products.form.chooseCategory'), disabled: true },
                ...PRODUCT_CATEGORIES.map((item) => ({ value: item.id, label: item.label[locale] })),
              ]}
              data-testid="product-category"
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <NativeSelect
                label={t('products.form.unit')}
                description={t('products.form.unitHint')}
                required
                value={unit}
                onChange={(event) => {
                  const parsed = ZProductUnit.safeParse(event.currentTarget.value);
                  setUnit(parsed.success ? parsed.data : '');
                  fields.clear('unit');
                }}
                error={fields.errorOf('unit')}
                data={[
                  { value: '', label: t('products.form.chooseUnit'), disabled: true },
                  ...PRODUCT_UNITS.map((value) => ({ value, label: t(`products.units.${value}`) })),
                ]}
                data-testid="product-unit"
              />
              <TextInput
                label={t('products.form.weight')}
                description={t('products.form.weightHint')}
                required
                inputMode="numeric"
                autoComplete="off"
                value={weight}
                {...fields.bind('weightGrams', setWeight)}
                data-testid="product-weight"
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('products.form.priceSection')} variant="filled" p="sm">
          <Stack gap="sm">
            <TextInput
              label={t('products.form.price')}
              description={
                basePrice !== undefined && Number.isSafeInteger(basePrice) && basePrice > 0 && unitShort
                  ? t('products.form.priceEcho', { price: formatRupiah(basePrice), unit: unitShort })
                  : t('products.form.priceHint')
              }
              required
              inputMode="numeric"
              autoComplete="off"
              value={price}
              {...fields.bind('price', setPrice)}
              data-testid="product-price"
            />
            <Input.Wrapper
              label={t('products.form.tiers')}
              description={t('products.form.tiersHint', { max: MAX_TIERS })}
              error={fields.errorOf('priceTiers')}
            >
              <Stack gap="xs" mt={6} data-testid="product-tiers">
                {tiers.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('products.form.tiersEmpty')}
                  </Text>
                )}
                {tiers.map((tier, index) => {
                  const tierPrice = parseWhole(tier.unitPrice);
                  const saving =
                    basePrice !== undefined && tierPrice !== undefined
                      ? tierSaving(basePrice, tierPrice)
                      : null;
                  const comparable =
                    basePrice !== undefined &&
                    tierPrice !== undefined &&
                    !Number.isNaN(basePrice) &&
                    !Number.isNaN(tierPrice);
                  return (
                    <Paper key={tier.key} withBorder radius="sm" p="xs" data-testid="product-tier">
                      <Group justify="space-between" gap="xs" mb={4}>
                        <Text size="sm" fw={600}>
                          {t('products.form.tierTitle', { n: index + 1 })}
                        </Text>
                        <CloseButton
                          size="sm"
                          aria-label={t('products.form.tierRemove', { n: index + 1 })}
                          onClick={() => removeTier(tier.key)}
                          data-testid={`product-tier-remove-${index}`}
                        />
                      </Group>
                      <SimpleGrid cols={2} spacing="xs">
                        <TextInput
                          label={t('products.form.tierMin')}
                          required
                          inputMode="numeric"
                          autoComplete="off"
                          value={tier.minQuantity}
                          {...qtySection}
                          {...fields.bind(`priceTiers.${index}.minQuantity`, (value) =>
                            updateTier(tier.key, { minQuantity: value }),
                          )}
                          data-testid={`product-tier-min-${index}`}
                        />
                        <TextInput
                          label={t('products.form.tierPrice')}
                          required
                          inputMode="numeric"
                          autoComplete="off"
                          value={tier.unitPrice}
                          {...fields.bind(`priceTiers.${index}.unitPrice`, (value) =>
                            updateTier(tier.key, { unitPrice: value }),
                          )}
                          data-testid={`product-tier-price-${index}`}
                        />
                      </SimpleGrid>
                      {comparable && (
                        <Text
                          size="xs"
                          mt={4}
                          c={saving ? 'green.8' : 'dimmed'}
                          data-testid={`product-tier-saving-${index}`}
                        >
                          {saving
                            ? t('products.form.tierSaving', {
                                amount: saving.amount,
                                percent: saving.percent,
                                unit: unitShort || t('products.unitsShort.pcs'),
                              })
                            : t('products.form.tierNoSaving')}
                        </Text>
                      )}
                    </Paper>
                  );
                })}
                {tiers.length < MAX_TIERS && (
                  <div>
                    <Button variant="light" size="xs" onClick={addTier} data-testid="product-tier-add">
                      {t('products.form.tierAdd')}
                    </Button>
                  </div>
                )}
              </Stack>
            </Input.Wrapper>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('products.form.orderSection')} variant="filled" p="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label={t('products.form.minimumOrder')}
              description={t('products.form.minimumOrderHint')}
              required
              inputMode="numeric"
              autoComplete="off"
              value={minimumOrder}
              {...qtySection}
              {...fields.bind('minimumOrder', setMinimumOrder)}
              data-testid="product-moq"
            />
            <TextInput
              label={t('products.form.orderIncrement')}
              description={t('products.form.orderIncrementHint')}
              required
              inputMode="numeric"
              autoComplete="off"
              value={orderIncrement}
              {...qtySection}
              {...fields.bind('orderIncrement', (value) => {
                setOrderIncrement(value);
                // The multiple rule is reported on the minimum order.
                fields.clear('minimumOrder');
              })}
              data-testid="product-increment"
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('products.form.supplySection')} variant="filled" p="sm">
          <Stack gap="sm">
            <Input.Wrapper label={t('products.form.supplyMode')} required>
              <SegmentedControl
                fullWidth
                mt={4}
                value={supplyMode}
                onChange={(value) => {
                  setSupplyMode(value === 'stock' ? 'stock' : 'capacity');
                  fields.clear('supply.stockOnHand');
                  fields.clear('supply.weeklyCapacity');
                }}
                aria-label={t('products.form.supplyMode')}
                // Two long labels on a 390 px phone: let them wrap rather than be cut off.
                styles={{ label: { whiteSpace: 'normal', lineHeight: 1.3 } }}
                data-testid="product-supply-mode"
                data={[
                  {
                    value: 'capacity',
                    label: (
                      <span data-testid="product-supply-mode-capacity">
                        {t('products.form.supplyCapacity')}
                      </span>
                    ),
                  },
                  {
                    value: 'stock',
                    label: (
                      <span data-testid="product-supply-mode-stock">{t('products.form.supplyStock')}</span>
                    ),
                  },
                ]}
              />
            </Input.Wrapper>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              {supplyMode === 'stock' ? (
                <TextInput
                  label={t('products.form.stock')}
                  description={t('products.form.stockHint')}
                  required
                  inputMode="numeric"
                  autoComplete="off"
                  value={stock}
                  {...qtySection}
                  {...fields.bind('supply.stockOnHand', setStock)}
                  data-testid="product-stock"
                />
              ) : (
                <TextInput
                  label={t('products.form.capacity')}
                  description={t('products.form.capacityHint')}
                  required
                  inputMode="numeric"
                  autoComplete="off"
                  value={capacity}
                  {...qtySection}
                  {...fields.bind('supply.weeklyCapacity', setCapacity)}
                  data-testid="product-capacity"
                />
              )}
              <TextInput
                label={t('products.form.leadTime')}
                description={t('products.form.leadTimeHint')}
                required
                inputMode="numeric"
                autoComplete="off"
                value={leadTime}
                {...fields.bind('leadTimeDays', setLeadTime)}
                data-testid="product-lead-time"
              />
              <TextInput
                label={`${t('products.form.shelfLife')} (${t('app.optional')})`}
                description={t('products.form.shelfLifeHint')}
                inputMode="numeric"
                autoComplete="off"
                value={shelfLife}
                {...fields.bind('shelfLifeDays', setShelfLife)}
                data-testid="product-shelf-life"
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        {mutation.isError && (
          <ErrorAlert
            error={mutation.error}
            message={
              lockedNow?.success
                ? t('products.locked', { status: t(`productStatus.${lockedNow.data.currentStatus}`) })
                : undefined
            }
            showIssues
            fieldKeys={fieldKeys}
          />
        )}
        <FormActions
          onCancel={onCancel}
          pending={mutation.isPending}
          submitLabel={product ? t('products.form.save') : t('products.form.create')}
          testId="product-save"
        />
      </Stack>
    </form>
  );
}
