import type { Types } from 'mongoose';
import { LegalityDocumentModel } from './legality-document.model';

/**
 * For the Dinkop reports: of these UMKM, those with a NIB valid on `onDay` (a WIB date) that was on file
 * before `filedBefore`.
 */
export async function sellersWithValidNib(
  sellers: Types.ObjectId[],
  onDay: string,
  filedBefore: Date,
): Promise<string[]> {
  const rows = await LegalityDocumentModel.aggregate<{ _id: Types.ObjectId }>([
    {
      $match: {
        organisationId: { $in: sellers },
        type: 'nib',
        issuedOn: { $lte: onDay },
        createdAt: { $lt: filedBefore },
        $or: [{ expiresOn: null }, { expiresOn: { $gte: onDay } }],
      },
    },
    { $group: { _id: '$organisationId' } },
  ]);
  return rows.map((row) => String(row._id));
}
