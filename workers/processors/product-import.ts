import { UnrecoverableError, type Job, type Processor } from 'bullmq';
import { JOBS } from '../../shared/jobs';
import { failProductImport, runProductImport } from '../../server/modules/catalog';
import type { StoragePort } from '../../server/platform/storage';

/** Turns an uploaded product CSV into drafts; BullMQ retries it (with backoff) after a failure. */
export function productImportProcessor({ storage }: { storage: StoragePort }): Processor {
  return async (job: Job) => {
    if (job.name !== 'import-products') throw new UnrecoverableError(`unknown import job ${job.name}`);
    const parsed = JOBS['product-import']['import-products'].safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad payload: ${parsed.error.message}`);
    const target = { importId: parsed.data.importId, organisationId: parsed.data.organisationId };
    try {
      return await runProductImport(target, {
        storage,
        reportProgress: (percent) => job.updateProgress(percent),
      });
    } catch (error) {
      // After the last attempt nobody runs it again: the seller must not watch it "running" forever.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await failProductImport(
          target,
          'Impor terhenti karena gangguan di server. Draf yang sudah dibuat tetap tersimpan; periksa daftar produk sebelum mengunggah ulang.',
        );
      }
      throw error;
    }
  };
}
