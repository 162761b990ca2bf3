import type { Job, Processor } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import { JOBS } from '../../shared/jobs';
import { purgeExpiredInvitations, purgeExpiredSessions } from '../../server/modules/accounts';
import { refreshAllListings } from '../../server/modules/catalog';
import { finishStalePendingSteps } from '../../server/modules/consignment';
import { sendExpiryWarnings } from '../../server/modules/legality';
import { purgeExpiredPlacements, reconcileAbandonedPlacements } from '../../server/modules/orders';
import { purgeOldProviderEvents } from '../../server/modules/payments';

type MaintenanceJobName = keyof (typeof JOBS)['maintenance'];

function isMaintenanceJob(name: string): name is MaintenanceJobName {
  return Object.hasOwn(JOBS.maintenance, name);
}

/**
 * Housekeeping (what TTL indexes would do on real MongoDB, done explicitly everywhere) and the daily
 * legality sweep. `clock` is the sweep's "now", so tests can run it on any day.
 */
export function maintenanceProcessor(clock: () => Date = () => new Date()): Processor {
  return async (job: Job) => {
    if (!isMaintenanceJob(job.name)) throw new UnrecoverableError(`unknown maintenance job ${job.name}`);
    const parsed = JOBS.maintenance[job.name].safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad payload: ${parsed.error.message}`);
    switch (job.name) {
      case 'purge-expired': {
        const [sessions, invitations, placements, abandonedCheckouts, consignmentSteps, providerEvents] =
          await Promise.all([
            purgeExpiredSessions(),
            purgeExpiredInvitations(),
            purgeExpiredPlacements(),
            reconcileAbandonedPlacements(),
            finishStalePendingSteps(),
            purgeOldProviderEvents(),
          ]);
        return { sessions, invitations, placements, abandonedCheckouts, consignmentSteps, providerEvents };
      }
      case 'legality-sweep': {
        const now = clock();
        const warnings = await sendExpiryWarnings(now);
        const { unlisted, relisted, sellers } = await refreshAllListings(now);
        return { warnings, sellers, unlisted: unlisted.length, relisted: relisted.length };
      }
    }
  };
}
