import { trusted } from 'mongoose';
import { AppError } from '../../platform/http/errors';
import type { StoredPhoto } from './photo.schema';

/**
 * A change as one guarded single-document update: `guard` joins the filter, so that a change to a list
 * of photos (at `path` in its document) applies only to the list as it was read.
 */
export interface GuardedChange {
  guard: Record<string, unknown>;
  update: {
    $push?: Record<string, unknown>;
    $pull?: Record<string, unknown>;
    $set?: Record<string, unknown>;
  };
}

export const photoNotFound = () => new AppError('NOT_FOUND', 'Foto tidak ditemukan.');

/**
 * Appends the photo; null when the list holds it already (a retried upload changes nothing). The guard
 * pins the length that was read, so two uploads racing for the last place cannot both take it.
 */
export function planAddPhoto(
  path: string,
  list: readonly StoredPhoto[],
  photo: StoredPhoto,
  limit: { max: number; message: string },
): GuardedChange | null {
  if (list.some((existing) => existing.id === photo.id)) return null;
  if (list.length >= limit.max) throw new AppError('LIMIT_REACHED', limit.message, { limit: limit.max });
  return { guard: { [path]: trusted({ $size: list.length }) }, update: { $push: { [path]: photo } } };
}

export function planRemovePhoto(path: string, list: readonly StoredPhoto[], photoId: string): GuardedChange {
  if (!list.some((photo) => photo.id === photoId)) throw photoNotFound();
  return { guard: { [`${path}.id`]: photoId }, update: { $pull: { [path]: { id: photoId } } } };
}

/** The same photos in a new order; null when the order is the current one. */
export function planReorderPhotos(
  path: string,
  list: readonly StoredPhoto[],
  photoIds: readonly string[],
): GuardedChange | null {
  const samePhotos = photoIds.length === list.length && list.every((photo) => photoIds.includes(photo.id));
  if (!samePhotos) {
    const message = 'Urutan harus memuat setiap foto tepat satu kali';
    throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: ['photoIds'], message }] });
  }
  if (photoIds.every((id, index) => list[index]!.id === id)) return null;
  const byId = new Map(list.map((photo) => [photo.id, photo]));
  return {
    // Same length and every id still there: the very photos that were read, whatever happened meanwhile.
    guard: { [path]: trusted({ $size: list.length }), [`${path}.id`]: trusted({ $all: photoIds }) },
    update: { $set: { [path]: photoIds.map((id) => byId.get(id)) } },
  };
}

/**
 * Optimistic concurrency: `attempt` reads, plans and writes with a guard, and answers null when the guard
 * missed because someone wrote in between; it then runs again on a fresh read, whose checks give the
 * caller the right answer (now locked, now full, photo gone).
 */
export async function retryWhenRaced<T>(attempt: () => Promise<T | null>): Promise<T> {
  for (let tries = 0; tries < 3; tries++) {
    const result = await attempt();
    if (result !== null) return result;
  }
  throw new AppError('INVALID_STATE', 'Data sedang diubah di tempat lain. Muat ulang lalu coba lagi.');
}
