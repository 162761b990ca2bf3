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
