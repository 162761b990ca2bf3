import { createHash } from 'node:crypto';
import type { TCreateLegalityDocumentRequest } from '../../../shared/contracts/legality';
import { normaliseLegalityNumber } from '../../../shared/legality/documents';
import { todayInWib } from '../../../shared/time';
import { isDuplicateKeyError } from '../../platform/db';
import { AppError } from '../../platform/http/errors';
import { extensionFor } from '../../platform/http/file-types';
import type { Actor, FileDownload, UploadedFile } from '../../platform/http/route';
import type { StoragePort } from '../../platform/storage';
import { regencyCodes } from '../regions';
import { LegalityDocumentModel, type LegalityDocumentDoc } from './legality-document.model';

const notFound = () => new AppError('NOT_FOUND', 'Dokumen legalitas tidak ditemukan.');

export async function listDocuments(actor: Actor): Promise<LegalityDocumentDoc[]> {
  return documentsOf(actor.organisationId);
}

export async function createDocument(
  actor: Actor,
  input: TCreateLegalityDocumentRequest,
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
  try {
    const created = await LegalityDocumentModel.create({
      organisationId: actor.organisationId,
      type: input.type,
      number: number.number,
      issuer: input.issuer,
      issuedOn: input.issuedOn,
      expiresOn: input.expiresOn,
      createdByUserId: actor.userId,
    });
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

export async function deleteDocument(actor: Actor, documentId: string, storage: StoragePort): Promise<void> {
  const deleted = await LegalityDocumentModel.findOneAndDelete({
    _id: documentId,
    organisationId: actor.organisationId,
  }).lean<LegalityDocumentDoc>();
  if (!deleted) throw notFound();
  if (deleted.file) await storage.delete(deleted.file.key);
}

/** What the requirement rules need to know about a UMKM's vault (any organisation: used by curation). */
export async function legalityStatesOf(
  organisationId: string,
): Promise<Array<{ type: LegalityDocumentDoc['type']; expiresOn: Date | null }>> {
  const documents = await LegalityDocumentModel.find({ organisationId }).lean<LegalityDocumentDoc[]>();
  // `YYYY-MM-DD` parses as UTC midnight: still that calendar day in Jakarta, which the rules compare.
  return documents.map((doc) => ({
    type: doc.type,
    expiresOn: doc.expiresOn ? new Date(doc.expiresOn) : null,
  }));
}

export async function documentsOf(organisationId: string): Promise<LegalityDocumentDoc[]> {
  return LegalityDocumentModel.find({ organisationId })
    .sort({ type: 1, createdAt: 1 })
    .lean<LegalityDocumentDoc[]>();
}
