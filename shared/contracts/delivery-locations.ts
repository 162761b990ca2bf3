import { z } from 'zod';
import { ZIsoDateTime, ZObjectId, ZPersonName, ZPhone } from './common';
import { ZAddress, ZAddressInput } from './regions';

/**
 * A buyer organisation's delivery locations: a koperasi's warehouse in KIIC, a company's factory gates.
 * Checkout picks one (or the organisation's own address); the order keeps a copy, so editing or deleting
 * a location never changes an order already placed.
 */
export const DELIVERY_LOCATIONS_MAX = 50;

export const ZDeliveryLocationLabel = z
  .string()
  .trim()
  .min(3, 'Nama lokasi minimal 3 karakter')
  .max(80, 'Nama lokasi maksimal 80 karakter');

/** The whole location, on create and on update alike: the form always sends every field. */
export const ZDeliveryLocationRequest = z.strictObject({
  label: ZDeliveryLocationLabel,
  recipientName: ZPersonName,
  recipientPhone: ZPhone,
  address: ZAddressInput,
  note: z.string().trim().max(300, 'Catatan untuk kurir maksimal 300 karakter').optional(),
});
export type TDeliveryLocationRequest = z.infer<typeof ZDeliveryLocationRequest>;

export const ZDeliveryLocation = z.strictObject({
  id: ZObjectId,
  label: z.string(),
  recipientName: z.string(),
  /** E.164, e.g. +6281234567890. */
  recipientPhone: z.string(),
  address: ZAddress,
  note: z.string().nullable(),
  createdAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
});
export type TDeliveryLocation = z.infer<typeof ZDeliveryLocation>;

/** All of them (at most DELIVERY_LOCATIONS_MAX), by label. */
export const ZListDeliveryLocationsResponse = z.strictObject({ items: z.array(ZDeliveryLocation) });
export const ZDeliveryLocationParams = z.strictObject({ locationId: ZObjectId });
