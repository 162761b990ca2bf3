import mongoose, { type MongooseQueryMiddleware, type Query, type Schema } from 'mongoose';

// Defence in depth behind zod: a `{ "$gt": "" }` that slipped through would be compared as a value.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

export async function connectMongo(uri: string, dbName?: string): Promise<typeof mongoose> {
  const connected = await mongoose.connect(uri, {
    ...(dbName ? { dbName } : {}),
    serverSelectionTimeoutMS: 5_000,
    // Writes are single-document and guarded; retryable writes need a replica set we may not have.
    retryWrites: false,
  });
  // Collections and indexes exist before the first write: a unique index built in the background
  // would let two registrations with one e-mail through, and on a fresh database the implicit
  // collection creation of a first write races mongoose's own createCollection.
  await Promise.all(mongoose.modelNames().map((name) => mongoose.model(name).init()));
  return connected;
}

export async function disconnectMongo(): Promise<void> {
  await mongoose.disconnect();
}

/** Reachability for /readyz: a ping with a short timeout, false rather than a hang when Mongo is gone. */
export async function pingMongo(timeoutMs = 1_000): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  try {
    await Promise.race([
      db.command({ ping: 1 }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('ping timeout')), timeoutMs).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}

const TENANT_GUARDED_QUERIES: MongooseQueryMiddleware[] = [
  'find',
  'findOne',
  'countDocuments',
  'distinct',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndReplace',
];

export class TenantScopeError extends Error {
  constructor(model: string) {
    super(
      `${model} queried without organisationId; pass it, or setOptions({ crossTenant: true }) on purpose`,
    );
    this.name = 'TenantScopeError';
  }
}

/**
 * For collections that hold one organisation's data: every query must name the organisation, or say
 * out loud (`crossTenant: true`) that it means to look across organisations, as sign-in and Dinkop do.
 */
export function tenantScoped(schema: Schema): void {
  schema.pre(TENANT_GUARDED_QUERIES, function guardTenant(this: Query<unknown, unknown>) {
    if (this.getOptions().crossTenant === true) return;
    if (!('organisationId' in this.getFilter())) throw new TenantScopeError(this.model.modelName);
  });
  schema.pre('aggregate', function guardTenantAggregate() {
    if (this.options.crossTenant === true) return;
    const first = this.pipeline()[0] as { $match?: Record<string, unknown> } | undefined;
    if (!first?.$match || !('organisationId' in first.$match)) throw new TenantScopeError('aggregate');
  });
}

/** A unique index refused the write (E11000): the caller turns it into its own 409. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
