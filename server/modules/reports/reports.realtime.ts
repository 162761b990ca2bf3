import {
  REPORTS_TODAY_CHANGED_EVENT,
  type TReportsTodayChangedEvent,
} from '../../../shared/contracts/reports';
import { todayInWib } from '../../../shared/time';
import { publishLive, rooms } from '../../platform/realtime';

/**
 * Dinkop sees every seller's counters and the seller its own; the event carries no figures, so a
 * room that hears about another seller's sale learns only that "today" changed.
 */
export function announceTodayChanged(sellerOrganisationId: string, now: Date = new Date()): void {
  const payload: TReportsTodayChangedEvent = { date: todayInWib(now) };
  publishLive(
    [rooms.dinkop(), rooms.organisation(sellerOrganisationId)],
    REPORTS_TODAY_CHANGED_EVENT,
    payload,
  );
}
