import { useCallback, useState } from 'react';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError } from '../api/client';
import { issueMessage, localiseSharedMessage } from '../i18n/messages';

/** Field errors keyed by the dotted path of the request body: 'organisation.address.street'. */
export type FieldErrors = Record<string, string>;

function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Validate a request body with its shared schema. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  t: TFunction,
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = pathKey(issue.path);
    errors[key] ??= issueMessage(t, issue);
  }
  return { ok: false, errors };
}

/** Field errors the server sent back with VALIDATION_FAILED. */
export function serverFieldErrors(error: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (error instanceof ApiError) {
    for (const issue of error.issues) errors[pathKey(issue.path)] ??= localiseSharedMessage(issue.message);
  }
  return errors;
}

/** A text input's wiring to one field: `<TextInput value={name} {...fields.bind('name', setName)} />`. */
export interface FieldBinding {
  onChange: (event: { currentTarget: { value: string } }) => void;
  error: string | undefined;
}

/**
 * Client-side field errors plus the server's, with the server's dropped as soon as the user edits.
 * `errorOf(key)` is what goes into a Mantine input's `error` prop; `bind(key, setValue)` gives an input both
 * its `error` and an `onChange` that stores the value and clears the field's errors.
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [server, setServer] = useState<FieldErrors>({});
  const errorOf = useCallback(
    (key: string): string | undefined => errors[key] ?? server[key],
    [errors, server],
  );
  const clear = useCallback((key: string) => {
    setErrors((current) => (key in current ? omit(current, key) : current));
    setServer((current) => (key in current ? omit(current, key) : current));
  }, []);
  const bind = useCallback(
    (key: string, setValue: (value: string) => void): FieldBinding => ({
      onChange: (event) => {
        setValue(event.currentTarget.value);
        clear(key);
      },
      error: errorOf(key),
    }),
    [errorOf, clear],
  );
  const reset = useCallback(() => {
    setErrors({});
    setServer({});
  }, []);
  return { errors, setErrors, server, setServer, errorOf, clear, bind, reset };
}

function omit(record: FieldErrors, key: string): FieldErrors {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

/** After a failed check, move the focus (and the scroll, on a phone) to the first field marked invalid. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  if (!form) return;
  requestAnimationFrame(() => {
    // Mantine marks most inputs aria-invalid, but PasswordInput only data-invalid.
    const field = form.querySelector<HTMLElement>('[aria-invalid="true"], input[data-invalid="true"]');
    field?.focus();
    field?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  });
}
