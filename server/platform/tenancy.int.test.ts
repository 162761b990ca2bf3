import { Types } from 'mongoose';
import { UserModel } from '../modules/accounts/user.model';
import { createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/helpers/app';
import { TenantScopeError } from './db';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('tenant scoping', () => {
  it('refuses a query on tenant data that does not name the organisation', async () => {
    await createUser();
    await expect(UserModel.find({})).rejects.toBeInstanceOf(TenantScopeError);
    await expect(UserModel.findOne({ email: 'x@y.id' })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(UserModel.updateMany({}, { $set: { locale: 'en' } })).rejects.toBeInstanceOf(
      TenantScopeError,
    );
    await expect(UserModel.deleteOne({ _id: new Types.ObjectId() })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(UserModel.aggregate([{ $group: { _id: '$roles' } }])).rejects.toBeInstanceOf(
      TenantScopeError,
    );
  });

  it('allows queries that name it, and deliberate cross-tenant reads', async () => {
    const { user, organisation } = await createUser();
    expect(await UserModel.countDocuments({ organisationId: organisation._id })).toBe(1);
    const found = await UserModel.findOne({ email: user.email }).setOptions({ crossTenant: true });
    expect(String(found?._id)).toBe(String(user._id));
  });
});
