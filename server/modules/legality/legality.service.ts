import { createHash } from 'node:crypto';
import { trusted } from 'mongoose';
import type { TCreateLegalityDocumentRequest } from '../../../shared/contracts/legality';
import { normaliseLegalityNumber } from '../../../shared/legality/documents';
import type { TLegalityDocumentState } from '../../../shared/legality/requirements';
import { todayInWib } from '../../../shared/time';
import { isDuplicateKeyError } from '../../platform/db';
import { AppError } from '../../platform/http/errors';
import { extensionFor } from '../../platform/http/file-types';
import type { Actor, FileDownload, UploadedFile } from '../../platform/http/route';
import type { StoragePort } from '../../platform/storage';
import { regencyCodes } from '../regions';
import { LegalityDocumentModel, type LegalityDocumentDoc } from './legality-document.model';

const notFound = () => new AppError('NOT_FOUND', 'Dokumen legalitas tidak ditemukan.');

/**
 * What this module needs from the catalog, wired in by the app: the catalog depends on legality, so
 * legality reaches back only through this port. `legalityChanged` re-checks what is on sale.
 */
export interface ProductLink {
  /** Throws NOT_FOUND unless every id is a product of this organisation. */
  assertOwnProducts(organisationId: string, productIds: readonly string[]): Promise<void>;
  legalityChanged(organisationId: string): Promise<void>;
}

export async function listDocuments(actor: Actor): Promise<LegalityDocumentDoc[]> {
  return documentsOf(actor.organisationId);
}

export async function createDocument(
  actor: Actor,
  input: TCreateLegalityDocumentRequest,
  products: ProductLink,
  now = new Date(),
): Promise<LegalityDocumentDoc> {
  const codes = await regencyCodes();
  const number = normaliseLegalityNumber(input.type, input.number, {
    regencyExists: (code) => codes.has(code),
  });
  if (!number.ok) {
    throw new AppError('VALIDATION_FAILED', number.message, {
      issues: [{ path: ['number'], message: number.message }],
    });
  }
  if (input.issuedOn > todayInWib(now)) {
    const message = 'Tanggal terbit tidak boleh di masa depan';
    throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: ['issuedOn'], message }] });
  }
  await products.assertOwnProducts(actor.organisationId, input.productIds);
  try {
    const created = await LegalityDocumentModel.create({
      organisationId: actor.organisationId,
      type: input.type,
      number: number.number,
      issuer: input.issuer,
      issuedOn: input.issuedOn,
      expiresOn: input.expiresOn,
      productIds: input.productIds,
      createdByUserId: actor.userId,
    });
    // A renewal puts products that lapsed back on sale.
    await products.legalityChanged(actor.organisationId);
    return created.toObject();
  } catch (error) {
    if (isDuplicateKeyError(error)) {
      throw new AppError('ALREADY_EXISTS', 'Dokumen dengan jenis dan nomor ini sudah ada di brankas Anda.', {
        issues: [{ path: ['number'], message: 'Nomor ini sudah terdaftar' }],
      });
    }
    throw error;
  }
}

/**
 * Stores the scan under a key derived from its content, then points the document at it; the old scan
 * is deleted only after the document no longer refers to it, so a failure never leaves a dangling link.
 */
export async function attachFile(
  actor: Actor,
  documentId: string,
  file: UploadedFile,
  storage: StoragePort,
): Promise<LegalityDocumentDoc> {
  const current = await LegalityDocumentModel.findOne({
    _id: documentId,
    organisationId: actor.organisationId,
  }).lean<LegalityDocumentDoc>();
  if (!current) throw notFound();
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const key = `legality/${actor.organisationId}/${documentId}/${sha256}`;
  await storage.put(key, file.data);
  const updated = await LegalityDocumentModel.findOneAndUpdate(
    { _id: documentId, organisationId: actor.organisationId },
    {
      $set: {
        file: { key, contentType: file.contentType, size: file.data.length, sha256, uploadedAt: new Date() },
      },
    },
    { returnDocument: 'after' },
  ).lean<LegalityDocumentDoc>();
  if (!updated) {
    await storage.delete(key);
    throw notFound();
  }
  if (current.file && current.file.key !== key) await storage.delete(current.file.key);
  return updated;
}

