import type { Types } from 'mongoose';
import { trusted } from 'mongoose';
import type { Actor } from '../../platform/http/route';
import { OrganisationModel } from './organisation.model';
import { SessionModel } from './session.model';
import { hashToken, newToken } from './tokens';
import { UserModel } from './user.model';

const SLIDE_AFTER_MS = 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

export async function createSession(
  user: { _id: Types.ObjectId; organisationId: Types.ObjectId },
  ttlHours: number,
  userAgent: string | undefined,
): Promise<IssuedSession> {
  const token = newToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlHours * HOUR_MS);
  await SessionModel.create({
    _id: hashToken(token),
    userId: user._id,
    organisationId: user.organisationId,
    expiresAt,
    lastSeenAt: now,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

/** The actor of a user as the route guard would see it; also what the admin CLI and seed act as. */
export async function actorForUser(
  userId: Types.ObjectId | string,
  sessionId = '',
  /** Known from the session: then the user and the organisation are read together, not one after the other. */
  organisationId?: Types.ObjectId | string,
): Promise<Actor | null> {
  const [user, known] = await Promise.all([
    UserModel.findById(userId).setOptions({ crossTenant: true }).lean(),
    organisationId ? OrganisationModel.findById(organisationId).lean() : null,
  ]);
  if (!user) return null;
  // A member belongs to one organisation for good; a mismatch would be a bug, and is read afresh.
  const organisation =
    known && String(known._id) === String(user.organisationId)
      ? known
      : await OrganisationModel.findById(user.organisationId).lean();
  if (!organisation) return null;
  return {
    userId: String(user._id),
    name: user.name,
    sessionId,
    organisationId: String(organisation._id),
    organisationKind: organisation.kind,
    organisationStatus: organisation.status,
    roles: [...user.roles],
  };
}

/**
 * Token → who is calling, read fresh from the user and organisation on every request so that a role
 * change or a verification takes effect at once. Sliding expiry, refreshed at most hourly.
 */
export async function resolveActor(token: string, ttlHours: number): Promise<Actor | null> {
  const sessionId = hashToken(token);
  const now = new Date();
  // By id alone, expiry checked here: the test server (ADR 001) uses its _id index only for a bare _id.
  const session = await SessionModel.findOne({ _id: sessionId }).lean();
  if (!session || session.expiresAt <= now) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > SLIDE_AFTER_MS) {
    await SessionModel.updateOne(
      { _id: sessionId },
      { $set: { lastSeenAt: now, expiresAt: new Date(now.getTime() + ttlHours * HOUR_MS) } },
    );
  }
  return actorForUser(session.userId, sessionId, session.organisationId);
}

export async function revokeSession(sessionId: string): Promise<void> {
  await SessionModel.deleteOne({ _id: sessionId });
}

export async function revokeAllSessions(userId: Types.ObjectId | string): Promise<void> {
  await SessionModel.deleteMany({ userId });
}

/** Real MongoDB's TTL index does this on its own; the maintenance job calls it for servers without TTL. */
export async function purgeExpiredSessions(now = new Date()): Promise<number> {
  const result = await SessionModel.deleteMany({ expiresAt: trusted({ $lte: now }) });
  return result.deletedCount;
}
