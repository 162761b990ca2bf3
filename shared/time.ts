/** Time is stored in UTC and shown in Asia/Jakarta (WIB, UTC+7, no daylight saving). */
export const WIB_TIME_ZONE = 'Asia/Jakarta';

type Locale = 'id' | 'en';

const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { timeZone: WIB_TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: WIB_TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }),
};
const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { timeZone: WIB_TIME_ZONE, dateStyle: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: WIB_TIME_ZONE, dateStyle: 'long' }),
};

const isoDateInWib = new Intl.DateTimeFormat('en-CA', {
  timeZone: WIB_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's calendar date in Jakarta as `YYYY-MM-DD`: what "expired today" means to a seller in Karawang. */
export function todayInWib(now: Date = new Date()): string {
  return isoDateInWib.format(now);
}

/** Whole days from one `YYYY-MM-DD` date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The ISO week (`2026-W48`) of a `YYYY-MM-DD` calendar date: Monday to Sunday, its Thursday names the year. */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function toDate(value: Date | string): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** `2026-11-23T03:05:00Z` → `23 Nov 2026, 10.05 WIB` */
export function formatDateTimeWib(value: Date | string, locale: Locale = 'id'): string {
  return `${dateTimeFormats[locale].format(toDate(value))} WIB`;
}

/** The calendar date in Jakarta: `2026-11-23T20:00:00Z` → `24 November 2026`. */
export function formatDateWib(value: Date | string, locale: Locale = 'id'): string {
  return dateFormats[locale].format(toDate(value));
}
