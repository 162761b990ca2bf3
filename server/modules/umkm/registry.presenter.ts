import type { TUmkmRegistryEntry, TUmkmRegistryProduct } from '../../../shared/contracts/registry';
import { IN_CURATION, type CheckedProduct, type UmkmStanding } from './registry.service';

export function presentRegistryEntry(standing: UmkmStanding): TUmkmRegistryEntry {
  const { organisation, products, documentStatuses } = standing;
  const district = organisation.address?.district;
  const countProducts = (keep: (product: CheckedProduct) => boolean) => products.filter(keep).length;
  const countDocuments = (...statuses: string[]) =>
    documentStatuses.filter((status) => statuses.includes(status)).length;
  return {
    organisationId: String(organisation._id),
    name: organisation.name,
    district: district ? { code: district.code, name: district.name } : null,
    status: organisation.status,
    programmeTags: standing.programmeTags,
    products: {
      total: products.length,
      draft: countProducts((product) => product.status === 'draft'),
      inCuration: countProducts((product) => IN_CURATION.includes(product.status)),
      listed: countProducts((product) => product.listed),
      needsLegality: countProducts((product) => product.status === 'needs_legality'),
    },
    documents: {
      valid: countDocuments('valid', 'no_expiry'),
      expiringSoon: countDocuments('expiring_soon'),
      expired: countDocuments('expired'),
    },
    legality: {
      complete: standing.complete,
      nibValid: standing.nibValid,
      productsMissingLegality: countProducts((product) => product.missingLegality.length > 0),
    },
  };
}

export function presentRegistryProduct(product: CheckedProduct): TUmkmRegistryProduct {
  return {
    id: product.id,
    name: product.name,
    status: product.status,
    category: product.category,
    listed: product.listed,
    missingLegality: product.missingLegality.map((missing) => ({
      anyOf: [...missing.anyOf],
      reason: missing.reason,
    })),
    updatedAt: product.updatedAt.toISOString(),
  };
}
