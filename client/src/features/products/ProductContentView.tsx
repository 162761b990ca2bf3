import { List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatRupiah } from '@shared/money';
import type { TProductContent } from '@shared/contracts/products';
import { InfoRow } from '../../components/InfoRow';
import { currentLanguage } from '../../i18n';
import { categoryLabel, formatQuantity, tierSaving } from './productDisplay';

/** A version of the product (the working copy or the live one), as the seller wrote it. */
export function ProductContentView({ content, testId }: { content: TProductContent; testId?: string }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const unit = t(`products.unitsShort.${content.unit}`);
  const qty = (value: number) => formatQuantity(value, locale);
  return (
    <Stack gap={0} data-testid={testId}>
      <InfoRow label={t('products.form.category')}>{categoryLabel(content.category, locale)}</InfoRow>
      <InfoRow label={t('products.form.price')} testId="product-view-price">
        {t('products.perUnit', { price: formatRupiah(content.price), unit })}
      </InfoRow>
      <InfoRow label={t('products.form.tiers')} testId="product-view-tiers">
        {content.priceTiers.length === 0 ? (
          <Text size="sm" c="dimmed" component="span">
            {t('products.noTiers')}
          </Text>
        ) : (
          <List size="sm" spacing={2}>
            {content.priceTiers.map((tier) => {
              const saving = tierSaving(content.price, tier.unitPrice);
              return (
                <List.Item key={tier.minQuantity}>
                  {t('products.tierLine', {
                    quantity: qty(tier.minQuantity),
                    unit,
                    price: formatRupiah(tier.unitPrice),
                  })}
                  {saving && (
                    <Text span size="sm" c="green.8">
                      {' '}
                      ({t('products.tierLineSaving', { percent: saving.percent })})
                    </Text>
                  )}
                </List.Item>
              );
            })}
          </List>
        )}
      </InfoRow>
      <InfoRow label={t('products.form.minimumOrder')} testId="product-view-moq">
        {`${qty(content.minimumOrder)} ${unit}`}
      </InfoRow>
      <InfoRow label={t('products.form.orderIncrement')}>{`${qty(content.orderIncrement)} ${unit}`}</InfoRow>
      <InfoRow label={t('products.form.supplyMode')}>
        {content.supply.mode === 'stock'
          ? t('products.supplyStockValue', { quantity: qty(content.supply.stockOnHand), unit })
          : t('products.supplyCapacityValue', { quantity: qty(content.supply.weeklyCapacity), unit })}
      </InfoRow>
      <InfoRow label={t('products.form.leadTime')}>
        {t('products.days', { count: content.leadTimeDays })}
      </InfoRow>
      <InfoRow label={t('products.form.shelfLife')}>
        {content.shelfLifeDays === null
          ? t('products.noShelfLife')
          : t('products.days', { count: content.shelfLifeDays })}
      </InfoRow>
      <InfoRow label={t('products.form.unit')}>{t(`products.units.${content.unit}`)}</InfoRow>
      <InfoRow label={t('products.form.weight')}>
        {t('products.weightValue', { quantity: qty(content.weightGrams) })}
      </InfoRow>
      <InfoRow label={t('products.form.description')}>
        <span style={{ whiteSpace: 'pre-line' }}>{content.description}</span>
      </InfoRow>
    </Stack>
  );
}
