import type { z } from 'zod';
import type { FieldIssue } from '../errors';

/** Turns zod's issues into field issues that name the offending field by its path. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const params: Record<string, string | number> = {};
    if ('minimum' in issue && (typeof issue.minimum === 'number' || typeof issue.minimum === 'bigint')) {
      params['min'] = Number(issue.minimum);
    }
    if ('maximum' in issue && (typeof issue.maximum === 'number' || typeof issue.maximum === 'bigint')) {
      params['max'] = Number(issue.maximum);
    }
    // zod says "Invalid input: expected string, received undefined" for a missing field.
    const expected = /^Invalid input: expected (\w+), received undefined$/.exec(issue.message);
    const message = expected ? `is missing (a ${expected[1]} is required)` : issue.message;
    return { path, message, ...(Object.keys(params).length ? { params } : {}) };
  });
}

/** One line per issue, for the command line and logs: `qaContact.email: must be an e-mail address`. */
export function describeIssues(issues: FieldIssue[]): string[] {
  return issues.map((issue) => `${issue.path || '(file)'}: ${issue.message}`);
}