/** The seller reads its own scans; Dinkop curators read any, that is what reviewing means. */
export async function readFile(
  actor: Actor,
  documentId: string,
  storage: StoragePort,
): Promise<FileDownload> {
  const document =
    actor.organisationKind === 'dinkop'
      ? await LegalityDocumentModel.findOne({ _id: documentId })
          .setOptions({ crossTenant: true })
          .lean<LegalityDocumentDoc>()
      : await LegalityDocumentModel.findOne({
          _id: documentId,
          organisationId: actor.organisationId,
        }).lean<LegalityDocumentDoc>();
  if (!document?.file) throw notFound();
  const data = await storage.get(document.file.key);
  if (!data) throw notFound();
  return {
    data,
    contentType: document.file.contentType,
    filename: `${document.type}-${document.number}.${extensionFor(document.file.contentType)}`,
  };
}

/** Which products a document covers; products that lose their only valid document go off sale, with the reason. */
export async function setDocumentProducts(
  actor: Actor,
  documentId: string,
  productIds: readonly string[],
  products: ProductLink,
): Promise<LegalityDocumentDoc> {
  await products.assertOwnProducts(actor.organisationId, productIds);
  const updated = await LegalityDocumentModel.findOneAndUpdate(
    { _id: documentId, organisationId: actor.organisationId },
    { $set: { productIds } },
    { returnDocument: 'after' },
  ).lean<LegalityDocumentDoc>();
  if (!updated) throw notFound();
  await products.legalityChanged(actor.organisationId);
  return updated;
}

/** A product that relied on the removed document goes off sale with the reason, never silently. */
export async function deleteDocument(
  actor: Actor,
  documentId: string,
  storage: StoragePort,
  products: ProductLink,
): Promise<void> {
  const deleted = await LegalityDocumentModel.findOneAndDelete({
    _id: documentId,
    organisationId: actor.organisationId,
  }).lean<LegalityDocumentDoc>();
  if (!deleted) throw notFound();
  await products.legalityChanged(actor.organisationId);
  if (deleted.file) await storage.delete(deleted.file.key);
}

/**
 * What the requirement rules need to know about a UMKM's vault, for many products at once: one read,
 * then per product the business-wide documents plus those attached to it (no product: business-wide).
 */
export async function legalityStatesResolver(
  organisationId: string,
): Promise<(productId?: string) => TLegalityDocumentState[]> {
  return statesResolver(await LegalityDocumentModel.find({ organisationId }).lean<LegalityDocumentDoc[]>());
}

function statesResolver(
  documents: readonly LegalityDocumentDoc[],
): (productId?: string) => TLegalityDocumentState[] {
  return (productId) =>
    documents
      .filter(
        (doc) =>
          doc.productIds.length === 0 ||
          (productId !== undefined && doc.productIds.some((id) => String(id) === productId)),
      )
      // `YYYY-MM-DD` parses as UTC midnight: still that calendar day in Jakarta, which the rules compare.
      .map((doc) => ({ type: doc.type, expiresOn: doc.expiresOn ? new Date(doc.expiresOn) : null }));
}

/**
 * Many UMKM's vaults in one read (Dinkop's registry lists a page of them at a time): per organisation
 * its documents and the same per-product resolver as legalityStatesResolver.
 */
export async function vaultsOf(
  organisationIds: readonly string[],
): Promise<
  Map<
    string,
    { documents: LegalityDocumentDoc[]; statesFor: (productId?: string) => TLegalityDocumentState[] }
  >
> {
  const documents = await LegalityDocumentModel.find({
    organisationId: trusted({ $in: [...organisationIds] }),
  })
    .setOptions({ crossTenant: true })
    .lean<LegalityDocumentDoc[]>();
  const byOrganisation = new Map(organisationIds.map((id) => [id, [] as LegalityDocumentDoc[]]));
  for (const doc of documents) byOrganisation.get(String(doc.organisationId))?.push(doc);
  return new Map(
    [...byOrganisation].map(([id, own]) => [id, { documents: own, statesFor: statesResolver(own) }]),
  );
}

/** The documents that count for one product (or, without one, for the business). Any organisation. */
export async function legalityStatesOf(
  organisationId: string,
  productId?: string,
): Promise<TLegalityDocumentState[]> {
  return (await legalityStatesResolver(organisationId))(productId);
}

/** Documents of every UMKM whose expiry date falls in [from, to] (WIB calendar dates), for the daily sweep. */
export async function documentsExpiringBetween(from: string, to: string): Promise<LegalityDocumentDoc[]> {
  return LegalityDocumentModel.find({ expiresOn: trusted({ $gte: from, $lte: to }) })
    .setOptions({ crossTenant: true })
    .sort({ expiresOn: 1, _id: 1 })
    .lean<LegalityDocumentDoc[]>();
}

export async function documentsOf(organisationId: string): Promise<LegalityDocumentDoc[]> {
  return LegalityDocumentModel.find({ organisationId })
    .sort({ type: 1, createdAt: 1 })
    .lean<LegalityDocumentDoc[]>();
}
