import { productCategory, type TProductCategory } from '@shared/catalog/categories';
import type { TCatalogProduct } from '@shared/contracts/catalog';
import type { TProductContent } from '@shared/contracts/products';
import type { TLegalityDocumentType } from '@shared/legality/documents';
import type { Rupiah } from '@shared/money';
import type { TLocale } from '@shared/contracts/accounts';

/** Kabupaten Karawang: the kecamatan filters of the catalog and the curation queue list its districts. */
export const KARAWANG_REGENCY = '32.15';

/** Legality a buyer looks for on a card; NIB (every seller has one) and "other" say nothing to a buyer. */
export const BUYER_BADGES: readonly TLegalityDocumentType[] = ['halal', 'pirt', 'bpom_md', 'bpom_ml', 'sni'];

export const BADGE_COLOR: Partial<Record<TLegalityDocumentType, string>> = {
  halal: 'green',
  pirt: 'blue',
  bpom_md: 'indigo',
  bpom_ml: 'indigo',
  sni: 'grape',
};

export function categoryLabel(category: TProductCategory, locale: TLocale): string {
  return productCategory(category).label[locale];
}

/** The tiers are ordered by quantity and get cheaper, so the last one is the lowest unit price. */
export function lowestUnitPrice(product: Pick<TProductContent, 'price' | 'priceTiers'>): Rupiah {
  return product.priceTiers.at(-1)?.unitPrice ?? product.price;
}

export function formatNumber(value: number, locale: TLocale): string {
  return new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB').format(value);
}

/** `3 hari` / `3 days`, `1 day`: the plural comes from the browser's Intl, not from translation keys. */
export function formatDuration(value: number, unit: 'minute' | 'hour' | 'day', locale: TLocale): string {
  return new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    style: 'unit',
    unit,
    unitDisplay: 'long',
  }).format(value);
}

/** One row of the tier table: a quantity range, its unit price and what it saves against the base price. */
export interface TierRow {
  fromQuantity: number;
  /** null: and above. */
  toQuantity: number | null;
  unitPrice: Rupiah;
  savingPerUnit: Rupiah;
  savingPercent: number;
}

export function tierRows(product: Pick<TCatalogProduct, 'price' | 'priceTiers' | 'minimumOrder'>): TierRow[] {
  const steps = [
    { minQuantity: product.minimumOrder, unitPrice: product.price },
    ...product.priceTiers.map((tier) => ({ minQuantity: tier.minQuantity, unitPrice: tier.unitPrice })),
  ];
  return steps.map((step, index) => {
    const next = steps[index + 1];
    const savingPerUnit = product.price - step.unitPrice;
    return {
      fromQuantity: step.minQuantity,
      toQuantity: next ? next.minQuantity - 1 : null,
      unitPrice: step.unitPrice,
      savingPerUnit,
      savingPercent: product.price > 0 ? Math.round((savingPerUnit / product.price) * 100) : 0,
    };
  });
}
