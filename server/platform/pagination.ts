import { trusted } from 'mongoose';
import { AppError } from './http/errors';

/**
 * Keyset pagination over (a date field, _id): stable while rows are added, no skip() cost. The cursor
 * is opaque to clients (base64url JSON) and validated when it comes back.
 */
interface Cursor {
  at: string;
  id: string;
}

export function encodeCursor(at: Date, id: unknown): string {
  return Buffer.from(JSON.stringify({ at: at.toISOString(), id: String(id) })).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (
      typeof parsed.at === 'string' &&
      !Number.isNaN(Date.parse(parsed.at)) &&
      typeof parsed.id === 'string' &&
      /^[a-f0-9]{24}$/.test(parsed.id)
    ) {
      return { at: parsed.at, id: parsed.id };
    }
  } catch {
    // fall through to the validation error
  }
  throw new AppError('VALIDATION_FAILED', 'Kursor halaman tidak valid.', {
    issues: [{ path: ['cursor'], message: 'Kursor tidak valid' }],
  });
}

/** The filter for "rows after this cursor" in the given sort direction of `field`, then `_id`. */
export function afterCursor(field: string, cursor: string, direction: 1 | -1): Record<string, unknown> {
  const { at, id } = decodeCursor(cursor);
  const op = direction === 1 ? '$gt' : '$lt';
  const date = new Date(at);
  return { $or: [{ [field]: trusted({ [op]: date }) }, { [field]: date, _id: trusted({ [op]: id }) }] };
}

/** Fetch limit + 1 rows, return a page and the cursor of its last row when there is more. */
export function toPage<T extends { _id: unknown }>(rows: T[], limit: number, at: (row: T) => Date) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return { items, nextCursor: hasMore && last ? encodeCursor(at(last), last._id) : null };
}
