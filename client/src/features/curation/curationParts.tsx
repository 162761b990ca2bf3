import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ZProductStatus, ZSellerProduct, type TProductStatus } from '@shared/contracts/products';
import type { TLocale } from '@shared/contracts/accounts';
import { ApiError } from '../../api/client';
import { formatDuration } from '../catalog/catalogFormat';

const STATUS_COLOR: Record<TProductStatus, string> = {
  draft: 'gray',
  needs_legality: 'orange',
  submitted: 'blue',
  in_review: 'violet',
  changes_requested: 'yellow',
  approved: 'green',
  rejected: 'red',
};

export function ProductStatusBadge({ status, testId }: { status: TProductStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid={testId} data-status={status}>
      {t(`curation.statuses.${status}`)}
    </Badge>
  );
}

/** How long a product has waited since the seller submitted it, in the largest unit that reads well. */
export function waitingTime(
  since: string,
  locale: TLocale,
  now = Date.now(),
): { text: string; days: number } {
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
  const days = Math.floor(minutes / (60 * 24));
  if (minutes < 60) return { text: formatDuration(Math.max(1, minutes), 'minute', locale), days };
  if (minutes < 48 * 60) return { text: formatDuration(Math.floor(minutes / 60), 'hour', locale), days };
  return { text: formatDuration(days, 'day', locale), days };
}

/** A week in the queue is long for a seller waiting to sell; three days is worth a look. */
export function waitingColor(days: number): string {
  if (days >= 7) return 'red';
  if (days >= 3) return 'yellow';
  return 'gray';
}

/**
 * `details` of a 409 INVALID_STATE from a curation move: the status the product is in now, and for an
 * approval refused because legality lapsed, what is missing. Built from the shared product schema.
 */
const ZMoveConflictDetails = z.object({
  currentStatus: ZProductStatus,
  missingLegality: ZSellerProduct.shape.missingLegality.optional(),
});
export type TMoveConflict = z.infer<typeof ZMoveConflictDetails>;

export function moveConflict(error: unknown): TMoveConflict | null {
  if (!(error instanceof ApiError) || error.code !== 'INVALID_STATE') return null;
  const parsed = ZMoveConflictDetails.safeParse(error.details);
  return parsed.success ? parsed.data : null;
}
