import {
  DELIVERY_LOCATIONS_MAX,
  type TDeliveryLocationRequest,
} from '../../../shared/contracts/delivery-locations';
import type { TDeliveryAddress } from '../../../shared/contracts/orders';
import { isDuplicateKeyError } from '../../platform/db';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/http/route';
import { resolveAddress } from '../regions';
import { presentAddress } from './accounts.presenter';
import { DeliveryLocationModel, type DeliveryLocationDoc } from './delivery-location.model';
import { getOrganisation } from './organisations.service';

const notFound = () => new AppError('NOT_FOUND', 'Lokasi pengiriman tidak ditemukan.');

const labelTaken = () =>
  new AppError('ALREADY_EXISTS', 'Sudah ada lokasi pengiriman dengan nama ini. Pakai nama lain.', {
    issues: [{ path: ['label'], message: 'Nama lokasi sudah dipakai' }],
  });

const limitReached = () =>
  new AppError(
    'LIMIT_REACHED',
    `Maksimal ${DELIVERY_LOCATIONS_MAX} lokasi pengiriman per organisasi. Hapus lokasi yang tidak dipakai lagi untuk menambah yang baru.`,
    { limit: DELIVERY_LOCATIONS_MAX },
  );

/** "Gudang  KIIC" and "gudang kiic" look the same in a picker: one key for both. */
function labelKeyOf(label: string): string {
  return label.toLowerCase().replace(/\s+/g, ' ');
}

async function storedFields(input: TDeliveryLocationRequest) {
  return {
    label: input.label,
    labelKey: labelKeyOf(input.label),
    recipientName: input.recipientName,
    recipientPhone: input.recipientPhone,
    address: await resolveAddress(input.address),
    note: input.note || null,
  };
}

// Numbers inside labels sort as numbers: "Gerbang 2" before "Gerbang 10".
const byLabel = new Intl.Collator('id', { sensitivity: 'base', numeric: true });

/** At most DELIVERY_LOCATIONS_MAX, so sorted here rather than paged (the test server ignores collation). */
export async function listDeliveryLocations(organisationId: string): Promise<DeliveryLocationDoc[]> {
  const rows = await DeliveryLocationModel.find({ organisationId }).lean<DeliveryLocationDoc[]>();
  return rows.sort((a, b) => byLabel.compare(a.label, b.label));
}

/**
 * Without transactions the limit is change-then-check: an insert that finds the organisation over the
 * limit takes itself back. Admins adding at once near the limit may all be refused; more than the limit
 * are never kept.
 */
export async function createDeliveryLocation(
  actor: Actor,
  input: TDeliveryLocationRequest,
): Promise<DeliveryLocationDoc> {
  const organisationId = actor.organisationId;
  const fields = await storedFields(input);
  if ((await DeliveryLocationModel.countDocuments({ organisationId })) >= DELIVERY_LOCATIONS_MAX) {
    throw limitReached();
  }
  let created: DeliveryLocationDoc;
  try {
    created = (await DeliveryLocationModel.create({ organisationId, ...fields })).toObject();
  } catch (error) {
    if (isDuplicateKeyError(error)) throw labelTaken();
    throw error;
  }
  if ((await DeliveryLocationModel.countDocuments({ organisationId })) > DELIVERY_LOCATIONS_MAX) {
    await DeliveryLocationModel.deleteOne({ _id: created._id, organisationId });
    throw limitReached();
  }
  return created;
}

export async function updateDeliveryLocation(
  actor: Actor,
  locationId: string,
  input: TDeliveryLocationRequest,
): Promise<DeliveryLocationDoc> {
  const fields = await storedFields(input);
  let updated: DeliveryLocationDoc | null;
  try {
    updated = await DeliveryLocationModel.findOneAndUpdate(
      { _id: locationId, organisationId: actor.organisationId },
      { $set: fields },
      { returnDocument: 'after' },
    ).lean<DeliveryLocationDoc>();
  } catch (error) {
    if (isDuplicateKeyError(error)) throw labelTaken();
    throw error;
  }
  if (!updated) throw notFound();
  return updated;
}

/** Orders placed to it keep their own copy of the address, so a location in use may go. */
export async function deleteDeliveryLocation(actor: Actor, locationId: string): Promise<void> {
  const { deletedCount } = await DeliveryLocationModel.deleteOne({
    _id: locationId,
    organisationId: actor.organisationId,
  });
  if (deletedCount === 0) throw notFound();
}

/**
 * What an order placed now stores as its delivery address: the chosen location of this organisation
 * (with its name, recipient and note for the courier), or without a choice the organisation's own address.
 * Another organisation's location is as unknown as one that never existed.
 */
export async function deliveryAddressFor(
  organisationId: string,
  deliveryLocationId: string | undefined,
): Promise<TDeliveryAddress> {
  if (deliveryLocationId) {
    const location = await DeliveryLocationModel.findOne({
      _id: deliveryLocationId,
      organisationId,
    }).lean<DeliveryLocationDoc>();
    if (!location) {
      throw new AppError(
        'NOT_FOUND',
        'Lokasi pengiriman tidak ditemukan. Mungkin baru saja dihapus; pilih lokasi lain.',
        { issues: [{ path: ['deliveryLocationId'], message: 'Lokasi pengiriman tidak ditemukan' }] },
      );
    }
    return {
      ...presentAddress(location.address),
      label: location.label,
      recipientName: location.recipientName,
      recipientPhone: location.recipientPhone,
      courierNote: location.note ?? null,
    };
  }
  const organisation = await getOrganisation(organisationId);
  if (!organisation.address) {
    throw new AppError('INVALID_STATE', 'Lengkapi alamat organisasi Anda dulu: pesanan dikirim ke sana.');
  }
  return {
    ...presentAddress(organisation.address),
    label: null,
    recipientName: null,
    recipientPhone: null,
    courierNote: null,
  };
}
