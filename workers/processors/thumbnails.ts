import { UnrecoverableError, type Job, type Processor } from 'bullmq';
import { JOBS } from '../../shared/jobs';
import { makeThumbnails, UnreadableImageError } from '../../server/modules/photos';
import type { StoragePort } from '../../server/platform/storage';

/** Thumbnails of an uploaded photo; a storage hiccup is retried, an image sharp cannot read is not. */
export function thumbnailsProcessor({ storage }: { storage: StoragePort }): Processor {
  return async (job: Job) => {
    if (job.name !== 'make-thumbnails') throw new UnrecoverableError(`unknown thumbnails job ${job.name}`);
    const parsed = JOBS.thumbnails['make-thumbnails'].safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad payload: ${parsed.error.message}`);
    try {
      return await makeThumbnails(storage, parsed.data.key);
    } catch (error) {
      if (error instanceof UnreadableImageError) throw new UnrecoverableError(error.message);
      throw error;
    }
  };
}
