import type { TInvitationPreview, TMeResponse } from '../../../shared/contracts/accounts';
import type { TDeliveryLocation } from '../../../shared/contracts/delivery-locations';
import type { TInvitation, TMember, TOrganisation } from '../../../shared/contracts/organisations';
import type { TAddress } from '../../../shared/contracts/regions';
import type { DeliveryLocationDoc } from './delivery-location.model';
import type { InvitationDoc } from './invitation.model';
import type { OrganisationDoc } from './organisation.model';
import type { UserDoc } from './user.model';

type StoredAddress = NonNullable<OrganisationDoc['address']>;

/** An address as stored (organisation or delivery location), without what mongoose adds. */
export function presentAddress(address: StoredAddress): TAddress {
  return {
    street: address.street,
    province: { code: address.province!.code, name: address.province!.name },
    regency: { code: address.regency!.code, name: address.regency!.name },
    district: { code: address.district!.code, name: address.district!.name },
    village: address.village ? { code: address.village.code, name: address.village.name } : null,
    postalCode: address.postalCode ?? null,
  };
}

export function presentOrganisation(org: OrganisationDoc): TOrganisation {
  return {
    id: String(org._id),
    kind: org.kind,
    buyerType: org.buyerType ?? null,
    name: org.name,
    phone: org.phone ?? null,
    address: org.address ? presentAddress(org.address) : null,
    status: org.status,
    rejectionReason: org.rejectionReason ?? null,
    verifiedAt: org.verifiedAt ? org.verifiedAt.toISOString() : null,
    createdAt: (org as { createdAt: Date }).createdAt.toISOString(),
  };
}

export function presentMe(user: UserDoc, org: OrganisationDoc): TMeResponse {
  return {
    user: {
      id: String(user._id),
      email: user.email,
      name: user.name,
      phone: user.phone ?? null,
      locale: user.locale,
      roles: [...user.roles],
      // Accounts older than the setting have no field: they get notices, as the default says.
      notices: { email: user.notices?.email ?? true, whatsapp: user.notices?.whatsapp ?? true },
    },
    organisation: {
      id: String(org._id),
      kind: org.kind,
      buyerType: org.buyerType ?? null,
      name: org.name,
      status: org.status,
    },
  };
}

export function presentMember(user: UserDoc): TMember {
  return {
    userId: String(user._id),
    name: user.name,
    email: user.email,
    phone: user.phone ?? null,
    roles: [...user.roles],
    joinedAt: user.createdAt.toISOString(),
  };
}

export function presentInvitation(invitation: InvitationDoc): TInvitation {
  return {
    id: String(invitation._id),
    email: invitation.email,
    roles: [...invitation.roles],
    invitedBy: invitation.invitedByName,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
  };
}

export function presentInvitationPreview(
  invitation: InvitationDoc,
  organisation: OrganisationDoc,
): TInvitationPreview {
  return {
    organisationName: organisation.name,
    organisationKind: organisation.kind,
    email: invitation.email,
    roles: [...invitation.roles],
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

export function presentDeliveryLocation(location: DeliveryLocationDoc): TDeliveryLocation {
  return {
    id: String(location._id),
    label: location.label,
    recipientName: location.recipientName,
    recipientPhone: location.recipientPhone,
    address: presentAddress(location.address),
    note: location.note ?? null,
    createdAt: location.createdAt.toISOString(),
    updatedAt: location.updatedAt.toISOString(),
  };
}
