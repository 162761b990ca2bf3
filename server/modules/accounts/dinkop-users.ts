import type { Types } from 'mongoose';
import { UserModel } from './user.model';

/** A Dinkop user by id (its name for the point's operator), or null. */
export async function dinkopUser(userId: string): Promise<{ id: Types.ObjectId; name: string } | null> {
  const user = await UserModel.findOne({ _id: userId, organisationKind: 'dinkop' })
    .setOptions({ crossTenant: true })
    .lean();
  return user ? { id: user._id, name: user.name } : null;
}
