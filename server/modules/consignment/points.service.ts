import { trusted } from 'mongoose';
import { DISPLAY_POINTS_MAX, type TDisplayPointRequest } from '../../../shared/contracts/consignment';
import { AppError } from '../../platform/http/errors';
import { resolveAddress } from '../regions';
import { ConsignmentStockModel, DisplayPointModel, type DisplayPointDoc } from './consignment.models';
import { dinkopUser } from './consignment.sources';

export const pointNotFound = () => new AppError('NOT_FOUND', 'Titik pajang tidak ditemukan.');

async function storedFields(input: TDisplayPointRequest) {
  // The regions dataset decides whether the code names a kecamatan; the error lands on `districtCode`.
  const { district } = await resolveAddress({ street: '-', districtCode: input.districtCode }, []);
  let operator: DisplayPointDoc['operator'] = null;
  if (input.operator?.kind === 'dinkop_user') {
    const user = await dinkopUser(input.operator.userId);
    if (!user) {
      throw new AppError('VALIDATION_FAILED', 'Petugas harus pengguna Dinkop.', {
        issues: [{ path: ['operator', 'userId'], message: 'Bukan pengguna Dinkop' }],
      });
    }
    operator = { kind: 'dinkop_user', userId: user.id, name: user.name, phone: null };
  } else if (input.operator?.kind === 'person') {
    operator = { kind: 'person', userId: null, name: input.operator.name, phone: input.operator.phone };
  }
  return {
    name: input.name,
    kind: input.kind,
    district: { code: district.code, name: district.name },
    operator,
    commissionBasisPoints: Math.round(input.commissionPercent * 100),
  };
}

const byName = new Intl.Collator('id', { sensitivity: 'base', numeric: true });

/** At most DISPLAY_POINTS_MAX (one galeri and a pojok per kecamatan office), so listed whole, by name. */
export async function listPoints(): Promise<DisplayPointDoc[]> {
  const rows = await DisplayPointModel.find({}).limit(DISPLAY_POINTS_MAX).lean<DisplayPointDoc[]>();
  return rows.sort((a, b) => byName.compare(a.name, b.name));
}

export async function getPoint(pointId: string): Promise<DisplayPointDoc> {
  const point = await DisplayPointModel.findById(pointId).lean<DisplayPointDoc>();
  if (!point) throw pointNotFound();
  return point;
}

export async function createPoint(input: TDisplayPointRequest): Promise<DisplayPointDoc> {
  const fields = await storedFields(input);
  if ((await DisplayPointModel.countDocuments({})) >= DISPLAY_POINTS_MAX) {
    throw new AppError('LIMIT_REACHED', `Maksimal ${DISPLAY_POINTS_MAX} titik pajang.`, {
      limit: DISPLAY_POINTS_MAX,
    });
  }
  return (await DisplayPointModel.create(fields)).toObject() as DisplayPointDoc;
}

/** A new commission applies to sales from now on: each sale keeps the one agreed when it was made. */
export async function updatePoint(pointId: string, input: TDisplayPointRequest): Promise<DisplayPointDoc> {
  const fields = await storedFields(input);
  const updated = await DisplayPointModel.findOneAndUpdate(
    { _id: pointId },
    { $set: fields },
    { returnDocument: 'after' },
  ).lean<DisplayPointDoc>();
  if (!updated) throw pointNotFound();
  return updated;
}

/** Only an empty point goes: stock still on its shelf must be returned or counted out first. */
export async function deletePoint(pointId: string): Promise<void> {
  await getPoint(pointId);
  const stocked = await ConsignmentStockModel.exists({ pointId, quantity: trusted({ $gt: 0 }) }).setOptions({
    crossTenant: true,
  });
  if (stocked) {
    throw new AppError(
      'INVALID_STATE',
      'Titik pajang masih menyimpan stok. Catat retur atau stok opname sampai kosong sebelum menghapusnya.',
    );
  }
  await DisplayPointModel.deleteOne({ _id: pointId });
}
