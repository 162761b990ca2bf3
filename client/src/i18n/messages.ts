import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '@shared/errors';
import { ApiError } from '../api/client';
import { isSharedMessage, sharedMessageEn } from './sharedMessages';
import i18n from './index';

function isServerCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/** The translated sentence for any error thrown by the API layer (or anything else). */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    return isServerCode(error.code) ? t(`errors.${error.code}`) : t(`clientErrors.${error.code}`);
  }
  return t('clientErrors.UNKNOWN');
}

/** A message written into a shared schema (Indonesian), in the UI language. */
export function localiseSharedMessage(message: string): string {
  if (i18n.language === 'en') return sharedMessageEn(message) ?? message;
  return message;
}

/**
 * A zod issue as a short message for under a field. Messages written into the shared schemas are kept
 * (translated to English when needed); zod's generic "too small / too big / missing" become plain words.
 */
export function issueMessage(t: TFunction, issue: z.core.$ZodIssue): string {
  if (isSharedMessage(issue.message)) return localiseSharedMessage(issue.message);
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1)
    return t('validation.required');
  if (issue.code === 'too_big' && issue.origin === 'string')
    return t('validation.tooLong', { max: Number(issue.maximum) });
  if (issue.code === 'invalid_type' && issue.input === undefined) return t('validation.required');
  return issue.message;
}
