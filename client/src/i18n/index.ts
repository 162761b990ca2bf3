import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { z } from 'zod';
// One locale file each: `z.locales` would pull every language zod ships into the bundle.
import zodEn from 'zod/v4/locales/en.js';
import zodId from 'zod/v4/locales/id.js';
import { LOCALES, type TLocale } from '@shared/contracts/accounts';
import { id } from './id';
import { en } from './en';

export const defaultNS = 'translation';
export const resources = { id: { translation: id }, en: { translation: en } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof id };
  }
}

const STORAGE_KEY = 'pasar-umkm.language';

function isLocale(value: unknown): value is TLocale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLanguage(): TLocale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage may be blocked (private mode); Indonesian is the default anyway
  }
  return 'id';
}

/** Zod's own messages (those not written into a schema) follow the UI language. */
function applyLanguage(language: TLocale): void {
  z.config(language === 'en' ? zodEn() : zodId());
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // ignore
  }
}

const initial = storedLanguage();
applyLanguage(initial);

void i18n.use(initReactI18next).init({
  resources,
  lng: initial,
  fallbackLng: 'id',
  supportedLngs: [...LOCALES],
  defaultNS,
  interpolation: { escapeValue: false },
  initAsync: false,
});

i18n.on('languageChanged', (language) => {
  if (isLocale(language)) applyLanguage(language);
});

export function currentLanguage(): TLocale {
  return isLocale(i18n.language) ? i18n.language : 'id';
}

export function setLanguage(language: TLocale): void {
  if (language !== i18n.language) void i18n.changeLanguage(language);
}

export default i18n;
