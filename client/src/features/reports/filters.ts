import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ZSalesChannel } from '@shared/contracts/reports';
import { todayInWib } from '@shared/time';
import type { DashboardFilters } from './api';

export const QUICK_PICKS = ['thisMonth', 'lastMonth', 'thisQuarter', 'thisYear'] as const;
export type QuickPick = (typeof QUICK_PICKS)[number];

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Periods in WIB calendar days; "this …" ends today, so the figures never include the future. */
export function quickPeriod(pick: QuickPick, today: string = todayInWib()): { from: string; to: string } {
  const [year, month] = today.split('-').map(Number) as [number, number];
  switch (pick) {
    case 'thisMonth':
      return { from: `${year}-${pad(month)}-01`, to: today };
    case 'lastMonth': {
      const y = month === 1 ? year - 1 : year;
      const m = month === 1 ? 12 : month - 1;
      return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
    }
    case 'thisQuarter':
      return { from: `${year}-${pad(Math.floor((month - 1) / 3) * 3 + 1)}-01`, to: today };
    case 'thisYear':
      return { from: `${year}-01-01`, to: today };
  }
}

const FILTER_KEYS = ['kecamatan', 'category', 'programme', 'sellerOrganisationId'] as const;

/** The URL is the single source of the filters: a shared link opens the same view. */
export function useDashboardFilters(): [DashboardFilters, (patch: Partial<DashboardFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<DashboardFilters>(() => {
    const fallback = quickPeriod('thisMonth');
    const channel = ZSalesChannel.safeParse(params.get('channel'));
    const result: DashboardFilters = {
      from: params.get('from') ?? fallback.from,
      to: params.get('to') ?? fallback.to,
      channel: channel.success ? channel.data : undefined,
    };
    for (const key of FILTER_KEYS) result[key] = params.get(key) ?? undefined;
    return result;
  }, [params]);
  const update = useCallback(
    (patch: Partial<DashboardFilters>) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(patch)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: false },
      ),
    [setParams],
  );
  return [filters, update];
}
