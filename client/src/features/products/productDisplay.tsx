import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { formatRupiah } from '@shared/money';
import { productCategory } from '@shared/catalog/categories';
import type {
  TProductContent,
  TProductStatus,
  TProductVersion,
  ZProductUnit,
} from '@shared/contracts/products';
import type { currentLanguage } from '../../i18n';

export type TProductUnit = z.infer<typeof ZProductUnit>;
type TLocale = ReturnType<typeof currentLanguage>;

export const PRODUCT_STATUS_COLOR: Record<TProductStatus, string> = {
  draft: 'gray',
  needs_legality: 'orange',
  submitted: 'blue',
  in_review: 'indigo',
  changes_requested: 'yellow',
  approved: 'green',
  rejected: 'red',
};

export function ProductStatusBadge({ status, testId }: { status: TProductStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={PRODUCT_STATUS_COLOR[status]}
      variant="light"
      data-testid={testId}
      data-status={status}
      style={{ flexShrink: 0 }}
    >
      {t(`productStatus.${status}`)}
    </Badge>
  );
}

const quantityFormats: Record<TLocale, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }),
};

/** `1500` → `1.500` (id) or `1,500` (en): quantities, grams, days. Rupiah go through formatRupiah. */
export function formatQuantity(value: number, locale: TLocale): string {
  return quantityFormats[locale].format(value);
}

export function categoryLabel(category: TProductContent['category'], locale: TLocale): string {
  return productCategory(category).label[locale];
}

/** What a buyer saves per unit at a tier, against the base price; null when the tier is not cheaper. */
export function tierSaving(basePrice: number, tierPrice: number): { amount: string; percent: number } | null {
  if (!(basePrice > 0) || !(tierPrice > 0) || tierPrice >= basePrice) return null;
  const saving = basePrice - tierPrice;
  // Rounded down so "hemat 10%" is never more than the real saving.
  return { amount: formatRupiah(saving), percent: Math.floor((saving / basePrice) * 100) };
}

/** Field-for-field equality of two versions (the server presents both the same way, in the same order). */
export function sameContent(a: TProductContent, b: TProductContent): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What the content form edits: a version without its photos, which are uploaded one by one. */
export function writtenContent({ photos: _photos, ...content }: TProductVersion): TProductContent {
  return content;
}
