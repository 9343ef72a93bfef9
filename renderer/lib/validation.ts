import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { FieldIssue } from '../../shared/errors';
import { fieldIssues } from '../../shared/ipc/zod-issues';

export type FieldErrors = Record<string, string>;

/** Field issues → translated messages keyed by field path; the first issue of a field wins. */
export function toFieldErrors(issues: readonly FieldIssue[], t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    if (errors[issue.path] !== undefined) continue;
    errors[issue.path] = issue.message.startsWith('validation.') ? t(issue.message, issue.params ?? {}) : issue.message;
  }
  return errors;
}

export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  t: TFunction,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: toFieldErrors(fieldIssues(parsed.error), t) };
}
